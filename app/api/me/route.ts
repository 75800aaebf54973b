import { describeMe } from "@/lib/accounts/me";
import { asMember } from "@/lib/accounts/members";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The caller: id, name, email, role, initials, what they may do, and today's spend caps. */
export const GET = apiRoute({ role: "reviewer" }, async (_request, { actor }) => {
  const { db } = await getRuntime();
  return Response.json(
    { me: await describeMe(db.prisma, asMember(actor)) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
