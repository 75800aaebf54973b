import { listInvitations } from "@/lib/accounts/invitations";
import { inviteMember, studioOrigin } from "@/lib/accounts/invite";
import { asMember } from "@/lib/accounts/members";
import { invitationSchema } from "@/lib/accounts/schema";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The latest invitations (pending, accepted, revoked, expired), newest first. */
export const GET = apiRoute({ role: "admin" }, async () => {
  const { db } = await getRuntime();
  return Response.json(
    { items: await listInvitations(db.prisma) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/**
 * `{ role, email?, days? }` -> `{ token, url, invitation, mailedTo }`. The link is shown once; with SMTP
 * set and an email given, it is also mailed. Only the owner invites owners.
 */
export const POST = apiRoute({ role: "admin" }, async (request, { actor }) => {
  const input = parseInput(invitationSchema, await readJson(request));
  const { db } = await getRuntime();
  const created = await inviteMember(db.prisma, asMember(actor), input, studioOrigin(request.headers));
  return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
