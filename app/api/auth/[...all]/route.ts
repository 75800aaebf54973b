import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// better-auth's own routes (sign-up, sign-in and sign-out by email, sessions, password change and reset).
// Public by nature: they are how one signs in. Their refusals are turned into the studio's error shape,
// `{ error: { code, message } }`, like every other route's.

async function handle(request: Request): Promise<Response> {
  const { auth } = await getRuntime();
  const response = await auth.handler(request);
  if (response.ok || !response.headers.get("content-type")?.includes("application/json")) return response;
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return Response.json(
    {
      error: {
        code: (body?.code ?? "auth_error").toLowerCase(),
        message: body?.message ?? "The request could not be completed.",
      },
    },
    { status: response.status, headers },
  );
}

export const GET = handle;
export const POST = handle;
