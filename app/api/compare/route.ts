import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { parseCompareIds, sideLabel } from "@/lib/review/compare-ids";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `?ids=<a>,<b>[,<c>[,<d>]]` (or the older `?a=<id>&b=<id>`): the 2 to 4 clips, in that order. The input
 * diff between any two of them is computed by the caller (lib/review/compare.ts, browser-safe). Reads
 * only: a bad list is refused with what is wrong with it.
 */
export const GET = apiRoute({ role: "reviewer" }, async (request) => {
  const url = new URL(request.url);
  const params = {
    ids: url.searchParams.get("ids"),
    a: url.searchParams.get("a"),
    b: url.searchParams.get("b"),
  };
  for (const [name, value] of Object.entries(params)) refuseNul(name, value);
  const parsed = parseCompareIds(params);
  if (!parsed.ok) throw new AppError("invalid_input", parsed.message, 400, { ids: parsed.message });
  const { db } = await getRuntime();
  const rows = await Promise.all(parsed.ids.map((id) => findVisibleGeneration(db.prisma, id)));
  const missing = parsed.ids.flatMap((id, i) => (rows[i] ? [] : [`${sideLabel(i)} (${id})`]));
  if (missing.length > 0) {
    const message =
      missing.length === 1
        ? `Clip ${missing[0]} does not exist (deleted, or a mistyped link).`
        : `Clips ${missing.join(", ")} do not exist (deleted, or a mistyped link).`;
    throw new AppError("not_found", message, 404, { ids: message });
  }
  return Response.json(
    { clips: rows.map((row) => toGenerationDTO(row!)) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
