"use client";

import { useEffect } from "react";
import { buttonClasses } from "./button";
import { CopyButton } from "./copy-button";
import { AlertIcon, RetryIcon } from "./icons";
import { PageMessage } from "./page-message";
import { useEnsureTheme } from "./theme";

/** The digest Next gives an error thrown on the server (the server's log names it); none for others. */
export function errorDigest(error: unknown): string | undefined {
  if (!(error instanceof Error) || !("digest" in error)) return undefined;
  return typeof error.digest === "string" && error.digest ? error.digest : undefined;
}

/**
 * What the error pages (app/error.tsx, app/global-error.tsx) say: what happened, that nothing was lost,
 * what to do, and the reference that finds the error in the server's log.
 */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const digest = errorDigest(error);
  useEnsureTheme();
  // The whole error for whoever opens the console (the page shows only the reference).
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <PageMessage
      icon={<AlertIcon />}
      tone="danger"
      title="Something went wrong"
      testId="error-page"
      actions={
        <>
          {/* A plain link: a full load of the front page, whatever state the failed page left behind. */}
          <a href="/" className={buttonClasses("secondary")}>
            Back to the studio
          </a>
          <button type="button" onClick={onRetry} className={buttonClasses("primary")}>
            <RetryIcon className="size-4" />
            Try again
          </button>
        </>
      }
    >
      <p>
        The studio could not show this page. Nothing you made is lost: clips, characters and your draft are
        kept. This is often the server or its database being briefly unavailable, so try again in a moment.
      </p>
      {digest ? (
        <>
          <p>If it keeps happening, the server’s log has the details under this reference:</p>
          <p className="flex items-center justify-center gap-1">
            <code
              data-testid="error-digest"
              className="rounded bg-ink-800 px-2 py-1 font-mono text-xs text-ink-300"
            >
              {digest}
            </code>
            <CopyButton text={digest} label="Copy the error reference" />
          </p>
        </>
      ) : (
        <p>If it keeps happening, the browser’s console has the details.</p>
      )}
    </PageMessage>
  );
}
