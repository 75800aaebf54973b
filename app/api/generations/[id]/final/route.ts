import { makeFinalRequestSchema } from "@/lib/generations/final-schema";
import { makeFinal } from "@/lib/generations/rerun";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { generationDeps, getRuntime } from "@/lib/server/runtime";
import { parseInput, refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Make final: the draft's inputs again at a higher tier, as a new clip linked to the draft. */
export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (request, { params, actor }) => {
  const { id } = params;
  refuseNul("id", id);
  const { resolution, idempotencyKey } = parseInput(makeFinalRequestSchema, await readJson(request));
  const rt = await getRuntime();
  const { generation, generations } = await makeFinal(
    generationDeps(rt),
    actor,
    id,
    resolution,
    idempotencyKey,
  );
  return Response.json({ generation, generations }, { status: 202 });
});
