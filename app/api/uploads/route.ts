import pLimit from "p-limit";
import { accessRefusal } from "@/lib/auth/session";
import { readBodyLimited } from "@/lib/http/body";
import { AppError, errorResponse } from "@/lib/http/errors";
import { foreignOriginResponse, sameOrigin } from "@/lib/http/origin";
import { getRuntime } from "@/lib/server/runtime";
import { ingestImage, MAX_UPLOAD_BYTES } from "@/lib/uploads/ingest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Room for the multipart envelope around a file at the size limit.
const ENVELOPE_BYTES = 64 * 1024;

/** `Server-Timing` entries (ms): receiving the body, reading the form, checking and storing the image. */
function serverTiming(marks: Record<string, number>): string {
  return Object.entries(marks)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(", ");
}

/**
 * Uploads handled at once; the rest wait their turn with their bodies unread (TCP holds them back). Each
 * one in progress holds its file several times over (body, form, bytes) and decodes it: 50 at once of
 * 5 MB each took the server to about 1.5 GB, for no gain on 2 cores.
 */
const UPLOADS_AT_ONCE = 4;
const uploadSlot = pLimit(UPLOADS_AT_ONCE);

export async function POST(request: Request) {
  if (!sameOrigin(request)) return foreignOriginResponse();
  // Outside the access proxy (see proxy.ts): the same check, before the body is read or queued.
  const refused = await accessRefusal(request.headers);
  if (refused) return refused;
  return uploadSlot(() => handle(request));
}

async function handle(request: Request) {
  const t0 = performance.now();
  try {
    const type = request.headers.get("content-type") ?? "";
    if (!/^multipart\/form-data\b/i.test(type)) {
      throw new AppError(
        "unsupported_media_type",
        "Send the image as multipart/form-data with the image in the field named file.",
        415,
      );
    }
    const body = await readBodyLimited(
      request,
      MAX_UPLOAD_BYTES + ENVELOPE_BYTES,
      "The file is larger than 20 MB; reference images can be at most 20 MB.",
    );
    const t1 = performance.now();
    let form: FormData;
    try {
      form = await new Response(new Blob([body as Uint8Array<ArrayBuffer>]), {
        headers: { "content-type": type },
      }).formData();
    } catch {
      throw new AppError("invalid_multipart", "The upload could not be read as multipart/form-data.", 400);
    }
    const files = form.getAll("file");
    if (files.length === 0 || !(files[0] instanceof File)) {
      throw new AppError("missing_file", "No file was sent: put the image in the field named file.", 400);
    }
    if (files.length > 1) {
      throw new AppError(
        "too_many_files",
        "Send one image per upload (the field file appears more than once).",
        400,
      );
    }
    const file = files[0] as File;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const t2 = performance.now();
    const { store, db } = await getRuntime();
    const { asset } = await ingestImage(db.prisma, store, { bytes, fileName: file.name });
    const t3 = performance.now();
    // 201 for a repeat too: the contract is one answer shape; the asset is the same either way.
    return Response.json(
      { asset },
      {
        status: 201,
        // What the server spent, visible in the browser's network panel: receiving the body (depends on
        // the client's connection), parsing the form, then checking, thumbnailing and storing the image.
        headers: {
          "Server-Timing": serverTiming({
            receive: t1 - t0,
            parse: t2 - t1,
            ingest: t3 - t2,
            process: t3 - t1,
          }),
        },
      },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
