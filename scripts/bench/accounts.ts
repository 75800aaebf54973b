// Signing in for the benchmarks, the way people and scripts do (issue 15): every page, route and server
// action of the studio needs a signed-in member, and nothing turns that check off. The first sign-up on a
// fresh studio makes its owner (better-auth's /api/auth/sign-up/email; on loopback no setup code is asked),
// which is what the setup page does; later sessions come from /api/auth/sign-in/email, as from the sign-in
// page. A browser then holds the session cookie, an HTTP client sends it as a Cookie header. On
// PostgreSQL, instances share the database, so one sign-up signs a browser in on all of them (the session
// row and the cookie's signing secret are both in the database).
//
// The cookie's name depends on how the server is set up: better-auth names it `__Secure-omni.session_token`
// (and marks it Secure) when it cannot tell the studio is served over plain http, which is the case for a
// production server without PUBLIC_BASE_URL, as the benchmarks start it; Chromium keeps Secure cookies for
// loopback addresses, so browsers on 127.0.0.1 sign in as they would over https.
import type { Browser, BrowserContext, BrowserContextOptions } from "@playwright/test";
import { postAuth, type SignedIn, sessionFrom } from "@/test/support/auth-http";

export type { SignedIn };

/** The account every benchmark's studio is owned by. */
export const OWNER_ACCOUNT = {
  name: "Bench Owner",
  email: "owner@bench.test",
  password: "bench owner password 1",
};

/** A new session for an existing account, as the sign-in page makes one. */
export async function signIn(base: string, email: string, password: string): Promise<SignedIn> {
  const res = await postAuth(base, "/sign-in/email", { email, password });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return sessionFrom(res);
}

/** The owner of the studio at `base`, signed in: made by the first sign-up, or signed in if it exists. */
export async function signInOwner(base: string): Promise<SignedIn> {
  const made = await postAuth(base, "/sign-up/email", OWNER_ACCOUNT);
  if (made.ok) return sessionFrom(made);
  return signIn(base, OWNER_ACCOUNT.email, OWNER_ACCOUNT.password);
}

/** A fresh browser context (empty cache, its own storage) that holds the member's session cookie. */
export async function signedInContext(
  browser: Browser,
  base: string,
  session: SignedIn,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  // By domain and path: given a URL, Playwright marks an http cookie not Secure, which a __Secure- name
  // forbids.
  await context.addCookies([
    {
      name: session.name,
      value: session.value,
      domain: new URL(base).hostname,
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      secure: session.name.startsWith("__Secure-"),
    },
  ]);
  return context;
}

/**
 * Throws unless `url` (where a page ended up) is the page asked for: a page that is not signed in goes to
 * /login or /setup instead, and a benchmark must not time the sign-in page by mistake.
 */
export function expectPage(url: string, pathname: string): void {
  const at = new URL(url).pathname;
  if (at !== pathname) {
    throw new Error(`asked for ${pathname}, the browser is on ${at} (not signed in?)`);
  }
}
