import "server-only";
import type { Auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/http/errors";

// Making an account from the server's side (the tests' helpers, test/support/accounts.ts): better-auth's
// sign-up, the same endpoint and hooks (lib/auth/auth.ts) the setup and invitation pages reach over
// POST /api/auth/sign-up/email, which decide the role (owner for the first account, else the
// invitation's) and refuse a stranger. Returns better-auth's response, with the new session's cookie.

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
