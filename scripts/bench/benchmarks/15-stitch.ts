// 15. Export a sequence (issue 19, "Watch and export"): a 6-shot, 48 s sequence stitched into one MP4 by
// lib/sequences/stitch.ts, as the export job runs it. The six shots are made at the start with ffmpeg's
// test sources: 8 s each, 1280x720 at 24 fps, H.264 (veryfast, CRF 23, about what a provider sends) with
// a tone as AAC sound, each tinted differently. The stitch probes them, fits each shot's sound to its
// picture with a fade at each cut, re-encodes to one H.264/AAC MP4 (x264 veryfast, CRF 20) with a
// chapter per shot and the sequence's record, and renames it into place. Three runs; the median counts.
//
// Figures:
// - speed vs real time: 48 s of sequence per second of stitching, wall clock. Budget >= 4x (issue 19).
// - stitch time, and its CPU time (this process plus ffmpeg and ffprobe, from /proc): divided over the 2
//   cores it says how fast the stitch would be on an idle machine, which tells a busy machine from slow
//   code. Informational.
// - the export's size, informational.
import { readFileSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { type StitchShot, stitchSequence } from "@/lib/sequences/stitch";
import type { Benchmark, Figure } from "../types";

const SHOTS = 6;
const SHOT_SECONDS = 8;
const CORES = Math.min(2, os.cpus().length);

/** CPU seconds used so far by this process and its finished children (utime, stime, cutime, cstime). */
function cpuSecondsWithChildren(): number {
  const line = readFileSync("/proc/self/stat", "utf8");
  const fields = line
    .slice(line.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  return ((fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0)) / 100;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export const benchmark: Benchmark = {
  id: "stitch",
  title: "Export a sequence",
  async run(ctx) {
    const shots: StitchShot[] = [];
    const made = performance.now();
    for (let i = 0; i < SHOTS; i++) {
      const file = path.join(ctx.tmp, `shot-${i + 1}.mp4`);
      await runFfmpeg([
        ...["-f", "lavfi", "-i", `testsrc2=s=1280x720:r=24:d=${SHOT_SECONDS}`],
        ...["-f", "lavfi", "-i", `sine=f=${220 + i * 55}:d=${SHOT_SECONDS}`],
        ...["-vf", `hue=h=${(i * 57) % 360}`, "-shortest"],
        ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"],
        ...["-c:a", "aac", "-b:a", "128k", "-y", file],
      ]);
      shots.push({
        file,
        title: `Shot ${i + 1}`,
        record: { shotId: `shot_${i}`, generationId: `gen_${i}`, prompt: `Shot ${i + 1}`, references: [] },
      });
    }
    ctx.log(
      `${SHOTS} shots of ${SHOT_SECONDS} s, 1280x720 at 24 fps with sound, made in ${((performance.now() - made) / 1000).toFixed(1)} s`,
    );

    const total = SHOTS * SHOT_SECONDS;
    const times: number[] = [];
    const cpu: number[] = [];
    const bytes: number[] = [];
    for (let run = 0; run < 3; run++) {
      const out = path.join(ctx.tmp, `sequence-${run}.mp4`);
      const c0 = cpuSecondsWithChildren();
      const t0 = performance.now();
      const result = await stitchSequence(shots, { out, title: "Benchmark sequence" });
      times.push((performance.now() - t0) / 1000);
      cpu.push(cpuSecondsWithChildren() - c0);
      bytes.push((await stat(out)).size);
      if (Math.abs(result.durationSec - total) > 1 / 24) {
        throw new Error(`the export lasts ${result.durationSec} s, not ${total} s`);
      }
      await rm(out);
      ctx.log(
        `stitch ${run + 1}: ${times.at(-1)!.toFixed(2)} s, ${cpu.at(-1)!.toFixed(2)} CPU s, ${(bytes.at(-1)! / 1e6).toFixed(1)} MB (load average ${os.loadavg()[0]!.toFixed(1)})`,
      );
    }
    const wall = median(times);
    const cpuSec = median(cpu);
    const figures: Figure[] = [
      {
        figure: `speed vs real time, ${SHOTS} shots, ${total} s of 720p (median of 3)`,
        measured: total / wall,
        unit: "x",
        budget: { min: 4 },
        note: `wall clock, so other work on the machine slows it down; runs: ${times.map((t) => t.toFixed(2)).join(", ")} s`,
      },
      { figure: "stitch time (median of 3)", measured: wall, unit: "s" },
      {
        figure: `CPU time of one stitch (node + ffprobe + ffmpeg); on ${CORES} idle cores: ${(total / (cpuSec / CORES)).toFixed(1)}x`,
        measured: cpuSec,
        unit: "CPU s",
      },
      { figure: "size of the export", measured: median(bytes) / 1e6, unit: "MB" },
    ];
    return figures;
  },
};
