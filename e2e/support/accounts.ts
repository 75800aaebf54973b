// Signing in for the end-to-end runs, the way people do: the first account made on a fresh studio is its
// owner (better-auth's sign-up, loopback so no setup code), later ones come from invitations. The
// `accounts` setup project (e2e/setup/) signs the owner in on each shared server and saves the browser
// state that every other project starts from; specs that start their own server call signUpOwner.
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { postAuth, SESSION_COOKIES, type SignedIn, sessionFrom } from "../../test/support/auth-http";

export { SESSION_COOKIES, type SignedIn };

export const OWNER = { name: "Olivia Owner", email: "owner@e2e.test", password: "e2e owner password 1" };

/** Where the setup project keeps a server's signed-in browser state. */
export function storageStatePath(server: string): string {
  const root = process.env.OMNI_E2E_DATA_ROOT;
  if (!root) throw new Error("OMNI_E2E_DATA_ROOT is not set (playwright.config.ts sets it)");
  return path.join(root, `auth-${server}.json`);
}

/** Makes the owner on a fresh studio, or signs them in when it already has one. */
export async function signUpOwner(base: string, owner = OWNER): Promise<SignedIn> {
  const made = await postAuth(base, "/sign-up/email", owner);
  if (made.ok) return sessionFrom(made);
  return signIn(base, owner.email, owner.password);
}

let clients = 0;

export async function signIn(base: string, email: string, password: string): Promise<SignedIn> {
  // Each sign-in stands for a different person's machine: the studio throttles sign-in per client address
  // (5 a minute), and every spec's browser here shares 127.0.0.1. A test address per call keeps specs
  // that sign in from starving each other; e2e/access and test/integration/accounts.test.ts test the limit.
  clients += 1;
  const client = { "x-forwarded-for": `198.18.${(process.pid % 250) + 1}.${(clients % 250) + 1}` };
  const res = await postAuth(base, "/sign-in/email", { email, password }, client);
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return sessionFrom(res);
}

/** fetch as a script signed in with this session sends it: the session cookie on every request. */
export function fetchAs(session: SignedIn): (url: string | URL, init?: RequestInit) => Promise<Response> {
  return (url, init = {}) => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(session.headers)) headers.set(name, value);
    return fetch(url, { ...init, headers });
  };
}

/** Puts a session into a browser context, as a sign-in in it would. */
export async function useSession(context: BrowserContext, base: string, session: SignedIn): Promise<void> {
  await context.addCookies([
    {
      name: session.name,
      value: session.value,
      // By domain and path: Chromium refuses a Secure cookie given with an http URL, though it keeps one
      // that a studio on loopback sets over http.
      domain: new URL(base).hostname,
      path: "/",
      httpOnly: true,
      secure: session.secure,
      sameSite: "Lax",
    },
  ]);
}

/**
 * A member with this role, invited by `inviter` (a signed-in admin or owner) through the invitations API,
 * signed in.
 */
export async function inviteMember(
  base: string,
  inviter: SignedIn,
  member: { name: string; email: string; password: string; role: "reviewer" | "editor" | "admin" | "owner" },
): Promise<SignedIn> {
  const res = await fetch(`${base}/api/invitations`, {
    method: "POST",
    headers: { "content-type": "application/json", ...inviter.headers },
    body: JSON.stringify({ role: member.role, email: member.email }),
  });
  if (!res.ok) throw new Error(`inviting ${member.email} failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const made = await postAuth(base, "/sign-up/email", { ...member, invitation: token });
  if (!made.ok) throw new Error(`sign-up of ${member.email} failed: ${made.status} ${await made.text()}`);
  return sessionFrom(made);
}
