import { cookies } from "next/headers";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { foreignOriginResponse, sameOrigin } from "@/lib/http/origin";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  if (!sameOrigin(request)) return foreignOriginResponse();
  (await cookies()).delete(SESSION_COOKIE);
  return new Response(null, { status: 303, headers: { Location: "/login" } });
}
