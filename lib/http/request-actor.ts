import "server-only";
import { type Actor, forbidden, hasRole, type Role, unauthorized } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/session";

/**
 * The actor behind a route's request, refused (401, or 403 below `role`) as server actions refuse it.
 * Interim: the lead's route helper (lib/http/route.ts, issue 15) takes this over.
 */
export async function requestActor(request: Request, role: Role): Promise<Actor> {
  const actor = await resolveActor(() => request.headers);
  if (!actor) throw unauthorized();
  if (!hasRole(actor, role)) throw forbidden(role);
  return actor;
}
