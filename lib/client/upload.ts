import type { AssetDTO } from "@/lib/generations/dto";
import { ApiRequestError, toApiError } from "./http";

export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
export const UPLOAD_ACCEPT = {
  "image/png": [".png"],
  "image/jpeg": [".jpg", ".jpeg"],
  "image/webp": [".webp"],
} as const;

/** What the file picker offers when the chosen version takes reference videos too. */
export const VIDEO_ACCEPT = {
  "video/mp4": [".mp4"],
  "video/quicktime": [".mov"],
  "video/webm": [".webm"],
} as const;

export interface UploadOptions {
  /** A reference video's range to keep (seconds from its start): the server cuts it with ffmpeg. */
  range?: { startSec: number; endSec: number };
  /** The model version the video is for: the server checks the video against its limits. */
  model?: string;
  /** 0..1 of the bytes sent; the server still has to check and store the image after 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one reference image or video to `POST /api/uploads` (a video with the range to keep, if any). XMLHttpRequest rather than fetch because only it
 * reports upload progress in every browser.
 */
export function uploadReference(
  file: File,
  { onProgress, signal, range, model }: UploadOptions = {},
): Promise<AssetDTO> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status === 201 || xhr.status === 200) {
        const asset = (body as { asset?: AssetDTO } | null)?.asset;
        if (asset) return resolve(asset);
      }
      reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(toApiError(0, null));
    xhr.onabort = () => reject(new ApiRequestError(0, "aborted", "Upload canceled."));
    if (signal) {
      if (signal.aborted) return reject(new ApiRequestError(0, "aborted", "Upload canceled."));
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    const form = new FormData();
    // The fields before the file: the server reads them whatever the order, but a streamed body has them early.
    if (range) {
      form.append("startSec", range.startSec.toFixed(3));
      form.append("endSec", range.endSec.toFixed(3));
    }
    if (model) form.append("model", model);
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
