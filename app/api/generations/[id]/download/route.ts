import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { clipFileName } from "@/lib/generations/file-name";
import { clipRecordTags } from "@/lib/generations/record";
import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { copyWithMetadata } from "@/lib/media/metadata";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The clip as an attachment whose file name says what it is. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  const { id } = params;
  refuseNul("id", id);
  const { db, store } = await getRuntime();
  const row = await findVisibleGeneration(db.prisma, id);
  if (!row) throw new AppError("not_found", "That clip does not exist.", 404);
  if (!row.videoKey)
    throw new AppError("not_ready", `This clip is ${row.status}; there is no video to download.`, 409);
  if (!(await store.exists(row.videoKey))) {
    throw new AppError("missing_file", "The video file is missing from storage.", 410);
  }
  const dto = toGenerationDTO(row);
  const name = clipFileName(dto);
  // A copy with the clip's record in its metadata; the stored file stays as it is.
  const tmp = await store.tempPath(".mp4");
  await copyWithMetadata(store.pathOf(row.videoKey), tmp, clipRecordTags(dto));
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
});
