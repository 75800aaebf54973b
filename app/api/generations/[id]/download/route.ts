import { clipDownloadResponse } from "@/lib/generations/download";
import { findVisibleGeneration } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The clip as an attachment whose file name says what it is (lib/generations/download.ts). */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  const { id } = params;
  refuseNul("id", id);
  const { db, store } = await getRuntime();
  const row = await findVisibleGeneration(db.prisma, id);
  if (!row) throw new AppError("not_found", "That clip does not exist.", 404);
  return clipDownloadResponse(store, row);
});
