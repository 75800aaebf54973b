import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { MIN_PASSWORD } from "@/lib/auth/auth";
import { getConfig } from "@/lib/config/env";

export const metadata: Metadata = { title: "Reset password" };
export const dynamic = "force-dynamic";

/**
 * Without `?token`: asks for the email and mails a reset link (when SMTP is set). With it (the mailed
 * link lands here through better-auth's check): a new password, which ends every session of the account.
 */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { token, error } = await searchParams;
  const back = (
    <Link href="/login" className="text-accent-soft hover:underline">
      Back to sign in
    </Link>
  );
  if (error) {
    return (
      <AuthForm
        title="Reset password"
        intro={<p>That reset link is not valid or has expired. Ask for a new one below.</p>}
        endpoint="/request-password-reset"
        extra={{ redirectTo: "/reset-password" }}
        fields={[{ name: "email", label: "Email", type: "email", autoComplete: "username" }]}
        submit="Send reset link"
        done={{ say: "If an account has that email, a reset link is on its way." }}
        footer={back}
      />
    );
  }
  if (token) {
    return (
      <AuthForm
        title="Choose a new password"
        intro={<p>Every session of the account ends; sign in again with the new password.</p>}
        endpoint="/reset-password"
        extra={{ token }}
        fields={[
          {
            name: "newPassword",
            label: "New password",
            type: "password",
            autoComplete: "new-password",
            minLength: MIN_PASSWORD,
            hint: `At least ${MIN_PASSWORD} characters.`,
          },
        ]}
        submit="Set password"
        done={{ go: "/login" }}
        footer={back}
      />
    );
  }
  if (!getConfig().mail) {
    return (
      <main className="flex min-h-screen items-center justify-center p-6">
        <div className="w-full max-w-sm space-y-3 rounded-card border border-ink-700 bg-ink-900 p-6 shadow-xl">
          <h1 className="font-semibold text-ink-100 text-lg">Reset password</h1>
          <p className="text-ink-300 text-sm">
            This studio does not send mail (no SMTP server is set up). Ask the studio's owner or an admin:
            they can remove your account and invite you again.
          </p>
          {back}
        </div>
      </main>
    );
  }
  return (
    <AuthForm
      title="Reset password"
      intro={<p>We will mail a link to set a new password. It works for an hour.</p>}
      endpoint="/request-password-reset"
      extra={{ redirectTo: "/reset-password" }}
      fields={[{ name: "email", label: "Email", type: "email", autoComplete: "username" }]}
      submit="Send reset link"
      done={{ say: "If an account has that email, a reset link is on its way." }}
      footer={back}
    />
  );
}
