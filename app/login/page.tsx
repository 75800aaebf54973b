import type { Metadata } from "next";
import { safeNext } from "@/lib/auth/paths";

export const metadata: Metadata = { title: "Sign in · Omni Studio" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(params.next);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        method="post"
        action="/api/login"
        className="w-full max-w-sm space-y-4 rounded-card border border-ink-700 bg-ink-900 p-6 shadow-xl"
      >
        <h1 className="text-lg font-semibold text-ink-100">Sign in to Omni Studio</h1>
        <p className="text-sm text-ink-300">
          This studio is shared with a team access token. Ask whoever runs it.
        </p>
        <input type="hidden" name="next" value={next} />
        <label className="block space-y-1.5">
          <span className="text-sm font-medium text-ink-100">Access token</span>
          <input
            name="token"
            type="password"
            required
            autoComplete="current-password"
            aria-invalid={params.error ? true : undefined}
            aria-describedby={params.error ? "login-error" : undefined}
            className="w-full rounded-lg border border-ink-600 bg-ink-950 px-3 py-2 text-ink-100 outline-none focus-visible:ring-2 focus-visible:ring-accent"
          />
        </label>
        {params.error ? (
          <p id="login-error" role="alert" className="text-sm text-danger">
            That token is not right. Check it and try again.
          </p>
        ) : null}
        <button
          type="submit"
          className="w-full rounded-lg bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent-soft"
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
