import { readJson } from "@/lib/http/body";
import { attachment } from "@/lib/http/csv";
import { apiRoute } from "@/lib/http/route";
import { formatParam, sequenceFileName } from "@/lib/sequences/format-param";
import { addSequenceComment, sequenceComments, sequenceCommentsCsv } from "@/lib/sequences/review";
import { getSequence } from "@/lib/sequences/service";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The comments on the sequence's chosen takes in sequence order, each with its shot and its time on the
 * sequence's clock: `{ items }`, or `?format=csv` as an attachment.
 */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const format = formatParam(request, ["json", "csv"] as const, "json");
  const { db } = await getRuntime();
  const sequence = await getSequence(db.prisma, params.id);
  const items = await sequenceComments(db.prisma, sequence, actor);
  if (format === "json") return Response.json({ items }, { headers: { "Cache-Control": "no-store" } });
  return attachment(sequenceCommentsCsv(items), sequenceFileName(sequence, "comments"), "csv");
});

/** `{ atSec, body }` on the sequence's clock → 201 `{ comment }` on the take playing then, with its shot. */
export const POST = apiRoute<{ id: string }>({ role: "reviewer" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  const { db } = await getRuntime();
  return Response.json(
    { comment: await addSequenceComment(db.prisma, actor, params.id, body) },
    { status: 201 },
  );
});
