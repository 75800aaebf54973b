"use client";

import { AlertIcon, XIcon } from "@/components/ui/icons";
import type { Notice } from "@/lib/client/use-composer";

/**
 * Files the tray refused, as one summary that takes a line or two whatever their number: the latest
 * reason in full, the earlier ones behind a disclosure, and one Dismiss for all of them. Each refusal
 * names its file and the rule, so nothing is lost by grouping.
 */
export function UploadNotices({
  notices,
  onDismiss,
}: {
  notices: Notice[];
  onDismiss: (ids: number[]) => void;
}) {
  const latest = notices.at(-1);
  if (!latest) return null;
  const earlier = notices.slice(0, -1).reverse();
  const count = notices.length;
  return (
    <div
      data-testid="upload-notices"
      role="status"
      className="flex items-start gap-2 rounded-lg border border-danger/30 bg-danger/10 py-1.5 pr-1.5 pl-2.5 text-xs leading-5 text-danger"
    >
      <AlertIcon className="mt-0.5 size-3.5 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="break-words">{latest.message}</p>
        {earlier.length > 0 && (
          <details className="group">
            <summary className="cursor-pointer list-none rounded text-danger/85 focus-visible:outline-2 focus-visible:outline-danger [&::-webkit-details-marker]:hidden">
              <span className="font-semibold" data-testid="upload-notices-summary">
                {count} files were not added
              </span>{" "}
              <span className="underline underline-offset-2 group-open:hidden">
                show the other {earlier.length}
              </span>
              <span className="hidden underline underline-offset-2 group-open:inline">hide the others</span>
            </summary>
            <ul className="mt-0.5 flex max-h-28 flex-col gap-0.5 overflow-y-auto [scrollbar-width:thin]">
              {earlier.map((n) => (
                <li key={n.id} className="break-words">
                  {n.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <button
        type="button"
        aria-label={count > 1 ? `Dismiss all ${count}` : "Dismiss"}
        title={count > 1 ? `Dismiss all ${count}` : "Dismiss"}
        onClick={() => onDismiss(notices.map((n) => n.id))}
        className="rounded p-0.5 text-danger/80 hover:bg-danger/20 hover:text-danger focus-visible:outline-2 focus-visible:outline-danger"
      >
        <XIcon className="size-3.5" />
      </button>
    </div>
  );
}
