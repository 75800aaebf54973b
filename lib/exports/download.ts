import "server-only";
import { Readable } from "node:stream";
import type { SequenceExport } from "@/lib/db/generated/client";
import { fileSlug } from "@/lib/generations/file-name";
import { AppError } from "@/lib/http/errors";
import type { MediaStore } from "@/lib/media/storage";
import type { ExportPlan } from "./plan";

/**
 * A finished export as an attachment, e.g. `omni_2026-12-07_harbour-chase_sequence_6-shots_48s_0mwr9ghs.mp4`.
 * Its record (each shot's prompt, references and clip id) and chapters are already in the stored file.
 */
export async function exportDownloadResponse(store: MediaStore, row: SequenceExport): Promise<Response> {
  if (row.status !== "completed" || !row.videoKey) {
    throw new AppError("not_ready", `This export is ${row.status}; there is no file to download yet.`, 409);
  }
  const found = await store.stat(row.videoKey);
  if (!found) throw new AppError("missing_file", "The export's file is missing from storage.", 410);
  const plan = row.plan as unknown as ExportPlan;
  const name = [
    "omni",
    (row.completedAt ?? row.createdAt).toISOString().slice(0, 10),
    fileSlug(plan.title, "sequence"),
    "sequence",
    `${plan.shots.length}-shots`,
    `${Math.round(row.durationSec ?? 0)}s`,
    row.id.slice(-8),
  ].join("_");
  const file = await store.read(row.videoKey);
  return new Response(Readable.toWeb(file) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "video/mp4",
      "Content-Length": String(found.size),
      "Content-Disposition": `attachment; filename="${name}.mp4"; filename*=UTF-8''${encodeURIComponent(`${name}.mp4`)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
