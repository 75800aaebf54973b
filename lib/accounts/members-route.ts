import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";
import { listMentionMembers } from "./members-lookup";

/** GET /api/members?fields=mention, given the actor the request resolved to (a reviewer or above). */
export async function getMembers(request: Request, _actor: Actor): Promise<Response> {
  const fields = new URL(request.url).searchParams.get("fields");
  if (fields !== "mention") {
    throw new AppError(
      "invalid_query",
      "GET /api/members answers ?fields=mention: the members who can be named with @ (id, name, initials).",
      422,
      { fields: "must be mention" },
    );
  }
  const { db } = await getRuntime();
  return Response.json(
    { items: await listMentionMembers(db.prisma) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
