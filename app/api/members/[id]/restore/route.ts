import { asMember, restoreMember } from "@/lib/accounts/members";
import { memberId } from "@/lib/accounts/schema";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Lets a removed member sign in again, with the role they had (their old tokens stay revoked). */
export const POST = apiRoute<{ id: string }>({ role: "admin" }, async (_request, { actor, params }) => {
  const id = parseInput(memberId, params.id);
  const { db } = await getRuntime();
  return Response.json({ member: await restoreMember(db.prisma, asMember(actor), id) });
});
