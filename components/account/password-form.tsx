"use client";

import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { fieldClass } from "@/components/members/parts";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

/** better-auth's answers, in the studio's words. */
function passwordError(
  status: number,
  body: { code?: string; message?: string } | null,
  min: number,
): string {
  if (status === 429) return "Too many attempts: wait a minute and try again.";
  switch (body?.code) {
    case "INVALID_PASSWORD":
      return "The current password is not right.";
    case "PASSWORD_TOO_SHORT":
      return `The new password needs at least ${min} characters.`;
    case "PASSWORD_TOO_LONG":
      return "The new password is too long (256 characters at most).";
    default:
      return body?.message ?? `The password could not be changed (the server answered ${status}).`;
  }
}

/**
 * better-auth's POST /api/auth/change-password. The studio always ends the account's other sessions on
 * a password change (lib/auth/auth.ts), and this session gets a new cookie.
 */
export function PasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<{ field: "current" | "next" | "confirm"; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    if (!current) return setError({ field: "current", message: "Enter your current password." });
    if (next.length < minLength)
      return setError({ field: "next", message: `The new password needs at least ${minLength} characters.` });
    if (next !== confirm) return setError({ field: "confirm", message: "The two new passwords differ." });
    setError(null);
    setPending(true);
    try {
      const res = await fetch("/api/auth/change-password", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ currentPassword: current, newPassword: next, revokeOtherSessions: true }),
      });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        const message = passwordError(res.status, body, minLength);
        setError({ field: body?.code === "INVALID_PASSWORD" ? "current" : "next", message });
        return;
      }
      setCurrent("");
      setNext("");
      setConfirm("");
      toast.success("Password changed", { description: "Your other sessions were signed out." });
    } catch {
      setError({ field: "next", message: "Could not reach the studio server. Check that it is running." });
    } finally {
      setPending(false);
    }
  }

  const field = (
    name: "current" | "next" | "confirm",
    label: string,
    value: string,
    set: (v: string) => void,
    autoComplete: string,
  ) => (
    <label className="flex flex-col gap-1.5 text-xs font-medium text-ink-300">
      {label}
      <input
        type="password"
        name={name}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => {
          set(e.target.value);
          if (error?.field === name) setError(null);
        }}
        aria-invalid={error?.field === name ? true : undefined}
        aria-describedby={error?.field === name ? "password-error" : undefined}
        className={fieldClass}
      />
    </label>
  );

  return (
    <form onSubmit={submit} noValidate className="flex max-w-md flex-col gap-3" data-testid="password-form">
      {/* For password managers: which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {field("current", "Current password", current, setCurrent, "current-password")}
      {field("next", `New password (at least ${minLength} characters)`, next, setNext, "new-password")}
      {field("confirm", "New password again", confirm, setConfirm, "new-password")}
      {error && (
        <p id="password-error" role="alert" className="text-xs text-danger">
          {error.message}
        </p>
      )}
      <p className="text-xs text-ink-400">
        Changing your password signs you out on every other browser and device; this one stays signed in.
        Personal API tokens keep working.
      </p>
      <div>
        <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
          {pending && <Spinner className="size-3.5" />}
          Change password
        </Button>
      </div>
    </form>
  );
}
