import { cookies } from "next/headers";
import { SESSION_COOKIE, SESSION_DAYS, safeEqual, safeNext, signSession } from "@/lib/auth/session";
import { getConfig } from "@/lib/config/env";
import { foreignOriginResponse, sameOrigin } from "@/lib/http/origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The sign-in form posts here: a right token gets the session cookie, a wrong one goes back with a note. */
export async function POST(request: Request) {
  if (!sameOrigin(request)) return foreignOriginResponse();
  const token = getConfig().accessToken;
  const form = await request.formData().catch(() => null);
  const given = String(form?.get("token") ?? "");
  const next = safeNext(String(form?.get("next") ?? "/"));
  // Relative redirects: behind a proxy or on 127.0.0.1, request.url may not name the host the browser used.
  const redirect = (to: string) => new Response(null, { status: 303, headers: { Location: to } });
  const https =
    new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (!token) return redirect(next);
  if (!safeEqual(given, token)) {
    // Slow down guessing.
    await new Promise((r) => setTimeout(r, 400));
    return redirect(`/login?${new URLSearchParams({ error: "1", next })}`);
  }
  (await cookies()).set(SESSION_COOKIE, await signSession(token), {
    httpOnly: true,
    sameSite: "lax",
    secure: https,
    path: "/",
    maxAge: SESSION_DAYS * 86_400,
  });
  return redirect(next);
}
