import { cookies } from "next/headers";
import { SESSION_COOKIE } from "@/lib/auth/session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST() {
  (await cookies()).delete(SESSION_COOKIE);
  return new Response(null, { status: 303, headers: { Location: "/login" } });
}
