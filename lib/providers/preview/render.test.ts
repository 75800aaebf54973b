import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFfmpeg, runTool } from "@/lib/media/ffmpeg";
import { extractPoster, probeVideo } from "@/lib/media/probe";
import { tool } from "@/lib/media/tools";
import { renderPreview } from "./render";

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
      await runTool(tool("ffprobe").path, [
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

  it("renders each tier's frame size, turned for 9:16: 1080p portrait and 4K landscape", async () => {
    const portrait = img("tier-1080p.mp4");
    const uhd = img("tier-4k.mp4");
    const refs = [img("a.png"), img("c.webp")];
    await renderPreview({
      imagePaths: refs,
      duration: 3,
      aspectRatio: "9:16",
      resolution: "1080p",
      outPath: portrait,
    });
    await renderPreview({
      imagePaths: refs,
      duration: 3,
      aspectRatio: "16:9",
      resolution: "4k",
      outPath: uhd,
    });
    const [p, u] = await Promise.all([probeVideo(portrait), probeVideo(uhd)]);
    expect([p.width, p.height, p.videoCodec, p.audioCodec]).toEqual([1080, 1920, "h264", "aac"]);
    expect([u.width, u.height, u.videoCodec, u.audioCodec]).toEqual([3840, 2160, "h264", "aac"]);
    expect(Math.abs(u.durationSec - 3)).toBeLessThanOrEqual(0.1);
    // Small for its size: well under 1 MB a second of 4K for these pictures.
    expect((await stat(uhd)).size).toBeLessThan(3 * 1024 * 1024);
  }, 120_000);

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

  it("shows a reference video moving and looped after the pictures, and renders a clip of videos only", async () => {
    // 1 s of video: green for half a second, then magenta. Odd size, 4:3, to exercise the cover fit.
    const source = img("motion.mp4");
    await runFfmpeg([
      ...["-f", "lavfi", "-i", "color=c=0x00ff00:s=400x300:r=25:d=0.5"],
      ...["-f", "lavfi", "-i", "color=c=0xff00ff:s=400x300:r=25:d=0.5"],
      ...["-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]"],
      ...["-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", source],
    ]);
    const centre = async (file: string, atSec: number) => {
      const { data, info } = await sharp(await extractPoster(file, { atSec }))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const i = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    const isGreen = ([r, g, b]: number[]) => g! > 180 && r! < 80 && b! < 80;
    const isMagenta = ([r, g, b]: number[]) => r! > 180 && b! > 180 && g! < 80;

    // Two segments of 2 s: the picture, then the video from 2 s on, looping every second.
    const mixed = img("mixed.mp4");
    await renderPreview({
      imagePaths: [img("a.png")],
      videoPaths: [source],
      duration: 4,
      aspectRatio: "16:9",
      resolution: "360p",
      outPath: mixed,
      parts: 2,
    });
    const probe = await probeVideo(mixed);
    expect([probe.width, probe.height, probe.hasAudio]).toEqual([640, 360, true]);
    expect(Math.abs(probe.durationSec - 4)).toBeLessThanOrEqual(0.1);
    expect(isGreen(await centre(mixed, 2.25))).toBe(true);
    expect(isMagenta(await centre(mixed, 2.75))).toBe(true);
    expect(isGreen(await centre(mixed, 3.25))).toBe(true); // looped
    expect(isGreen(await centre(mixed, 1))).toBe(false); // the picture, not the video

    const videosOnly = img("videos-only.mp4");
    await renderPreview({
      imagePaths: [],
      videoPaths: [source, source],
      duration: 3,
      aspectRatio: "9:16",
      resolution: "360p",
      outPath: videosOnly,
    });
    const only = await probeVideo(videosOnly);
    expect([only.width, only.height]).toEqual([360, 640]);
    expect(Math.abs(only.durationSec - 3)).toBeLessThanOrEqual(0.1);
    expect(isMagenta(await centre(videosOnly, 0.75))).toBe(true);
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
          await runTool(tool("ffprobe").path, [
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
});
