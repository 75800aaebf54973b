import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssetDTO } from "@/lib/generations/dto";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { probeVideo } from "@/lib/media/probe";
import { createUploadHandler } from "@/lib/uploads/handler";
import { storedKeys, storedPath } from "@/test/support/stored";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { makeImage } from "../support/images";
import { multipartBody, videoBytes, writeVideo } from "../support/reference-videos";
import { removeDir, type TestRuntime } from "../support/runtime";

// Reference videos through the upload route's handler, with real ffmpeg: accepted by content (MP4, MOV,
// WebM), refused with the file's name, what is wrong and what is allowed (storing nothing), a longer one
// cut to the range asked, and the same bytes or the same cut answered with the same asset. Bodies larger
// than an image may be take the streaming path (written to disk as they arrive).

let dir: string;
const files: Record<string, Uint8Array> = {};

/** A valid MP4 made larger than an image may be: a top-level `free` box of padding after its boxes. */
function padded(mp4: Uint8Array, extra: number): Uint8Array {
  const box = Buffer.alloc(extra);
  box.writeUInt32BE(extra, 0);
  box.write("free", 4, "latin1");
  return new Uint8Array(Buffer.concat([Buffer.from(mp4), box]));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-refvideo-"));
  const make = async (name: string, options: Parameters<typeof writeVideo>[2]) => {
    files[name] = await videoBytes(await writeVideo(dir, name, options));
  };
  await make("walk.mp4", { seconds: 2, seed: 1 });
  await make("walk.mov", { seconds: 2, seed: 2, format: "mov" });
  await make("walk.webm", { seconds: 2, seed: 3, format: "webm" });
  await make("walk.mkv", { seconds: 2, seed: 4, format: "mkv" });
  await make("long.mp4", { seconds: 10, width: 1280, height: 720, seed: 5 });
  await make("silent.mp4", { seconds: 6, seed: 6, audio: false });
  // A phone's portrait video: landscape frames with a rotation to show them upright.
  for (const [from, to] of [
    ["walk.mp4", "sideways.mp4"],
    ["long.mp4", "sideways-long.mp4"],
  ] as const) {
    const out = path.join(dir, to);
    await runFfmpeg(["-i", path.join(dir, from), "-c", "copy", "-metadata:s:v:0", "rotate=90", "-y", out]);
    files[to] = await videoBytes(out);
  }
  files["big.mp4"] = padded(files["walk.mp4"]!, 21 * 1024 * 1024);
  files["big-long.mp4"] = padded(files["long.mp4"]!, 21 * 1024 * 1024);
}, 120_000);
afterAll(() => removeDir(dir));

/** Stored files (not temp files, not image variants) under the media folder. */
function storedFiles(rt: TestRuntime): Promise<string[]> {
  return storedKeys(rt.store);
}

async function tempFiles(rt: TestRuntime): Promise<string[]> {
  return readdir(rt.store.tmpDir).catch(() => []);
}

/** A gray 32x18 rendering of frame `n`'s picture, to compare frames. */
async function frameAt(file: string, seconds: number): Promise<Buffer> {
  return runFfmpeg([
    ..."-accurate_seek -ss".split(" "),
    seconds.toFixed(3),
    "-i",
    file,
    ..."-frames:v 1 -vf scale=32:18,format=gray -f rawvideo -".split(" "),
  ]);
}
const difference = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0);

describe.each(await dbKinds())("reference video uploads on %s", (kind) => {
  let rt: TestRuntime;
  useStudio(kind, { runtime: { startWorker: false }, ready: (s) => ({ rt } = s) });
  const handler = createUploadHandler({ runtime: async () => rt });

  async function post(
    name: string,
    bytes: Uint8Array,
    fields: Record<string, string> = {},
    type = "video/mp4",
  ) {
    const { body, contentType } = multipartBody({ name, bytes, type }, fields);
    const response = await handler(
      new Request("http://studio.test/api/uploads", {
        method: "POST",
        headers: { "content-type": contentType, "content-length": String(body.length) },
        body: new Uint8Array(body),
      }),
    );
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function accepted(
    name: string,
    bytes: Uint8Array,
    fields?: Record<string, string>,
  ): Promise<AssetDTO> {
    const { status, json } = await post(name, bytes, fields);
    expect(status, JSON.stringify(json)).toBe(201);
    return json.asset as AssetDTO;
  }

  async function refused(
    name: string,
    bytes: Uint8Array,
    fields: Record<string, string>,
    status: number,
    code: string,
  ) {
    const assetsBefore = await rt.db.prisma.asset.count();
    const filesBefore = (await storedFiles(rt)).length;
    const answer = await post(name, bytes, fields);
    expect(answer.status, JSON.stringify(answer.json)).toBe(status);
    const error = answer.json.error as { code: string; message: string; fields?: Record<string, string> };
    expect(error.code).toBe(code);
    expect(await rt.db.prisma.asset.count()).toBe(assetsBefore);
    expect(await storedFiles(rt)).toHaveLength(filesBefore);
    expect(await tempFiles(rt)).toEqual([]);
    return error;
  }

  const keyOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

  it.each([
    ["walk.mp4", "video/mp4"],
    ["walk.mov", "video/quicktime"],
    ["walk.webm", "video/webm"],
  ])("keeps a short %s as it came, with a moving thumbnail and a poster", async (name, mime) => {
    const asset = await accepted(name, files[name]!);
    expect(asset).toMatchObject({
      kind: "video",
      mime,
      width: 640,
      height: 360,
      name,
      bytes: files[name]!.length,
    });
    expect(asset.video?.hasAudio).toBe(true);
    expect(asset.video?.durationSec).toBeGreaterThan(1.9);
    expect(asset.video?.durationSec).toBeLessThan(2.1);
    const stored = await readFile(await storedPath(rt.store, keyOf(asset.url)));
    expect(Buffer.compare(stored, Buffer.from(files[name]!))).toBe(0);
    const thumb = await sharp(await storedPath(rt.store, keyOf(asset.thumbUrl)), { pages: -1 }).metadata();
    expect(thumb.format).toBe("webp");
    expect(thumb.pages).toBeGreaterThan(4);
    expect(Math.max(thumb.width!, thumb.pageHeight!)).toBe(160);
    const poster = await sharp(await storedPath(rt.store, keyOf(asset.video!.posterUrl))).metadata();
    expect([poster.format, poster.width]).toEqual(["webp", 640]);
    expect(await tempFiles(rt)).toEqual([]);
  });

  it("gives the same asset for the same bytes, whatever the name", async () => {
    const first = await accepted("a.mp4", files["walk.mp4"]!);
    const filesBefore = (await storedFiles(rt)).length;
    const again = await accepted("renamed.mov", files["walk.mp4"]!);
    expect(again.id).toBe(first.id);
    expect(await storedFiles(rt)).toHaveLength(filesBefore);
  });

  it("refuses a longer video without a range, naming it, the limit and that a range is needed", async () => {
    const error = await refused("long.mp4", files["long.mp4"]!, {}, 422, "video_too_long");
    expect(error.message).toBe(
      "long.mp4 is 10 s long; reference videos can be at most 3 s. Give the range to keep: startSec and endSec, at most 3 s apart.",
    );
    expect(error.fields).toHaveProperty("startSec");
  });

  it("cuts the range asked, frame-accurately, as H.264/AAC MP4, and finds the same cut again", async () => {
    const asset = await accepted("long.mp4", files["long.mp4"]!, { startSec: "4", endSec: "7" });
    expect(asset).toMatchObject({
      kind: "video",
      mime: "video/mp4",
      name: "long 0:04-0:07.mp4",
      width: 1280,
    });
    const stored = await storedPath(rt.store, keyOf(asset.url));
    const probe = await probeVideo(stored);
    expect([probe.videoCodec, probe.audioCodec, probe.hasAudio]).toEqual(["h264", "aac", true]);
    expect(Math.abs(probe.durationSec - 3)).toBeLessThan(0.05);
    expect(asset.video?.durationSec).toBeCloseTo(probe.durationSec, 3);
    // The first frame kept is the source's frame at 4 s, not a keyframe's nearby.
    const first = await frameAt(stored, 0);
    const source = path.join(dir, "long.mp4");
    const exact = difference(first, await frameAt(source, 4));
    expect(exact).toBeLessThan(difference(first, await frameAt(source, 3.6)));
    expect(exact).toBeLessThan(difference(first, await frameAt(source, 4.4)));

    const filesBefore = (await storedFiles(rt)).length;
    const again = await accepted("same-source.mp4", files["long.mp4"]!, { startSec: "4", endSec: "7" });
    expect(again.id).toBe(asset.id);
    expect(await storedFiles(rt)).toHaveLength(filesBefore);
    const other = await accepted("long.mp4", files["long.mp4"]!, { startSec: "1.5", endSec: "3" });
    expect(other.id).not.toBe(asset.id);
    // 1.5 s at 25 frames a second: 38 frames (the 38th starts before the end).
    expect(Math.abs(other.video!.durationSec - 1.5)).toBeLessThanOrEqual(0.04);
  });

  it("gives a phone's portrait video its upright size, kept whole or cut", async () => {
    const kept = await accepted("portrait.mp4", files["sideways.mp4"]!);
    expect([kept.width, kept.height]).toEqual([360, 640]);
    const poster = await sharp(await storedPath(rt.store, keyOf(kept.video!.posterUrl))).metadata();
    expect(poster.height).toBeGreaterThan(poster.width!);
    const cut = await accepted("portrait-long.mp4", files["sideways-long.mp4"]!, {
      startSec: "1",
      endSec: "3",
    });
    expect([cut.width, cut.height]).toEqual([720, 1280]);
  });

  it("cuts a silent video without inventing a sound track", async () => {
    const asset = await accepted("silent.mp4", files["silent.mp4"]!, { startSec: "0", endSec: "3" });
    expect(asset.video?.hasAudio).toBe(false);
    expect((await probeVideo(await storedPath(rt.store, keyOf(asset.url)))).hasAudio).toBe(false);
  });

  it.each([
    [{ startSec: "2", endSec: "6" }, 422, "range_too_long", "at most 3 s"],
    [{ startSec: "5", endSec: "4" }, 422, "invalid_range", "must come after startSec"],
    [{ startSec: "9", endSec: "11" }, 422, "invalid_range", "past the end"],
    [{ startSec: "4" }, 422, "invalid_range", "endSec is missing"],
    [{ startSec: "four", endSec: "7" }, 400, "invalid_field", "startSec must be a number"],
    [{ model: "fal-v1" }, 422, "unsupported_setting", "Omni Flash 1.0 takes no reference videos"],
  ])("refuses a bad range or version %j and stores nothing", async (fields, status, code, text) => {
    const error = await refused("long.mp4", files["long.mp4"]!, fields, status, code);
    expect(error.message).toContain(text);
  });

  it("refuses what is not a reference video by its content, naming the file and what is allowed", async () => {
    const text = new TextEncoder().encode("just some notes, not a video");
    const asText = await refused("clip.mp4", text, {}, 415, "unsupported_type");
    expect(asText.message).toBe(
      "clip.mp4 is not an image or video we can read. Use a PNG, JPEG or WebP image, or an MP4, MOV or WebM video.",
    );
    const mkv = await refused("walk.mkv", files["walk.mkv"]!, {}, 415, "unsupported_type");
    expect(mkv.message).toBe("walk.mkv is an MKV (Matroska) video. Use an MP4, MOV or WebM video.");
    // moov comes last in these files: the first half has no index to read.
    const cut = files["long.mp4"]!.subarray(0, files["long.mp4"]!.length / 2);
    const broken = await refused("cut.mp4", cut, {}, 415, "unsupported_type");
    expect(broken.message).toContain("cut.mp4 is not a video we can read");
    const image = await refused(
      "still.mp4",
      await makeImage({ seed: 7 }),
      { startSec: "0", endSec: "2" },
      400,
      "invalid_field",
    );
    expect(image.message).toContain("still.mp4 is not an MP4, MOV or WebM video");
  });

  it("streams a body larger than an image may be to disk, and takes it when it is a video", async () => {
    const big = files["big.mp4"]!;
    expect(big.length).toBeGreaterThan(21 * 1024 * 1024);
    const asset = await accepted("big.mp4", big);
    expect(asset).toMatchObject({ kind: "video", bytes: big.length });
    const cut = await accepted("big-long.mp4", files["big-long.mp4"]!, { startSec: "2", endSec: "5" });
    expect(cut.video?.durationSec).toBeCloseTo(3, 1);
    expect(await tempFiles(rt)).toEqual([]);
  });

  it("refuses a large body that is not a video at its first bytes, and one over the video limit unread", async () => {
    const png = await makeImage({ seed: 8 });
    const big = new Uint8Array(Buffer.concat([png, Buffer.alloc(21 * 1024 * 1024)]));
    const error = await refused("huge.png", big, {}, 413, "body_too_large");
    expect(error.message).toContain("reference images can be at most 20 MB");
    const response = await handler(
      new Request("http://studio.test/api/uploads", {
        method: "POST",
        headers: {
          "content-type": "multipart/form-data; boundary=x",
          "content-length": String(101 * 1024 * 1024),
        },
        body: "--x--",
      }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      "reference videos 100 MB",
    );
  });
});
