// fal's storage as the fake keeps it: upload initiation, the signed PUT, the CDN GET of an uploaded file,
// and how a request's URLs are read back (bytes, and a video's length by ffprobe, as fal's runner would
// have to). Only the fake's own files are reachable: the fake never reaches out to other hosts.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { FileLookup } from "@/test/fakes/fal-schemas";

const run = promisify(execFile);

export interface StoredFile {
  contentType: string;
  fileName: string;
  bytes: Uint8Array;
}

/** The token of one of the fake's own file URLs (`.../files/uploads/<token>/<name>`), whatever its origin. */
export function uploadToken(fileUrl: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(fileUrl).pathname;
  } catch {
    return undefined;
  }
  return /\/files\/uploads\/([^/]+)\//.exec(pathname)?.[1];
}

let ffprobePath: string | undefined;
function ffprobe(): string {
  ffprobePath ??= createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path as string;
  return ffprobePath;
}

/** A container's length in seconds, or undefined when ffprobe cannot read the bytes as a video. */
export async function probeSeconds(bytes: Uint8Array): Promise<number | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fake-fal-probe-"));
  const file = path.join(dir, "video");
  try {
    await writeFile(file, bytes);
    const { stdout } = await run(ffprobe(), [
      ...["-v", "error", "-select_streams", "v:0"],
      ...["-show_entries", "stream=codec_type:format=duration,format_name", "-of", "json", file],
    ]);
    const parsed = JSON.parse(stdout) as {
      streams?: unknown[];
      format?: { duration?: string; format_name?: string };
    };
    // A still image probes as a one-frame video stream (png_pipe, image2): not a video.
    const name = parsed.format?.format_name ?? "";
    const still = name === "image2" || name.endsWith("_pipe");
    const seconds = Number(parsed.format?.duration);
    return parsed.streams?.length && !still && seconds > 0 ? seconds : undefined;
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads a request's URLs back from the fake's storage; each video is probed once. */
export function fileLookup(files: Map<string, StoredFile>): FileLookup {
  const lengths = new WeakMap<Uint8Array, Promise<number | undefined>>();
  const bytes = (url: string) => {
    const file = files.get(uploadToken(url) ?? "");
    return file?.bytes.length ? file.bytes : undefined;
  };
  return {
    bytes,
    videoSeconds(url) {
      const b = bytes(url);
      if (!b) return Promise.resolve(undefined);
      let length = lengths.get(b);
      if (!length) {
        length = probeSeconds(b);
        lengths.set(b, length);
      }
      return length;
    },
  };
}

/** POST /storage/upload/initiate: a slot for the bytes, with the PUT URL and the file's future URL. */
export function initiateUpload(
  files: Map<string, StoredFile>,
  publicOrigin: string,
  body: { content_type?: unknown; file_name?: unknown },
) {
  const token = randomUUID();
  const fileName = String(body.file_name ?? "file").replace(/[^\w.-]/g, "_");
  files.set(token, { contentType: String(body.content_type ?? ""), fileName, bytes: new Uint8Array() });
  return {
    upload_url: `${publicOrigin}/storage/upload/put/${token}?X-Goog-Signature=fake`,
    file_url: `${publicOrigin}/files/uploads/${token}/${fileName}`,
  };
}

/** GET of an uploaded file, as fal's CDN serves it. */
export function serveUpload(files: Map<string, StoredFile>, token: string, res: http.ServerResponse) {
  const file = files.get(token);
  if (!file?.bytes.length) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ detail: "Not Found" }));
    return;
  }
  res.writeHead(200, { "content-type": file.contentType, "content-length": file.bytes.length });
  res.end(file.bytes);
}
