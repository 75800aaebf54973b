import { asMember } from "@/lib/accounts/members";
import { teamSpendSchema } from "@/lib/accounts/schema";
import { setTeamSpendCap, teamSpend } from "@/lib/accounts/spend-caps";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The team's daily spend cap and what the team spent today (UTC). */
export const GET = apiRoute({ role: "owner" }, async () => {
  const { db } = await getRuntime();
  return Response.json(await teamSpend(db.prisma), { headers: { "Cache-Control": "no-store" } });
});

/** `{ teamDailySpendCapUsd }`: dollars a UTC day for the whole team, or null for no cap. */
export const PATCH = apiRoute({ role: "owner" }, async (request, { actor }) => {
  const { teamDailySpendCapUsd } = parseInput(teamSpendSchema, await readJson(request));
  const { db } = await getRuntime();
  return Response.json(await setTeamSpendCap(db.prisma, asMember(actor), teamDailySpendCapUsd));
});
