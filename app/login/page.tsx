import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { currentMember } from "@/lib/auth/page";
import { safeNext } from "@/lib/auth/paths";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(params.next);
  const rt = await getRuntime();
  if (await rt.setup.needsSetup()) redirect("/setup");
  if (await currentMember()) redirect(next);
  return (
    <AuthForm
      title="Sign in to Omni Studio"
      intro={<p>Accounts here are made by invitation. No account yet? Ask the studio's owner or an admin.</p>}
      endpoint="/sign-in/email"
      fields={[
        { name: "email", label: "Email", type: "email", autoComplete: "username" },
        { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
      ]}
      submit="Sign in"
      done={{ go: next }}
      footer={
        <Link href="/reset-password" className="text-accent-soft underline-offset-2 hover:underline">
          Forgot your password?
        </Link>
      }
    />
  );
}
