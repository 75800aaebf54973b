import { asMember, listMembers, toSummary } from "@/lib/accounts/members";
import { hasRole } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The team. Every member gets the active members' id, name, initials and role (mentions, avatars);
 * admins and the owner also get emails, spend caps, today's spend, and `removed`: members taken off the
 * team, who can be restored.
 */
export const GET = apiRoute({ role: "reviewer" }, async (_request, { actor }) => {
  const { db } = await getRuntime();
  const members = await listMembers(db.prisma);
  const active = members.filter((m) => !m.disabled);
  const body = hasRole(asMember(actor), "admin")
    ? { items: active, removed: members.filter((m) => m.disabled) }
    : { items: active.map(toSummary) };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
});
