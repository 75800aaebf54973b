import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  extractPoster,
  ffprobePath,
  preparedSize,
  probeVideo,
  renderPreview,
  runFfmpeg,
  runTool,
  splitTimeline,
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

  it("renders the same clip in pieces as in one: every frame, seamless at the cuts", async () => {
    // 75 frames of two references (38 + 37): three pieces cut inside both segments, at 25 and 50.
    const refs = [img("a.png"), img("c.webp")];
    const whole = img("whole.mp4");
    const pieces = img("pieces.mp4");
    const common = { imagePaths: refs, duration: 3, aspectRatio: "16:9" as const, prompt: "x" };
    await renderPreview({ ...common, outPath: whole, parts: 1 });
    await renderPreview({ ...common, outPath: pieces, parts: 3 });
    const frameCount = async (file: string) =>
      Number(
        (
          await runTool(ffprobePath, [
            ..."-v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0".split(
              " ",
            ),
            file,
          ])
        )
          .toString()
          .trim(),
      );
    expect(await frameCount(whole)).toBe(75);
    expect(await frameCount(pieces)).toBe(75);
    // Frame by frame the two match up to encoding noise: a piece that started its move from the
    // beginning, lost or repeated a frame, or drew a fade twice would drop PSNR far below this.
    const psnr = (
      await runFfmpeg([
        ...["-loglevel", "info", "-i", pieces, "-i", whole],
        ...["-lavfi", "[0:v][1:v]psnr=stats_file=-", "-f", "null", "-"],
      ])
    )
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((line) => Number(/psnr_avg:([\d.]+|inf)/.exec(line)?.[1]?.replace("inf", "99")));
    expect(psnr).toHaveLength(75);
    expect(Math.min(...psnr)).toBeGreaterThan(30);
    const probe = await probeVideo(pieces);
    expect(probe.audioCodec).toBe("aac");
    expect(Math.abs(probe.durationSec - 3)).toBeLessThanOrEqual(0.1);
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

describe("splitTimeline", () => {
  const lengths = (pieces: ReturnType<typeof splitTimeline>) =>
    pieces.map((p) => p.reduce((a, s) => a + s.length, 0));

  it("cuts 200 frames of five references into two halves, every frame once, in order", () => {
    const pieces = splitTimeline([40, 40, 40, 40, 40], 2);
    expect(lengths(pieces)).toEqual([100, 100]);
    expect(pieces[0]?.at(-1)).toEqual({ index: 2, frames: 40, offset: 0, length: 20 });
    expect(pieces[1]?.[0]).toEqual({ index: 2, frames: 40, offset: 20, length: 20 });
    const flat = pieces.flat();
    for (let i = 0; i < 5; i++) {
      const slices = flat.filter((s) => s.index === i);
      expect(slices.reduce((a, s) => a + s.length, 0)).toBe(40);
      expect(slices.map((s) => s.offset)).toEqual(
        slices.map((_, k) => slices.slice(0, k).reduce((a, s) => a + s.length, 0)),
      );
    }
  });

  it("moves a cut out of a fade, so one piece draws each fade whole", () => {
    // One segment of 100 frames, fades of 8 frames; a cut at 3 would split the fade in.
    const pieces = splitTimeline([4, 100], 2, 1);
    const cut = pieces[0]!.reduce((a, s) => a + s.length, 0);
    expect(cut).toBe(52);
    const [first, second] = splitTimeline([50, 50], 4, 1);
    expect(first?.[0]).toMatchObject({ index: 0, offset: 0 });
    expect(second?.[0]?.offset).toBeGreaterThanOrEqual(8);
    for (const piece of splitTimeline([30, 31, 29], 4, 1))
      for (const s of piece) {
        const fade = Math.max(1, Math.min(8, Math.floor(s.frames / 4)));
        if (s.offset > 0) expect(s.offset).toBeGreaterThanOrEqual(fade);
        if (s.offset + s.length < s.frames) expect(s.offset + s.length).toBeLessThanOrEqual(s.frames - fade);
      }
  });

  it("makes no piece shorter than a second and one piece of a short clip", () => {
    expect(lengths(splitTimeline([30, 30], 4))).toEqual([30, 30]);
    expect(splitTimeline([20], 4)).toEqual([[{ index: 0, frames: 20, offset: 0, length: 20 }]]);
    expect(lengths(splitTimeline([250], 1))).toEqual([250]);
  });
});

describe("preparedSize", () => {
  const frame = { width: 1280, height: 720 };
  it("crops a picture with enough pixels to 1.5 times the frame", () => {
    expect(preparedSize({ width: 4032, height: 3024 }, frame)).toEqual({ width: 1920, height: 1080 });
  });
  it("only crops a picture between the frame and the headroom, never enlarging it", () => {
    expect(preparedSize({ width: 1600, height: 1200 }, frame)).toEqual({ width: 1600, height: 900 });
    expect(preparedSize({ width: 1500, height: 2000 }, frame)).toEqual({ width: 1500, height: 844 });
  });
  it("enlarges a picture smaller than the frame to the frame", () => {
    expect(preparedSize({ width: 640, height: 480 }, frame)).toEqual(frame);
    expect(preparedSize({ width: 1600, height: 1200 }, { width: 720, height: 1280 })).toEqual({
      width: 720,
      height: 1280,
    });
  });
});
