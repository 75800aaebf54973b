// Stitching a sequence's chosen takes into one MP4 (issue 19), with real ffmpeg on real clips: shots of
// three sizes and two frame rates, one without sound, one whose sound runs past its picture and one whose
// sound stops short of it, and a 4:3 shot that must be pillarboxed, not stretched.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { removeStitchLeftovers, type StitchShot, stitchSequence } from "@/lib/sequences/stitch";
import { ffprobe } from "../support/probe";

let dir: string;

interface ClipSpec {
  width: number;
  height: number;
  fps: number;
  videoSec: number;
  /** Seconds of a tone; none: no sound stream. */
  audioSec?: number;
  /** A flat white picture instead of the test pattern. */
  white?: boolean;
  /** The clip's own record, as a downloaded clip carries it (lib/generations/record.ts). */
  tags?: Record<string, string>;
}

/** A real H.264/AAC clip from ffmpeg's test sources; the picture and the sound may differ in length. */
async function makeClip(name: string, c: ClipSpec): Promise<string> {
  const file = path.join(dir, name);
  const picture = c.white ? "color=c=white:s" : "testsrc2=s";
  await runFfmpeg([
    ...["-f", "lavfi", "-i", `${picture}=${c.width}x${c.height}:r=${c.fps}:d=${c.videoSec}`],
    ...(c.audioSec ? ["-f", "lavfi", "-i", `sine=f=440:r=44100:d=${c.audioSec}`] : []),
    ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
    ...(c.audioSec ? ["-c:a", "aac"] : ["-an"]),
    ...Object.entries(c.tags ?? {}).flatMap(([k, v]) => ["-metadata", `${k}=${v}`]),
    ...["-movflags", "+use_metadata_tags", "-y", file],
  ]);
  return file;
}

/** Root mean square of the sound in [fromSec, fromSec + sec), as a fraction of full scale. */
async function loudness(file: string, fromSec: number, sec: number): Promise<number> {
  const pcm = await runFfmpeg([
    ...["-ss", fromSec.toFixed(3), "-t", sec.toFixed(3), "-i", file],
    ...["-vn", "-ac", "1", "-ar", "8000", "-f", "s16le", "-"],
  ]);
  let sum = 0;
  const n = pcm.length >> 1;
  for (let i = 0; i < n; i++) sum += (pcm.readInt16LE(i * 2) / 32768) ** 2;
  return Math.sqrt(sum / Math.max(1, n));
}

/** One row of grey values across the middle of the frame at `atSec`. */
async function middleRow(file: string, atSec: number, width: number, height: number): Promise<Buffer> {
  const grey = await runFfmpeg([
    ...["-ss", atSec.toFixed(3), "-i", file, "-frames:v", "1"],
    ...["-vf", "format=gray", "-f", "rawvideo", "-"],
  ]);
  const y = height >> 1;
  return grey.subarray(y * width, (y + 1) * width);
}

const record = (n: number) => ({
  shotId: `shot_${n}`,
  generationId: `gen_${n}`,
  prompt: `Prompt ${n}: <IMAGE_REF_0> runs; "fast" = yes #${n}\nsecond line`,
  references: [`sha_${n}a`, `sha_${n}b`],
});

let shots: StitchShot[];
// Each shot's picture length, the sum the export must match within a frame per cut.
const videoSecs = [2, 2.1, 1.5, 2, 1];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-stitch-"));
  const files = await Promise.all([
    makeClip("wide.mp4", {
      ...{ width: 1280, height: 720, fps: 24, videoSec: 2, audioSec: 2 },
      tags: { comment: "the first clip's record", omni_prompt: "the first clip's prompt" },
    }),
    makeClip("silent.mp4", { width: 854, height: 480, fps: 30, videoSec: 2.1 }),
    makeClip("full-hd.mp4", { width: 1920, height: 1080, fps: 30, videoSec: 1.5, audioSec: 1.8 }),
    makeClip("short-sound.mp4", { width: 1280, height: 720, fps: 30, videoSec: 2, audioSec: 1.6 }),
    makeClip("square.mp4", { width: 640, height: 480, fps: 25, videoSec: 1, audioSec: 1, white: true }),
  ]);
  const titles = ["Opening = wide; #1", "Hands \\ close", "Full HD", "Short sound", "Four by three"];
  shots = files.map((file, i) => ({ file, title: titles[i]!, record: record(i + 1) }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("stitchSequence", () => {
  it("makes one MP4 of the shots at one size and rate, as long as their pictures, with chapters and the record", async () => {
    // Its folder does not exist yet: the stitch makes it.
    const out = path.join(dir, "out", "sequence.mp4");
    const progress: number[] = [];
    const result = await stitchSequence(shots, {
      out,
      title: "Night walk = take #2",
      onProgress: (f) => progress.push(f),
    });

    // The most common size (two shots are 1280x720) and the first shot's rate.
    expect([result.width, result.height, result.fps]).toEqual([1280, 720, 24]);
    const frame = 1 / 24;
    const sum = videoSecs.reduce((a, b) => a + b, 0);
    const cuts = shots.length - 1;
    expect(Math.abs(result.durationSec - sum)).toBeLessThanOrEqual(frame * cuts);

    const probe = await ffprobe(out);
    const video = probe.streams.find((s) => s.codec_type === "video")!;
    const audio = probe.streams.filter((s) => s.codec_type === "audio");
    expect([video.width, video.height, video.r_frame_rate]).toEqual([1280, 720, "24/1"]);
    expect(Number(video.nb_read_frames)).toBe(Math.round(result.durationSec * 24));
    expect(Math.abs(Number(probe.format.duration) - sum)).toBeLessThanOrEqual(frame * cuts);
    expect(audio).toHaveLength(1);
    expect([audio[0]!.sample_rate, audio[0]!.channels]).toEqual(["48000", 2]);
    // Sound as long as the picture: no shot's sound ran past its picture or stopped short of it.
    expect(Math.abs(Number(audio[0]!.duration) - Number(video.duration))).toBeLessThanOrEqual(frame);

    expect(probe.chapters.map((c) => c.tags.title)).toEqual(shots.map((s) => s.title));
    let start = 0;
    for (const [i, c] of probe.chapters.entries()) {
      expect(Number(c.start_time)).toBeCloseTo(result.chapters[i]!.startSec, 2);
      expect(Math.abs(Number(c.start_time) - start)).toBeLessThanOrEqual(frame * (i + 1));
      start += videoSecs[i]!;
    }

    expect(probe.format.tags.title).toBe("Night walk = take #2");
    const saved = JSON.parse(probe.format.tags.comment!);
    expect(saved.shots).toHaveLength(5);
    expect(saved.shots[1]).toMatchObject({
      title: "Hands \\ close",
      shotId: "shot_2",
      clipId: "gen_2",
      prompt: record(2).prompt,
      references: ["sha_2a", "sha_2b"],
    });
    expect(probe.format.tags.omni_generation_ids).toBe("gen_1,gen_2,gen_3,gen_4,gen_5");
    // Nothing of the first clip's own record comes along.
    expect(probe.format.tags.omni_prompt).toBeUndefined();

    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f) => f >= 0 && f <= 1)).toBe(true);
    // Only the export is left beside it: no temp file, no ffmetadata file.
    expect(await readdir(path.dirname(out))).toEqual(["sequence.mp4"]);

    // Sound in sync: the silent shot is silent, the tone after it starts at its cut, the short sound
    // leaves silence at its shot's end, and the cut's fade leaves no click.
    const [, hands, fullHd, shortSound] = result.chapters;
    expect(await loudness(out, hands!.startSec + 0.1, 1.8)).toBeLessThan(0.001);
    expect(await loudness(out, fullHd!.startSec + 0.05, 0.3)).toBeGreaterThan(0.05);
    expect(await loudness(out, shortSound!.startSec + 1.7, 0.25)).toBeLessThan(0.001);
    // The fades: the tone's last and first 10 ms at a cut are far quieter than its body.
    const body = await loudness(out, 0.5, 1);
    const [wide] = result.chapters;
    expect(await loudness(out, wide!.endSec - 0.01, 0.01)).toBeLessThan(body * 0.4);
    expect(await loudness(out, fullHd!.startSec, 0.01)).toBeLessThan(body * 0.4);

    // The 4:3 shot is pillarboxed: black at the sides, its white picture in the middle, unstretched
    // (960 of 1280 px wide: 160 px of black on each side).
    const row = await middleRow(out, result.chapters[4]!.startSec + 0.5, 1280, 720);
    expect(Math.max(row[10]!, row[150]!, row[1130]!, row[1270]!)).toBeLessThan(30);
    expect(Math.min(row[170]!, row[640]!, row[1110]!)).toBeGreaterThan(220);
  });

  it("keeps a sound that starts after its picture where it was against it", async () => {
    const late = path.join(dir, "late-sound.mp4");
    await runFfmpeg([
      ...["-f", "lavfi", "-i", "testsrc2=s=1280x720:r=24:d=2"],
      ...["-itsoffset", "0.5", "-f", "lavfi", "-i", "sine=f=440:d=1.5"],
      ...["-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"],
      ...["-y", late],
    ]);
    const out = path.join(dir, "late", "sequence.mp4");
    const result = await stitchSequence([shots[0]!, { ...shots[0]!, title: "Late", file: late }], { out });
    const start = result.chapters[1]!.startSec;
    expect(await loudness(out, start + 0.05, 0.35)).toBeLessThan(0.001);
    expect(await loudness(out, start + 0.6, 0.5)).toBeGreaterThan(0.05);
    expect(result.durationSec).toBeCloseTo(4, 3);
  });

  it("leaves nothing when aborted", async () => {
    const out = path.join(dir, "aborted", "sequence.mp4");
    await mkdir(path.dirname(out), { recursive: true });
    const controller = new AbortController();
    const run = stitchSequence(shots, {
      out,
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(await readdir(path.dirname(out))).toEqual([]);
  });

  it("clears what a killed run left beside the export, and nothing else", async () => {
    const folder = path.join(dir, "restarted");
    await mkdir(folder, { recursive: true });
    const names = [
      ".sequence.mp4.0a1b2c3d.part",
      ".sequence.mp4.0a1b2c3d.ffmeta",
      "other.mp4",
      "sequence.mp4",
    ];
    await Promise.all(names.map((n) => writeFile(path.join(folder, n), "x")));
    await removeStitchLeftovers(path.join(folder, "sequence.mp4"));
    expect((await readdir(folder)).sort()).toEqual(["other.mp4", "sequence.mp4"]);
  });

  it("names the shot whose clip is missing or not a video, and writes nothing", async () => {
    const out = path.join(dir, "refused", "sequence.mp4");
    await mkdir(path.dirname(out), { recursive: true });
    const missing = { ...shots[1]!, title: "The lost one", file: path.join(dir, "gone.mp4") };
    await expect(stitchSequence([shots[0]!, missing], { out })).rejects.toThrow(
      /Shot 2 "The lost one": its clip file is missing \(gone\.mp4\)/,
    );
    const notes = path.join(dir, "notes.mp4");
    await writeFile(notes, "not a video at all\n");
    await expect(
      stitchSequence([{ ...shots[0]!, title: "Notes", file: notes }, shots[1]!], { out }),
    ).rejects.toThrow(/Shot 1 "Notes": notes\.mp4 is not a video/);
    await expect(stitchSequence([], { out })).rejects.toThrow(/no shots/);
    expect(await readdir(path.dirname(out))).toEqual([]);
  });
});
