import type { AssetDTO } from "@/lib/generations/dto";
import type { TimeRange } from "@/lib/uploads/video-range";
import { toApiError } from "./http";

/** What the file pickers offer for a reference video (the server checks the content with ffprobe). */
export const VIDEO_ACCEPT = "video/mp4,video/quicktime,video/webm,.mp4,.mov,.webm";

/**
 * Uploads one reference video to `POST /api/uploads` (field `file`), with the range to keep of a longer
 * one (`startSec`, `endSec`: the server trims it). Answers the stored video asset, or throws the server's
 * refusal as an ApiRequestError naming the field.
 */
export async function uploadReferenceVideo(file: File, range?: TimeRange): Promise<AssetDTO> {
  const form = new FormData();
  form.append("file", file, file.name);
  if (range) {
    form.append("startSec", String(range.startSec));
    form.append("endSec", String(range.endSec));
  }
  let res: Response;
  try {
    res = await fetch("/api/uploads", {
      method: "POST",
      body: form,
      headers: { accept: "application/json" },
    });
  } catch {
    throw toApiError(0, null);
  }
  const body: unknown = await res.json().catch(() => null);
  const asset = (body as { asset?: AssetDTO } | null)?.asset;
  if (!res.ok || !asset) throw toApiError(res.status, body);
  return asset;
}

/** A video file's length in seconds as the browser reads it, or null when it cannot (the server decides then). */
export function videoFileDuration(file: File): Promise<number | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const v = document.createElement("video");
    v.preload = "metadata";
    const done = (value: number | null) => {
      URL.revokeObjectURL(url);
      v.removeAttribute("src");
      resolve(value);
    };
    v.onloadedmetadata = () => done(Number.isFinite(v.duration) ? v.duration : null);
    v.onerror = () => done(null);
    v.src = url;
  });
}
