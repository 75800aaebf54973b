"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { LogoMark } from "@/components/ui/logo-mark";

// The sign-in, setup, invitation and password-reset forms: each posts JSON to one of better-auth's routes
// (/api/auth/*, so its rate limiter counts every attempt), shows the route's own refusal in words, and
// goes on to `done` when it worked.

export interface AuthField {
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  hint?: string;
  minLength?: number;
  defaultValue?: string;
  readOnly?: boolean;
}

export interface AuthFormProps {
  title: string;
  intro?: ReactNode;
  fields: AuthField[];
  /** better-auth's route under /api/auth, e.g. "/sign-in/email". */
  endpoint: string;
  /** Fixed values sent with the fields (an invitation's secret, the page to come back to). */
  extra?: Record<string, string>;
  submit: string;
  /** Where to go when it worked, or a message to show instead. */
  done: { go: string } | { say: string };
  footer?: ReactNode;
}

function messageFor(
  status: number,
  body: { error?: { message?: string } } | null,
  retryAfter: string | null,
) {
  if (status === 429) {
    const seconds = Number(retryAfter);
    return `Too many attempts from here. Wait ${Number.isFinite(seconds) && seconds > 0 ? `${Math.ceil(seconds)} seconds` : "a minute"} and try again.`;
  }
  if (status === 401) return "That email and password do not match an account here.";
  return body?.error?.message ?? `The studio answered ${status}. Try again.`;
}

export function AuthForm({ title, intro, fields, endpoint, extra, submit, done, footer }: AuthFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [finished, setFinished] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setPending(true);
    const data = Object.fromEntries(new FormData(e.currentTarget).entries());
    try {
      const res = await fetch(`/api/auth${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...data, ...extra }),
      });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        setError(messageFor(res.status, body, res.headers.get("x-retry-after")));
        setPending(false);
        return;
      }
      if ("go" in done) window.location.assign(done.go);
      else {
        setFinished(done.say);
        setPending(false);
      }
    } catch {
      setError("The studio could not be reached. Check the connection and try again.");
      setPending(false);
    }
  }

  return (
    <main className="flex min-h-screen items-center justify-center p-4 sm:p-6">
      <form
        onSubmit={onSubmit}
        noValidate={false}
        className="w-full max-w-sm space-y-4 rounded-card border border-ink-700 bg-ink-900 p-6 shadow-xl"
      >
        <div className="flex items-center gap-2.5">
          <LogoMark size="lg" />
          <h1 className="font-semibold text-ink-100 text-lg">{title}</h1>
        </div>
        {intro ? <div className="space-y-2 text-ink-300 text-sm">{intro}</div> : null}
        {finished ? (
          <p role="status" className="rounded-lg border border-ok/40 bg-ok/10 px-3 py-2 text-ink-100 text-sm">
            {finished}
          </p>
        ) : (
          <>
            {fields.map((f) => (
              <label key={f.name} className="block space-y-1.5">
                <span className="font-medium text-ink-100 text-sm">{f.label}</span>
                <input
                  name={f.name}
                  type={f.type ?? "text"}
                  required
                  minLength={f.minLength}
                  autoComplete={f.autoComplete}
                  defaultValue={f.defaultValue}
                  readOnly={f.readOnly}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? "auth-error" : undefined}
                  className="w-full rounded-lg border border-ink-600 bg-ink-950 px-3 py-2 text-ink-100 outline-none read-only:text-ink-300 focus-visible:ring-2 focus-visible:ring-accent"
                />
                {f.hint ? <span className="block text-ink-400 text-xs">{f.hint}</span> : null}
              </label>
            ))}
            {error ? (
              <p id="auth-error" role="alert" className="text-danger text-sm">
                {error}
              </p>
            ) : null}
            <Button type="submit" variant="primary" className="w-full" disabled={pending}>
              {pending ? "Working…" : submit}
            </Button>
          </>
        )}
        {footer ? <div className="text-ink-400 text-sm">{footer}</div> : null}
      </form>
    </main>
  );
}
