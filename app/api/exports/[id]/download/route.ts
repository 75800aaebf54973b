import { exportDownloadResponse } from "@/lib/exports/download";
import { findExport } from "@/lib/exports/service";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The finished export as an attachment named after its sequence (the record is in its metadata). */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  refuseNul("id", params.id);
  const { db, store } = await getRuntime();
  return exportDownloadResponse(store, await findExport(db.prisma, params.id));
});
