import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { type AuthField, AuthForm } from "@/components/auth/auth-form";
import { MIN_PASSWORD } from "@/lib/auth/auth";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

/** First run: the account made here owns the studio. Closed for good once it exists. */
export default async function SetupPage() {
  const rt = await getRuntime();
  if (!(await rt.setup.needsSetup())) redirect("/login");
  const fields: AuthField[] = [
    { name: "name", label: "Your name", autoComplete: "name" },
    { name: "email", label: "Email", type: "email", autoComplete: "username" },
    {
      name: "password",
      label: "Password",
      type: "password",
      autoComplete: "new-password",
      minLength: MIN_PASSWORD,
      hint: `At least ${MIN_PASSWORD} characters.`,
    },
  ];
  if (rt.setup.codeRequired) {
    fields.push({
      name: "setupCode",
      label: "Setup code",
      autoComplete: "off",
      hint: "Printed in the server's log when it started (it listens beyond this machine, so the code proves you run it).",
    });
  }
  return (
    <AuthForm
      title="Set up Omni Studio"
      intro={
        <>
          <p>Make the owner's account. The owner invites the team, sets roles and spend caps.</p>
          <p>Clips, characters and comments made before accounts existed become the owner's.</p>
        </>
      }
      endpoint="/sign-up/email"
      fields={fields}
      submit="Create owner account"
      done={{ go: "/" }}
    />
  );
}
