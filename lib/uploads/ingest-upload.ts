import "server-only";
import { createHash } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import type { DbTx } from "@/lib/db/client";
import type { AssetDTO } from "@/lib/generations/dto";
import { AppError } from "@/lib/http/errors";
import type { MediaStore } from "@/lib/media/storage";
import { SNIFF_BYTES, sniffContainer } from "@/lib/media/video-container";
import { isModelVersionId, profileById } from "@/lib/models/profiles";
import { cleanFileName, ingestImage } from "./ingest";
import { ingestVideo } from "./ingest-video";
import { type RangeRequest, VIDEO_FORMATS_TEXT, type VideoLimits, videoLimitsFor } from "./video-range";

// The upload path's one entrance (POST /api/uploads): a reference image (lib/uploads/ingest.ts) or a
// reference video (./ingest-video.ts), told apart by the file's content, never its name or declared type.

/** What an upload may say beside its file: the range to keep of a longer video, and the version it is for. */
export interface UploadOptions {
  range: RangeRequest;
  limits: VideoLimits;
  /** Whether the caller named a range (only a video has one). */
  ranged: boolean;
}

const seconds = (field: string, raw: string | undefined): number | undefined => {
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    throw new AppError("invalid_field", `${field} must be a number of seconds, e.g. 12.5.`, 400, {
      [field]: "must be a number of seconds",
    });
  }
  return n;
};

/** Reads the text fields of an upload: `startSec`, `endSec` (a video's range to keep) and `model`. */
export function uploadOptions(fields: Record<string, string | undefined>): UploadOptions {
  const range = { startSec: seconds("startSec", fields.startSec), endSec: seconds("endSec", fields.endSec) };
  const model = fields.model?.trim();
  let limits = videoLimitsFor();
  if (model) {
    if (!isModelVersionId(model)) {
      throw new AppError("invalid_field", `model "${model.slice(0, 40)}" is not a model version.`, 400, {
        model: "unknown model version",
      });
    }
    const profile = profileById(model);
    if (!profile.videos) {
      throw new AppError("unsupported_setting", `${profile.label} takes no reference videos.`, 422, {
        model: `${profile.label} takes no reference videos: pick a version that does`,
      });
    }
    limits = videoLimitsFor(profile);
  }
  return { range, limits, ranged: range.startSec !== undefined || range.endSec !== undefined };
}

function notAVideo(name: string, what: string): AppError {
  return new AppError("unsupported_type", `${name} is ${what}. Use ${VIDEO_FORMATS_TEXT}.`, 415);
}

function rangeOnImage(name: string): AppError {
  return new AppError(
    "invalid_field",
    `${name} is not ${VIDEO_FORMATS_TEXT}: startSec and endSec apply to reference videos only.`,
    400,
    { startSec: "only for videos" },
  );
}

/** A file held in memory (the multipart body was small enough to read whole). */
export async function ingestUploadBytes(
  db: DbTx,
  store: MediaStore,
  upload: { bytes: Uint8Array; fileName: string },
  options: UploadOptions,
): Promise<{ asset: AssetDTO; created: boolean }> {
  const sniffed = sniffContainer(upload.bytes.subarray(0, SNIFF_BYTES));
  if (sniffed.kind === "not-video") {
    if (options.ranged) throw rangeOnImage(cleanFileName(upload.fileName));
    return ingestImage(db, store, upload);
  }
  const name = cleanFileName(upload.fileName, "video");
  if (sniffed.kind === "other-video") throw notAVideo(name, sniffed.what);
  const filePath = await store.tempPath(`.${sniffed.container}`);
  try {
    await writeFile(filePath, upload.bytes);
    const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
    return await ingestVideo(
      db,
      store,
      { filePath, name, sha256, bytes: upload.bytes.byteLength, container: sniffed.container },
      options.range,
      options.limits,
    );
  } finally {
    await rm(filePath, { force: true });
  }
}

/**
 * The head of a file too large for an image, as it starts arriving: only a video may go on (anything else
 * is refused before the rest of its body is read).
 */
export function checkLargeFileHead(head: Uint8Array, tooLargeForImage: string): void {
  const sniffed = sniffContainer(head);
  if (sniffed.kind !== "video") throw new AppError("body_too_large", tooLargeForImage, 413);
}

/** A file streamed to disk (a large upload): a video, or refused. The caller removes the file. */
export async function ingestUploadFile(
  db: DbTx,
  store: MediaStore,
  file: { path: string; name: string; bytes: number; sha256: string; head: Uint8Array },
  options: UploadOptions,
): Promise<{ asset: AssetDTO; created: boolean }> {
  const name = cleanFileName(file.name, "video");
  const sniffed = sniffContainer(file.head);
  if (sniffed.kind === "other-video") throw notAVideo(name, sniffed.what);
  if (sniffed.kind !== "video") throw notAVideo(name, "not a video we can read");
  return ingestVideo(
    db,
    store,
    { filePath: file.path, name, sha256: file.sha256, bytes: file.bytes, container: sniffed.container },
    options.range,
    options.limits,
  );
}
