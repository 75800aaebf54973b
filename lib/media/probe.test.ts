import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFfmpeg, ToolRunError } from "@/lib/media/ffmpeg";
import { extractPoster, frameRate, probeVideo } from "@/lib/media/probe";

let dir: string;
const img = (name: string) => path.join(dir, name);

/** A test clip of `width` x `height`, `seconds` long, with sound. */
const clip = (name: string, width: number, height: number, seconds: number) =>
  runFfmpeg([
    ...["-f", "lavfi", "-i", `testsrc2=s=${width}x${height}:d=${seconds}:r=25`],
    ...["-f", "lavfi", "-i", `sine=d=${seconds}`],
    ..."-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest".split(" "),
    img(name),
  ]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-probe-test-"));
  await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3b7dd8" } })
    .png()
    .toFile(img("a.png"));
  await writeFile(img("notes.txt"), "not a video at all\n");
  await clip("landscape.mp4", 1280, 720, 4);
  await clip("portrait.mp4", 720, 1280, 3);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("probeVideo", () => {
  it("reads the size, duration and codecs of a video", async () => {
    const probe = await probeVideo(img("portrait.mp4"));
    expect([probe.width, probe.height]).toEqual([720, 1280]);
    expect([probe.videoCodec, probe.audioCodec, probe.hasAudio]).toEqual(["h264", "aac", true]);
    expect(Math.abs(probe.durationSec - 3)).toBeLessThanOrEqual(0.1);
    expect(probe.fps).toBe(25);
    expect(probe.videoDurationSec).toBeCloseTo(3, 2);
  });

  it("reads a frame rate from ffprobe's fractions", () => {
    expect(frameRate("30000/1001")).toBeCloseTo(29.97, 2);
    expect(frameRate("0/0", "24/1")).toBe(24);
    expect(frameRate(undefined, "90000/0")).toBeNull();
  });
});

describe("probeVideo and extractPoster", () => {
  it("refuses files that are not videos", async () => {
    await expect(probeVideo(img("a.png"))).rejects.toThrow(/a\.png is not a video/);
    await expect(probeVideo(img("notes.txt"))).rejects.toThrow(/notes\.txt is not a video/);
  });

  it("makes a small WebP poster no wider than 640 px", async () => {
    const poster = await extractPoster(img("landscape.mp4"));
    const meta = await sharp(poster).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.width).toBe(640);
    expect(meta.height).toBe(360);
    expect(poster.length).toBeLessThan(100_000);
    const narrow = await sharp(
      await extractPoster(img("portrait.mp4"), { maxWidth: 200, atSec: 99 }),
    ).metadata();
    expect([narrow.width, narrow.height]).toEqual([200, 356]);
  });
});

describe("extractPoster on a fade", () => {
  it("does not pick a black frame when the default moment falls on a fade to black", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "omni-poster-"));
    try {
      const out = path.join(dir, "fade.mp4");
      // 3 s: bright, black from 0.9 s to 1.2 s (a fade between references), bright again.
      await runFfmpeg([
        ..."-v error -f lavfi -i color=c=0xd0a060:s=320x180:d=3:r=25 -vf".split(" "),
        "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(t,0.9,1.2)'",
        ..."-c:v libx264 -preset ultrafast -pix_fmt yuv420p".split(" "),
        out,
      ]);
      const poster = await extractPoster(out);
      const { channels } = await sharp(poster).stats();
      expect(channels[0]!.mean).toBeGreaterThan(100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("probeVideo tells a refused input from a tool that never finished", () => {
  it("probeVideo says 'not a video' only when ffprobe read the file and refused it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "omni-probe-"));
    try {
      const file = path.join(dir, "notes.mp4");
      await writeFile(file, "this is text, not a video");
      await expect(probeVideo(file)).rejects.toThrow(/is not a video/);
      await expect(probeVideo(file)).rejects.not.toBeInstanceOf(ToolRunError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
