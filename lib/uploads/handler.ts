import "server-only";
import { rm } from "node:fs/promises";
import pLimit from "p-limit";
import { BodyAbortedError, type BodyDeadline, BodyTimeoutError, readBodyLimited } from "@/lib/http/body";
import { AppError, errorResponse } from "@/lib/http/errors";
import type { Runtime } from "@/lib/server/runtime";
import { MAX_UPLOAD_BYTES } from "./ingest";
import { checkLargeFileHead, ingestUploadBytes, ingestUploadFile, uploadOptions } from "./ingest-upload";
import { receiveMultipartToFile } from "./multipart-stream";
import { videoLimitsFor } from "./video-range";

// Room for the multipart envelope around a file at the size limit.
export const ENVELOPE_BYTES = 64 * 1024;

/**
 * Uploads whose bodies are being received or held at once. A body is held whole in memory from its
 * first byte until its upload is done, so this bounds memory: at most 16 x 20 MB (320 MB) at the size
 * limit, tens of MB for the few-MB photos the browser sends after scaling them down. Higher than
 * PROCESSED_AT_ONCE because receiving costs no CPU and a slow client must not hold a processing turn:
 * it takes a receiving place, and gives it up at its deadline. Further uploads wait with their bodies
 * unread (TCP holds them back).
 */
export const RECEIVED_AT_ONCE = 16;

/**
 * Uploads parsed, decoded and stored at once, taken only once the body is here. Each holds its file
 * several times over (body, form, bytes) and decodes it: 50 at once of 5 MB each took the server to about
 * 1.5 GB, for no gain on 2 cores.
 */
export const PROCESSED_AT_ONCE = 4;

/**
 * Bodies larger than an image may be (a reference video's source, up to the profile's limit) are streamed
 * to disk rather than held, so they cost no memory; a few at once keep the disk and the cores for the rest.
 */
export const LARGE_AT_ONCE = 2;

const MB = 1024 * 1024;
const TOO_LARGE_FOR_IMAGE = "The file is larger than 20 MB; reference images can be at most 20 MB.";

export interface UploadHandlerOptions {
  runtime: () => Promise<Pick<Runtime, "db" | "store">>;
  deadline?: BodyDeadline;
  receivedAtOnce?: number;
  processedAtOnce?: number;
  log?: (line: string) => void;
}

/** `Server-Timing` entries (ms): receiving the body, reading the form, checking and storing the image. */
function serverTiming(marks: Record<string, number>): string {
  return Object.entries(marks)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(", ");
}

/**
 * The answer to an upload: 201 for a repeat too (one answer shape; the asset is the same either way),
 * with what the server spent in the browser's network panel: receiving the body (depends on the client's
 * connection), waiting for a processing turn, parsing the form, then checking, thumbnailing and storing.
 */
function created(
  asset: unknown,
  t: { receive: number; wait: number; parse: number; ingest: number },
): Response {
  return Response.json(
    { asset },
    {
      status: 201,
      headers: { "Server-Timing": serverTiming({ ...t, process: t.parse + t.ingest }) },
    },
  );
}

/**
 * POST /api/uploads, after the access check: one image or video as multipart/form-data in the field
 * `file`, with, for a video, `startSec` and `endSec` (the range to keep of a longer one) and `model`.
 */
export function createUploadHandler({
  runtime,
  deadline,
  receivedAtOnce = RECEIVED_AT_ONCE,
  processedAtOnce = PROCESSED_AT_ONCE,
  log = (line) => console.warn(line),
}: UploadHandlerOptions): (request: Request) => Promise<Response> {
  const receiving = pLimit(receivedAtOnce);
  const processing = pLimit(processedAtOnce);
  const large = pLimit(LARGE_AT_ONCE);
  const videoMax = videoLimitsFor().maxBytes;

  async function handle(request: Request): Promise<Response> {
    const type = request.headers.get("content-type") ?? "";
    if (!/^multipart\/form-data\b/i.test(type)) {
      throw new AppError(
        "unsupported_media_type",
        "Send the image as multipart/form-data with the image in the field named file.",
        415,
      );
    }
    const declared = Number(request.headers.get("content-length") ?? "NaN");
    if (declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES)
      return large(() => handleLarge(request, type, declared));
    const t0 = performance.now();
    const body = await readBodyLimited(
      request,
      MAX_UPLOAD_BYTES + ENVELOPE_BYTES,
      TOO_LARGE_FOR_IMAGE,
      deadline,
    );
    const t1 = performance.now();
    return processing(async () => {
      const t2 = performance.now();
      const { bytes, fileName, fields } = await readForm(body, type);
      const options = uploadOptions(fields);
      const t3 = performance.now();
      const { store, db } = await runtime();
      const { asset } = await ingestUploadBytes(db.prisma, store, { bytes, fileName }, options);
      const t4 = performance.now();
      return created(asset, { receive: t1 - t0, wait: t2 - t1, parse: t3 - t2, ingest: t4 - t3 });
    });
  }

  /**
   * A body declared larger than an image may be: only a reference video may be that large. Its file is
   * written to disk as it arrives; anything that does not start like a video is refused at its first bytes.
   */
  async function handleLarge(request: Request, type: string, declared: number): Promise<Response> {
    if (declared > videoMax + ENVELOPE_BYTES) {
      throw new AppError(
        "body_too_large",
        `The file is larger than ${videoMax / MB} MB; reference images can be at most 20 MB and reference videos ${videoMax / MB} MB.`,
        413,
      );
    }
    const { store, db } = await runtime();
    const filePath = await store.tempPath(".upload");
    try {
      const t0 = performance.now();
      const form = await receiveMultipartToFile(request, type, {
        filePath,
        limit: videoMax + ENVELOPE_BYTES,
        tooLarge: `The file is larger than ${videoMax / MB} MB; reference videos can be at most ${videoMax / MB} MB.`,
        deadline,
        onHead: (head) => checkLargeFileHead(head, TOO_LARGE_FOR_IMAGE),
      });
      const t1 = performance.now();
      if (form.fileParts > 1) throw tooManyFiles();
      if (!form.file) throw missingFile();
      const options = uploadOptions(form.fields);
      const file = form.file;
      return await processing(async () => {
        const t2 = performance.now();
        const { asset } = await ingestUploadFile(db.prisma, store, file, options);
        const t3 = performance.now();
        return created(asset, { receive: t1 - t0, wait: t2 - t1, parse: 0, ingest: t3 - t2 });
      });
    } finally {
      await rm(filePath, { force: true });
    }
  }

  return (request) =>
    receiving(() =>
      handle(request).catch((err: unknown) => {
        if (err instanceof BodyAbortedError) {
          // One line, and no 503: the database was never asked (the client is gone and reads no answer).
          log(`[uploads] upload aborted by the client after ${err.receivedBytes} bytes`);
        }
        const response = errorResponse(err);
        // The rest of a stalled body is not worth reading: close the connection after the answer.
        if (err instanceof BodyTimeoutError) response.headers.set("Connection", "close");
        return response;
      }),
    );
}

const missingFile = () =>
  new AppError("missing_file", "No file was sent: put the image or video in the field named file.", 400);
const tooManyFiles = () =>
  new AppError(
    "too_many_files",
    "Send one image or video per upload (the field file appears more than once).",
    400,
  );

/** The one file of a multipart body, and its text fields (a video's startSec, endSec; model). */
async function readForm(
  body: Uint8Array,
  type: string,
): Promise<{ bytes: Uint8Array; fileName: string; fields: Record<string, string | undefined> }> {
  let form: FormData;
  try {
    form = await new Response(new Blob([body as Uint8Array<ArrayBuffer>]), {
      headers: { "content-type": type },
    }).formData();
  } catch {
    throw new AppError("invalid_multipart", "The upload could not be read as multipart/form-data.", 400);
  }
  const files = form.getAll("file");
  if (files.length === 0 || !(files[0] instanceof File)) throw missingFile();
  if (files.length > 1) throw tooManyFiles();
  const file = files[0] as File;
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name,
    fields: { startSec: text("startSec"), endSec: text("endSec"), model: text("model") },
  };
}
