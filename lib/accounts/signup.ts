import "server-only";
import type { Auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/http/errors";

// Making an account, the one way the setup page, the invitation page and the tests all use: better-auth's
// sign-up, whose hooks (lib/auth/auth.ts) decide the role (owner for the first account, else the
// invitation's) and refuse a stranger. Returns better-auth's response, which carries the new session's
// cookie; a server action's call sets it on the browser through the nextCookies plugin.

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  /** The code from the server's log, when the setup page asks for one. */
  setupCode?: string;
  /** The invitation link's secret. */
  invitation?: string;
}

export async function signUp(auth: Auth, input: SignUpInput, headers?: Headers): Promise<Response> {
  const response = await auth.api.signUpEmail({
    body: { ...input, name: input.name.trim(), email: input.email.trim() },
    headers: headers ?? new Headers(),
    asResponse: true,
  });
  if (!response.ok) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { code?: string; message?: string } | null;
    throw new AppError(
      (body?.code ?? "sign_up_failed").toLowerCase(),
      body?.message ?? "The account could not be made.",
      response.status,
    );
  }
  return response;
}
