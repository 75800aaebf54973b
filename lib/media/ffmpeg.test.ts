import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  extractPoster,
  ffprobePath,
  probeVideo,
  renderPreview,
  runFfmpeg,
  runTool,
  synthSoundtrack,
  ToolRunError,
} from "@/lib/media/ffmpeg";

let dir: string;
const img = (name: string) => path.join(dir, name);

/** A picture with structure (shapes, not a flat colour), so the encoder has real work. */
function picture(width: number, height: number, hue: string) {
  const svg = `<svg width="${width}" height="${height}"><rect width="100%" height="100%" fill="${hue}"/>
    <circle cx="${width / 3}" cy="${height / 2}" r="${height / 4}" fill="#f5d76e"/>
    <rect x="${width / 2}" y="${height / 5}" width="${width / 4}" height="${height / 2}" fill="#1b2a49"/></svg>`;
  return sharp(Buffer.from(svg));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-ffmpeg-test-"));
  await picture(1600, 1200, "#3b7dd8").png().toFile(img("a.png"));
  await picture(900, 1400, "#d84b3b").jpeg({ quality: 85 }).toFile(img("b.jpg"));
  await picture(1200, 800, "#3bd88a").webp().toFile(img("c.webp"));
  // Upright it is red above blue (portrait). Stored rotated 90° anticlockwise with EXIF orientation 6
  // ("rotate 90° clockwise to display"), as phone cameras do.
  const upright = await sharp({ create: { width: 600, height: 1200, channels: 3, background: "#ff0000" } })
    .composite([
      {
        input: { create: { width: 600, height: 600, channels: 3, background: "#0000ff" } },
        top: 600,
        left: 0,
      },
    ])
    .png()
    .toBuffer();
  await sharp(upright).rotate(270).jpeg().withMetadata({ orientation: 6 }).toFile(img("rotated.jpg"));
  await writeFile(img("notes.txt"), "not a video at all\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("renderPreview", () => {
  it("renders a 3 s 9:16 H.264/AAC MP4 from two references, moov first", async () => {
    const out = img("portrait.mp4");
    const seen: number[] = [];
    await renderPreview({
      imagePaths: [img("a.png"), img("b.jpg")],
      duration: 3,
      aspectRatio: "9:16",
      outPath: out,
      prompt: "<IMAGE_REF_0> meets <IMAGE_REF_1>",
      onProgress: (f) => seen.push(f),
    });
    const probe = await probeVideo(out);
    expect([probe.width, probe.height]).toEqual([720, 1280]);
    expect(probe.videoCodec).toBe("h264");
    expect(probe.audioCodec).toBe("aac");
    expect(probe.hasAudio).toBe(true);
    expect(Math.abs(probe.durationSec - 3)).toBeLessThanOrEqual(0.1);
    expect(seen.at(-1)).toBe(1);
    // +faststart: the index comes before the media data, so browsers can play while downloading.
    const bytes = await readFile(out);
    expect(bytes.indexOf("moov")).toBeLessThan(bytes.indexOf("mdat"));
    expect((await readdir(dir)).filter((f) => f.includes(".partial"))).toEqual([]);
  }, 60_000);

  it("renders 16:9 at 1280x720 from PNG, JPEG and WebP", async () => {
    const out = img("landscape.mp4");
    await renderPreview({
      imagePaths: [img("a.png"), img("b.jpg"), img("c.webp")],
      duration: 4,
      aspectRatio: "16:9",
      outPath: out,
    });
    const probe = await probeVideo(out);
    expect([probe.width, probe.height]).toEqual([1280, 720]);
    expect(Math.abs(probe.durationSec - 4)).toBeLessThanOrEqual(0.1);
    // A keyframe every second, so a seek anywhere decodes at most a second of video.
    const keyframes = (
      await runTool(ffprobePath, [
        ..."-v error -select_streams v:0 -skip_frame nokey -show_entries frame=pts_time -of csv=p=0".split(
          " ",
        ),
        out,
      ])
    )
      .toString()
      .split(/\s+/)
      .filter(Boolean)
      .map((line) => Number.parseFloat(line));
    expect(keyframes.length).toBeGreaterThanOrEqual(4);
    const gaps = keyframes.slice(1).map((t, i) => t - (keyframes[i] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1.001);
  }, 60_000);

  it("shows EXIF-rotated photos upright", async () => {
    const out = img("rotated.mp4");
    await renderPreview({ imagePaths: [img("rotated.jpg")], duration: 3, aspectRatio: "9:16", outPath: out });
    const poster = await extractPoster(out, { atSec: 1.5 });
    const { data, info } = await sharp(poster).raw().toBuffer({ resolveWithObject: true });
    const pixel = (y: number) => {
      const i = (Math.round(y * (info.height - 1)) * info.width + Math.round(info.width / 2)) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    const [top, bottom] = [pixel(0.2), pixel(0.8)];
    expect(top[0]).toBeGreaterThan(150);
    expect(top[2]).toBeLessThan(100);
    expect(bottom[2]).toBeGreaterThan(150);
    expect(bottom[0]).toBeLessThan(100);
  }, 60_000);

  it("stops when aborted and leaves no file behind", async () => {
    const out = img("aborted.mp4");
    const controller = new AbortController();
    const render = renderPreview({
      imagePaths: [img("a.png"), img("b.jpg"), img("c.webp")],
      duration: 10,
      aspectRatio: "16:9",
      outPath: out,
      signal: controller.signal,
      // Abort once ffmpeg is really encoding, not before it starts.
      onProgress: (f) => f > 0 && controller.abort(),
    });
    await expect(render).rejects.toMatchObject({ name: "AbortError" });
    await expect(stat(out)).rejects.toMatchObject({ code: "ENOENT" });
    expect((await readdir(dir)).filter((f) => f.startsWith(".aborted.mp4"))).toEqual([]);
  }, 60_000);

  it("makes the same music for the same prompt and different music for another", () => {
    const bytes = (prompt: string) => Buffer.from(synthSoundtrack(prompt, [1, 1]).buffer);
    const a = synthSoundtrack("a cat on a skateboard", [1, 1]);
    expect(bytes("a cat on a skateboard").equals(Buffer.from(a.buffer))).toBe(true);
    expect(bytes("a storm over the sea").equals(Buffer.from(a.buffer))).toBe(false);
    expect(a.length).toBe(2 * 2 * 44100);
    const peak = a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.1);
    expect(peak).toBeLessThanOrEqual(1);
  });
});

describe("runFfmpeg", () => {
  it("kills ffmpeg on abort", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runFfmpeg(["-f", "lavfi", "-i", "sine=d=600", "-f", "null", "-"], {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("fails with ffmpeg's own reason", async () => {
    await expect(runFfmpeg(["-i", img("missing.mp4"), "-f", "null", "-"])).rejects.toThrow(
      /ffmpeg failed: .*No such file or directory/,
    );
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

describe("runTool tells a refused input from a tool that never finished", () => {
  const kindOf = async (bin: string, args: string[]) => {
    const err = await runTool(bin, args).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolRunError);
    return (err as ToolRunError).kind;
  };

  it("could not start, killed by a signal, or exited with an error", async () => {
    expect(await kindOf("/nonexistent/ffprobe", [])).toBe("start");
    expect(await kindOf("/bin/sh", ["-c", "kill -9 $$"])).toBe("signal");
    expect(await kindOf("/bin/sh", ["-c", "exit 3"])).toBe("exit");
  });

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
