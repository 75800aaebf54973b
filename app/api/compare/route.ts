import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { diffInputs } from "@/lib/review/compare";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `?a=<id>&b=<id>`: both clips and the difference between their inputs. */
export const GET = apiRoute({ role: "reviewer" }, async (request) => {
  const url = new URL(request.url);
  const ids = [url.searchParams.get("a"), url.searchParams.get("b")];
  if (!ids[0] || !ids[1]) throw new AppError("invalid_input", "Name two clips: ?a=<id>&b=<id>.", 400);
  refuseNul("a", ids[0]);
  refuseNul("b", ids[1]);
  const { db } = await getRuntime();
  const [a, b] = await Promise.all(ids.map((id) => findVisibleGeneration(db.prisma, id!)));
  if (!a || !b)
    throw new AppError("not_found", `Clip ${a ? "b" : "a"} does not exist (it may have been deleted).`, 404);
  const [da, dbb] = [toGenerationDTO(a), toGenerationDTO(b)];
  return Response.json(
    { a: da, b: dbb, diff: diffInputs(da, dbb) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
