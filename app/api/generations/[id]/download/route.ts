import { Readable } from "node:stream";
import { clipFileName } from "@/lib/generations/file-name";
import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError, errorResponse } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The clip as an attachment whose file name says what it is. */
export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await ctx.params;
    const { db, store } = await getRuntime();
    const row = await findVisibleGeneration(db.prisma, id);
    if (!row) throw new AppError("not_found", "That clip does not exist.", 404);
    if (!row.videoKey)
      throw new AppError("not_ready", `This clip is ${row.status}; there is no video to download.`, 409);
    const info = await store.stat(row.videoKey);
    if (!info) throw new AppError("missing_file", "The video file is missing from storage.", 410);
    const name = clipFileName(toGenerationDTO(row));
    return new Response(Readable.toWeb(store.read(row.videoKey)) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": "video/mp4",
        "Content-Length": String(info.size),
        "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
