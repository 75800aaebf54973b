import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { peekInvitation } from "@/lib/accounts/invitations";
import { MIN_PASSWORD } from "@/lib/auth/auth";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "Join the studio" };
export const dynamic = "force-dynamic";

const WHY = {
  accepted: "This invitation was already used. Sign in instead, or ask for a new one.",
  revoked: "This invitation was revoked. Ask the studio's owner or an admin for a new one.",
  expired: "This invitation has expired. Ask the studio's owner or an admin for a new one.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const rt = await getRuntime();
  const invitation = await peekInvitation(rt.db.prisma, token);
  if (!invitation || "unusable" in invitation) {
    const why = invitation && invitation.status !== "pending" ? WHY[invitation.status] : null;
    return (
      <main className="flex min-h-screen items-center justify-center p-6">
        <div className="w-full max-w-sm space-y-3 rounded-card border border-ink-700 bg-ink-900 p-6 shadow-xl">
          <h1 className="font-semibold text-ink-100 text-lg">This invitation cannot be used</h1>
          <p className="text-ink-300 text-sm">
            {why ?? "The link is not valid: check that it was copied whole, or ask for a new one."}
          </p>
          <Link href="/login" className="text-accent-soft text-sm hover:underline">
            Go to sign in
          </Link>
        </div>
      </main>
    );
  }
  return (
    <AuthForm
      title="Join Omni Studio"
      intro={
        <p>
          {invitation.invitedBy ?? "The studio"} invited you as{" "}
          <strong className="text-ink-100">{invitation.role}</strong>. Make your account to start.
        </p>
      }
      endpoint="/sign-up/email"
      extra={{ invitation: token }}
      fields={[
        { name: "name", label: "Your name", autoComplete: "name" },
        {
          name: "email",
          label: "Email",
          type: "email",
          autoComplete: "username",
          defaultValue: invitation.email ?? undefined,
        },
        {
          name: "password",
          label: "Password",
          type: "password",
          autoComplete: "new-password",
          minLength: MIN_PASSWORD,
          hint: `At least ${MIN_PASSWORD} characters.`,
        },
      ]}
      submit="Create account"
      done={{ go: "/" }}
    />
  );
}
