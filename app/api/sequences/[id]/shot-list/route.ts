import { attachment } from "@/lib/http/csv";
import { apiRoute } from "@/lib/http/route";
import { formatParam, sequenceFileName } from "@/lib/sequences/format-param";
import { getSequence } from "@/lib/sequences/service";
import { shotListCsv, shotListJson } from "@/lib/sequences/shot-list";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The shot list as an attachment: `?format=json` (default) or `?format=csv`. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (request, { params }) => {
  refuseNul("id", params.id);
  const format = formatParam(request, ["json", "csv"] as const, "json");
  const { db } = await getRuntime();
  const sequence = await getSequence(db.prisma, params.id);
  const name = sequenceFileName(sequence, "shot-list");
  return format === "csv"
    ? attachment(shotListCsv(sequence), name, "csv")
    : attachment(shotListJson(sequence), name, "json");
});
