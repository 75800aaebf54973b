"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldMessage } from "@/components/ui/field-message";
import { LockIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { MAX_GUEST_NAME, MAX_LINK_PASSWORD } from "@/lib/share/limits";
import { guestApi } from "./api";

const field =
  "h-11 w-full rounded-lg border border-ink-700 bg-ink-950 px-3 text-[15px] text-ink-100 placeholder:text-ink-400 hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40";

/**
 * A share link's gate: its password (when it has one), then the guest's name. Each step sets the guest's
 * cookie (lib/share/gate.ts) and reloads the page's server part, which then shows the next step or the clips.
 */
export function GuestGate({
  token,
  step,
  sharedBy,
  what,
}: {
  token: string;
  step: "password" | "name";
  sharedBy: string;
  /** "a clip", "3 takes", "a set of clips". */
  what: string;
}) {
  const router = useRouter();
  const ids = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!value.trim()) return;
    setPending(true);
    setError(null);
    try {
      await (step === "password" ? guestApi.password(token, value) : guestApi.name(token, value));
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setPending(false);
    }
  }

  const password = step === "password";
  return (
    <main
      className="mx-auto flex w-full max-w-md flex-col gap-6 px-5 py-14 sm:py-20"
      data-testid={`guest-${step}`}
    >
      <div className="flex flex-col items-center gap-3 text-center">
        <span className="flex size-12 items-center justify-center rounded-full bg-accent/15 text-accent-soft">
          {password ? (
            <LockIcon className="size-5" />
          ) : (
            <svg aria-hidden viewBox="0 0 24 24" className="size-5 fill-current">
              <path d="M8 5.5v13l10.5-6.5z" />
            </svg>
          )}
        </span>
        <h1 className="text-xl font-semibold text-balance text-ink-100">
          {sharedBy} shared {what} with you for review
        </h1>
        <p className="text-sm leading-6 text-pretty text-ink-400">
          {password
            ? "This link is protected. Enter the password you were given with it."
            : "Tell the team who you are: your name appears on your comments and reviews, marked as a guest. No account needed."}
        </p>
      </div>
      <form
        onSubmit={submit}
        className="flex flex-col gap-3 rounded-card border border-ink-700 bg-ink-900 p-5 shadow-[var(--shadow-card)]"
      >
        <label htmlFor={`${ids}-input`} className="text-sm font-medium text-ink-100">
          {password ? "Password" : "Your name"}
        </label>
        <input
          id={`${ids}-input`}
          className={field}
          type={password ? "password" : "text"}
          autoComplete={password ? "current-password" : "name"}
          // biome-ignore lint/a11y/noAutofocus: the page's one field, the only thing to do here
          autoFocus
          value={value}
          maxLength={password ? MAX_LINK_PASSWORD : MAX_GUEST_NAME}
          placeholder={password ? "" : "e.g. Mara from the agency"}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${ids}-error` : undefined}
        />
        {error && (
          <FieldMessage id={`${ids}-error`} data-testid="guest-gate-error">
            {error}
          </FieldMessage>
        )}
        <Button
          type="submit"
          variant="primary"
          size="lg"
          disabled={pending || !value.trim()}
          className="mt-1"
        >
          {pending && <Spinner className="size-4" />}
          {password ? "Open" : "Continue"}
        </Button>
      </form>
    </main>
  );
}
