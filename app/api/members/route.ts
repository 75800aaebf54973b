import { getMembers } from "@/lib/accounts/members-route";
import { forbidden, hasRole, unauthorized } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `?fields=mention`: every member who can be named with @ (id, name, initials), for the `@` menu. */
export async function GET(request: Request) {
  try {
    const actor = await resolveActor(() => request.headers);
    if (!actor) throw unauthorized();
    if (!hasRole(actor, "reviewer")) throw forbidden("reviewer");
    return await getMembers(request, actor);
  } catch (err) {
    return errorResponse(err);
  }
}
