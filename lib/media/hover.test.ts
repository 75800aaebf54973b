import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFfmpeg } from "./ffmpeg";
import { HOVER_SHORT_SIDE, makeHoverRendition, needsHoverRendition } from "./hover";
import { LocalMediaStore } from "./local-store";
import { probeVideo } from "./probe";

let dir: string;
let store: LocalMediaStore;

/** A real H.264 + AAC clip of `width` x `height`, stored like a saved clip. */
async function storedClip(width: number, height: number, seconds: number): Promise<string> {
  const file = path.join(dir, `${width}x${height}.mp4`);
  await runFfmpeg([
    ...["-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=25:duration=${seconds}`],
    ...["-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`],
    ..."-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest -y".split(" "),
    file,
  ]);
  return (await store.putBuffer(await readFile(file), "mp4")).key;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-hover-test-"));
  store = new LocalMediaStore(path.join(dir, "media"));
  await store.init();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("hover renditions", () => {
  it("are for clips stored above 720p, either way up", () => {
    expect(needsHoverRendition({ width: 640, height: 360 })).toBe(false);
    expect(needsHoverRendition({ width: 1280, height: 720 })).toBe(false);
    expect(needsHoverRendition({ width: 720, height: 1280 })).toBe(false);
    expect(needsHoverRendition({ width: 1920, height: 1080 })).toBe(true);
    expect(needsHoverRendition({ width: 1080, height: 1920 })).toBe(true);
    expect(needsHoverRendition({ width: 3840, height: 2160 })).toBe(true);
  });

  it("make a silent 480p H.264 copy of a 1080p clip, stored by content, far smaller", async () => {
    const key = await storedClip(1920, 1080, 4);
    const made = await makeHoverRendition(store, key);
    expect(made.key).toMatch(/^[a-f0-9]{64}\.mp4$/);
    expect(made.key).not.toBe(key);
    const probe = await probeVideo(store.pathOf(made.key));
    expect([probe.width, probe.height, probe.videoCodec, probe.hasAudio]).toEqual([854, 480, "h264", false]);
    expect(Math.abs(probe.durationSec - 4)).toBeLessThanOrEqual(0.1);
    const original = (await store.stat(key))!.size;
    expect(made.bytes).toBeLessThan(original / 3);
    // +faststart: a card starts playing before the whole copy has arrived.
    const bytes = await readFile(store.pathOf(made.key));
    expect(bytes.indexOf("moov")).toBeLessThan(bytes.indexOf("mdat"));
    // Nothing left in the scratch folder.
    expect(await store.clearStaleTemp(Date.now() + 24 * 3600_000)).toBe(0);
  }, 60_000);

  it("keep a portrait clip portrait: 480 wide", async () => {
    const key = await storedClip(1080, 1920, 2);
    const probe = await probeVideo(store.pathOf((await makeHoverRendition(store, key)).key));
    expect([probe.width, probe.height]).toEqual([HOVER_SHORT_SIDE, 854]);
  }, 60_000);

  it("refuse a file that is not a video, storing nothing", async () => {
    const { key } = await store.putBuffer(Buffer.from("not a video at all"), "mp4");
    await expect(makeHoverRendition(store, key)).rejects.toThrow(/ffmpeg failed/);
    expect(await store.clearStaleTemp(Date.now() + 24 * 3600_000)).toBe(0);
  });
});
