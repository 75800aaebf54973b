import { isMember, unauthorized } from "@/lib/auth/actor";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { createShareLink, listShareLinks } from "@/lib/share/links";
import { studioOrigin } from "@/lib/share/origin";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `{ kind, target, permissions?, expiresInDays?, password?, title? }`: a review link for people outside
 * the team (lib/share/links.ts). The answer carries the link's secret this once.
 */
export const POST = apiRoute({ role: "editor" }, async (request, { actor }) => {
  if (!isMember(actor)) throw unauthorized();
  const body = await readJson(request);
  const { db } = await getRuntime();
  const created = await createShareLink(db.prisma, actor, body, studioOrigin(request.headers, request.url));
  return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});

/**
 * `?kind=&target=`: the target's active links (every active link without them); `?project=` the links of
 * one project's work; `&all=true` adds ended ones.
 */
export const GET = apiRoute({ role: "editor" }, async (request, { actor }) => {
  if (!isMember(actor)) throw unauthorized();
  const params = new URL(request.url).searchParams;
  for (const [name, value] of params) refuseNul(name, value);
  const { db } = await getRuntime();
  const items = await listShareLinks(db.prisma, actor, {
    kind: params.get("kind"),
    target: params.get("target"),
    project: params.get("project"),
    all: params.get("all") === "true",
  });
  return Response.json({ items }, { headers: { "Cache-Control": "no-store" } });
});
