import { asMember } from "@/lib/accounts/members";
import { tokenSchema } from "@/lib/accounts/schema";
import { createApiToken, listApiTokens } from "@/lib/accounts/tokens";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The caller's own personal API tokens (never the secrets: those are shown once, when made). */
export const GET = apiRoute({ role: "reviewer" }, async (_request, { actor }) => {
  const { db } = await getRuntime();
  return Response.json(
    { items: await listApiTokens(db.prisma, asMember(actor).id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** `{ name }` -> `{ token, apiToken }`: the token acts as the caller, with their role; shown only now. */
export const POST = apiRoute({ role: "reviewer" }, async (request, { actor }) => {
  const { name } = parseInput(tokenSchema, await readJson(request));
  const { db } = await getRuntime();
  const created = await createApiToken(db.prisma, asMember(actor).id, name);
  return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
