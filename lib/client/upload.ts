import type { AssetDTO } from "@/lib/generations/dto";
import { ApiRequestError, toApiError } from "./http";

export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
export const UPLOAD_ACCEPT = {
  "image/png": [".png"],
  "image/jpeg": [".jpg", ".jpeg"],
  "image/webp": [".webp"],
} as const;

export interface UploadOptions {
  /** 0..1 of the bytes sent; the server still has to check and store the image after 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one reference image to `POST /api/uploads`. XMLHttpRequest rather than fetch because only it
 * reports upload progress in every browser.
 */
export function uploadReference(file: File, { onProgress, signal }: UploadOptions = {}): Promise<AssetDTO> {
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
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
