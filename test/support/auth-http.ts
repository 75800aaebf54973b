// better-auth's routes over HTTP, as browsers and scripts call them, for the e2e runs, the benchmarks and
// the integration tests: one way to post to /api/auth/* and one way to read the session cookie it sets.
import { SESSION_COOKIES } from "@/lib/auth/paths";

export { SESSION_COOKIES };

export interface SignedIn {
  /** `omni.session_token=...` or `__Secure-omni.session_token=...` */
  cookie: string;
  /** The cookie's name, as the studio set it. */
  name: string;
  /** The cookie's value. */
  value: string;
  /** Whether the studio set it Secure. */
  secure: boolean;
  /** Headers for fetch: the session cookie. */
  headers: Record<string, string>;
}

/** The session cookie of a better-auth answer; throws when it set none. */
export function sessionFrom(res: Response): SignedIn {
  const set = res.headers
    .getSetCookie()
    .find((c) => SESSION_COOKIES.some((name) => c.startsWith(`${name}=`)));
  if (!set) throw new Error(`no session cookie in the answer (status ${res.status})`);
  const pair = set.split(";")[0] as string;
  const eq = pair.indexOf("=");
  return {
    cookie: pair,
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    secure: /;\s*secure\b/i.test(set),
    headers: { cookie: pair },
  };
}

/** A POST to better-auth's route `route` (e.g. "/sign-in/email") on the studio at `base`. */
export function postAuth(
  base: string,
  route: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/api/auth${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...headers },
    body: JSON.stringify(body),
  });
}
