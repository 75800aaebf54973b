import { asMember } from "@/lib/accounts/members";
import { tokenId } from "@/lib/accounts/schema";
import { revokeApiToken } from "@/lib/accounts/tokens";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes one of the caller's own tokens; another member's token is "not found". */
export const DELETE = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { actor, params }) => {
  const id = parseInput(tokenId, params.id);
  const { db } = await getRuntime();
  await revokeApiToken(db.prisma, asMember(actor).id, id);
  return new Response(null, { status: 204 });
});
