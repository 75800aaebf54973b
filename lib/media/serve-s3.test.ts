import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeImage } from "@/test/support/images";
import { startS3, type TestS3 } from "@/test/support/s3";
import type { S3MediaStore } from "./s3-store";
import { PRESIGNED_TTL_SEC, serveMedia } from "./serve";

// serveMedia on the S3 driver: streamed through the studio with ranges (MEDIA_DELIVERY=proxy, the default)
// or a redirect to a presigned URL that the S3 server itself answers (MEDIA_DELIVERY=redirect).

let s3: TestS3;
let dir: string;
let store: S3MediaStore;
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
let key: string;

beforeAll(async () => {
  s3 = await startS3();
  dir = await mkdtemp(path.join(os.tmpdir(), "omni-serve-s3-"));
  store = s3.store(dir);
  await store.init();
  key = (await store.putBuffer(bytes, "mp4")).key;
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = (headers: Record<string, string> = {}, query = "") =>
  new Request(`http://studio.test/api/media/${key}${query}`, { headers });

describe("serveMedia on S3, proxied", () => {
  it("answers 206 with exactly the bytes of a Range", async () => {
    const res = await serveMedia(store, get({ Range: "bytes=100-199" }), key, true);
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe("bytes 100-199/1000");
    expect(res.headers.get("content-length")).toBe("100");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it("answers 200 whole, 416 past the end, 304 for its ETag, 404 for a missing key", async () => {
    const whole = await serveMedia(store, get(), key, true);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const etag = whole.headers.get("etag") ?? "";
    expect(etag).toBe(`"${key.slice(0, 64)}"`);
    expect((await serveMedia(store, get({ Range: "bytes=5000-" }), key, true)).status).toBe(416);
    expect((await serveMedia(store, get({ "If-None-Match": etag }), key, true)).status).toBe(304);
    const missing = `${"0".repeat(64)}.mp4`;
    expect((await serveMedia(store, get(), missing, true)).status).toBe(404);
  });
});

describe("serveMedia on S3, redirected", () => {
  it("answers 302 to a short-lived presigned URL that the S3 server serves, with ranges", async () => {
    const res = await serveMedia(store, get(), key, true, { delivery: "redirect" });
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const location = res.headers.get("location") ?? "";
    expect(location.startsWith(`${s3.endpoint}/${s3.bucket}/media/${key}?`)).toBe(true);
    expect(new URL(location).searchParams.get("X-Amz-Expires")).toBe(String(PRESIGNED_TTL_SEC));
    const direct = await fetch(location, { headers: { Range: "bytes=100-199" } });
    expect(direct.status).toBe(206);
    expect(direct.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await direct.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it("still answers 404 for a missing key, and streams image variants from the local cache", async () => {
    const missing = `${"0".repeat(64)}.mp4`;
    expect((await serveMedia(store, get(), missing, true, { delivery: "redirect" })).status).toBe(404);
    const image = await store.putBuffer(await makeImage({ seed: 3, width: 1200, height: 800 }), "png");
    const req = new Request(`http://studio.test/api/media/${image.key}?w=480`);
    const variant = await serveMedia(store, req, image.key, true, { delivery: "redirect" });
    expect(variant.status).toBe(200);
    expect((await variant.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await readdir(store.cacheDir)).length).toBe(1);
    expect(await readdir(store.tmpDir)).toEqual([]);
  });
});
