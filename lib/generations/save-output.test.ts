import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { LocalMediaStore } from "@/lib/media/local-store";
import type { VideoProvider } from "@/lib/providers/types";
import { fakeVideo } from "@/test/fakes/fal-fake-video";
import { SAVES_AT_ONCE, saveLoad, saveOutput } from "./save-output";

let dir: string;
let store: LocalMediaStore;
let videoPath: string;

/** Only what saveOutput uses of a provider: the finished video, streamed from a real MP4 on disk. */
const provider = {
  openOutput: async () => Readable.toWeb(createReadStream(videoPath)) as ReadableStream<Uint8Array>,
} as unknown as VideoProvider;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-save-test-"));
  store = new LocalMediaStore(dir);
  await store.init();
  videoPath = (await fakeVideo("16:9", 3)).path;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("saveOutput", () => {
  it("stores the video and a 640-wide WebP poster with the probed duration", async () => {
    const saved = await saveOutput(store, provider, { url: "https://fal.example/out.mp4" });
    expect(saved.durationSec).toBeCloseTo(3, 0);
    // 720p plays on hover as stored.
    expect(saved).toMatchObject({ width: 1280, height: 720, needsHover: false });
    const poster = await sharp(store.pathOf(saved.posterKey)).metadata();
    expect(poster).toMatchObject({ format: "webp", width: 640, height: 360 });
  });

  it("gives a 4K clip the same small poster, and marks it for a hover rendition", async () => {
    const uhd = path.join(dir, "uhd.mp4");
    await runFfmpeg([
      ..."-f lavfi -i testsrc2=size=3840x2160:rate=25:duration=2".split(" "),
      ..."-c:v libx264 -preset ultrafast -pix_fmt yuv420p -y".split(" "),
      uhd,
    ]);
    const from4k = {
      openOutput: async () => Readable.toWeb(createReadStream(uhd)) as ReadableStream<Uint8Array>,
    } as unknown as VideoProvider;
    const saved = await saveOutput(store, from4k, { url: "https://fal.example/4k.mp4" });
    expect(saved).toMatchObject({ width: 3840, height: 2160, needsHover: true });
    const poster = await sharp(store.pathOf(saved.posterKey)).metadata();
    expect(poster).toMatchObject({ format: "webp", width: 640, height: 360 });
    expect((await store.stat(saved.posterKey))!.size).toBeLessThan(40 * 1024);
  }, 60_000);

  it(`probes and makes posters for at most ${SAVES_AT_ONCE} clips at a time when many finish together`, async () => {
    let most = 0;
    let queued = 0;
    const watch = setInterval(() => {
      const load = saveLoad();
      most = Math.max(most, load.running);
      queued = Math.max(queued, load.waiting);
    }, 1);
    try {
      const saves = await Promise.all(
        Array.from({ length: 3 * SAVES_AT_ONCE }, () =>
          saveOutput(store, provider, { url: "https://fal.example/out.mp4" }),
        ),
      );
      expect(saves.every((s) => s.posterKey.endsWith(".webp") && s.durationSec > 2)).toBe(true);
    } finally {
      clearInterval(watch);
    }
    expect(most).toBe(SAVES_AT_ONCE);
    expect(queued).toBeGreaterThan(0);
    expect(saveLoad()).toEqual({ running: 0, waiting: 0 });
  });
});
