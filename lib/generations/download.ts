import "server-only";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { AppError } from "@/lib/http/errors";
import { copyWithMetadata } from "@/lib/media/metadata";
import type { MediaStore } from "@/lib/media/storage";
import { clipFileName } from "./file-name";
import { clipRecordTags } from "./record";
import { type GenerationRow, toGenerationDTO } from "./repo";

/**
 * A clip's video as an attachment whose file name says what it is, carrying `tags` in its metadata (by
 * default the clip's whole record, lib/generations/record.ts). Members download through
 * app/api/generations/[id]/download, a share link's guest through app/api/r/[token]/clips/[id]/download
 * with a shorter record.
 */
export async function clipDownloadResponse(
  store: MediaStore,
  row: GenerationRow,
  tags?: Record<string, string>,
): Promise<Response> {
  if (!row.videoKey)
    throw new AppError("not_ready", `This clip is ${row.status}; there is no video to download.`, 409);
  if (!(await store.exists(row.videoKey))) {
    throw new AppError("missing_file", "The video file is missing from storage.", 410);
  }
  const dto = toGenerationDTO(row);
  const name = clipFileName(dto);
  // A copy with the clip's record in its metadata; the stored file stays as it is.
  const tmp = await store.tempPath(".mp4");
  await store.withLocalFile(row.videoKey, (file) => copyWithMetadata(file, tmp, tags ?? clipRecordTags(dto)));
  const size = (await stat(tmp)).size;
  const file = createReadStream(tmp);
  file.on("close", () => void rm(tmp, { force: true }));
  return new Response(Readable.toWeb(file) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "video/mp4",
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
