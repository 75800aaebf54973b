import { revokeInvitation } from "@/lib/accounts/invitations";
import { invitationId } from "@/lib/accounts/schema";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes a pending invitation: its link stops working at once. */
export const DELETE = apiRoute<{ id: string }>({ role: "admin" }, async (_request, { params }) => {
  const id = parseInput(invitationId, params.id);
  const { db } = await getRuntime();
  await revokeInvitation(db.prisma, id);
  return new Response(null, { status: 204 });
});
