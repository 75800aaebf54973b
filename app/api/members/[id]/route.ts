import { asMember, changeRole, removeMember, setMemberSpendCap } from "@/lib/accounts/members";
import { memberId, memberUpdateSchema } from "@/lib/accounts/schema";
import { forbidden } from "@/lib/auth/actor";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `{ role?, dailySpendCapUsd? }`: an admin changes roles below owner; only the owner changes an owner,
 * makes one, or sets a spend cap (null removes it). The last owner cannot be demoted.
 */
export const PATCH = apiRoute<{ id: string }>({ role: "admin" }, async (request, { actor, params }) => {
  const me = asMember(actor);
  const id = parseInput(memberId, params.id);
  const input = parseInput(memberUpdateSchema, await readJson(request));
  // Checked before anything is written, so a refused cap does not leave a changed role behind.
  if (input.dailySpendCapUsd !== undefined && me.role !== "owner") throw forbidden("owner");
  const { db } = await getRuntime();
  let member = input.role ? await changeRole(db.prisma, me, id, input.role) : undefined;
  if (input.dailySpendCapUsd !== undefined) {
    member = await setMemberSpendCap(db.prisma, me, id, input.dailySpendCapUsd);
  }
  return Response.json({ member });
});

/** Removes a member: no more sign-in, sessions and personal tokens end now; their work keeps their name. */
export const DELETE = apiRoute<{ id: string }>({ role: "admin" }, async (_request, { actor, params }) => {
  const id = parseInput(memberId, params.id);
  const { db } = await getRuntime();
  return Response.json({ member: await removeMember(db.prisma, asMember(actor), id) });
});
