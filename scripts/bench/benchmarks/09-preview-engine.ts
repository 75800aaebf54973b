// 9. Preview engine: an 8 s 720p preview from 5 references, rendered by the real preview provider
// (ffmpeg), timed as a ratio to the clip's duration. Three renders; the median counts. The CPU time of
// the render (this process plus ffmpeg, from /proc) is reported too: divided over the 2 cores it says
// how fast the render would be on an idle machine, which tells a slow machine from slow code. Then the
// longest clip the engine makes (15 s) at 1080p and at 4K, the same way: their speed is informational
// (a larger tier is a choice to wait longer), their file size has a budget.
import { readFileSync } from "node:fs";
import { rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Resolution } from "@/lib/models/profiles";
import { renderPreview } from "@/lib/providers/preview/render";
import { makeImage } from "@/test/support/images";
import type { BenchContext, Benchmark, Figure } from "../types";

/** CPU seconds used so far by this process and its finished children (utime, stime, cutime, cstime). */
function cpuSecondsWithChildren(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  return ((fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0)) / 100;
}

const PROMPT = "<IMAGE_REF_0> walks through <IMAGE_REF_1> in the style of <IMAGE_REF_2>.";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Renders `duration` s at `resolution` three times: the median wall time, CPU time and file size. */
async function measure(ctx: BenchContext, imagePaths: string[], resolution: Resolution, duration: number) {
  const times: number[] = [];
  const cpu: number[] = [];
  const bytes: number[] = [];
  for (let run = 0; run < 3; run++) {
    const out = path.join(ctx.tmp, `out-${resolution}-${duration}-${run}.mp4`);
    const c0 = cpuSecondsWithChildren();
    const t0 = performance.now();
    await renderPreview({
      imagePaths,
      outPath: out,
      duration,
      aspectRatio: "16:9",
      resolution,
      prompt: PROMPT,
    });
    times.push((performance.now() - t0) / 1000);
    cpu.push(cpuSecondsWithChildren() - c0);
    bytes.push((await stat(out)).size);
    await rm(out);
    ctx.log(
      `${resolution} ${duration} s, render ${run + 1}: ${times.at(-1)?.toFixed(2)} s, ${cpu.at(-1)?.toFixed(2)} CPU s (${bytes.at(-1)} bytes)`,
    );
  }
  return { wall: median(times), cpu: median(cpu), bytes: median(bytes) };
}

const CORES = Math.min(2, os.cpus().length);

export const benchmark: Benchmark = {
  id: "preview",
  title: "Preview engine",
  async run(ctx) {
    const imagePaths: string[] = [];
    for (let i = 0; i < 5; i++) {
      const file = path.join(ctx.tmp, `ref-${i}.jpg`);
      await writeFile(file, await makeImage({ seed: 40 + i, width: 1600, height: 1200, format: "jpeg" }));
      imagePaths.push(file);
    }
    const base = await measure(ctx, imagePaths, "720p", 8);
    const figures: Figure[] = [
      { figure: "render time, 8 s clip from 5 references (median of 3)", measured: base.wall, unit: "s" },
      {
        figure: "speed vs real time (clip seconds per render second)",
        measured: 8 / base.wall,
        unit: "x",
        budget: { min: 4 },
        note: "wall-clock time, so other work on the machine slows it down",
      },
      { figure: "CPU time of one render (node + ffmpeg)", measured: base.cpu, unit: "CPU s" },
      {
        figure: `speed vs real time if the render had ${CORES} idle cores`,
        measured: 8 / (base.cpu / CORES),
        unit: "x",
        note: "clip seconds / (CPU seconds / cores): what the wall-clock figure would be on a quiet machine",
      },
    ];
    // 4 MB for 15 s of 1080p is 2.1 Mbit/s, 12 MB of 4K 6.4 Mbit/s (streaming services send 15 to 25
    // Mbit/s for 4K): small to store, serve and download. These smooth pictures measured 2.7 and 7.1 MB;
    // five detailed photos 4.2 and 11.0 MB, so the budgets leave room for real references.
    const sizeBudgets: Partial<Record<Resolution, number>> = { "1080p": 4, "4k": 12 };
    for (const resolution of ["1080p", "4k"] as const) {
      const m = await measure(ctx, imagePaths, resolution, 15);
      const label = resolution === "4k" ? "4K" : resolution;
      figures.push(
        { figure: `${label}: render time, 15 s clip (median of 3)`, measured: m.wall, unit: "s" },
        {
          figure: `${label}: speed vs real time`,
          measured: 15 / m.wall,
          unit: "x",
          note: "informational: a larger tier is a choice to wait longer; wall-clock, so the machine's other work counts",
        },
        {
          figure: `${label}: speed vs real time if the render had ${CORES} idle cores`,
          measured: 15 / (m.cpu / CORES),
          unit: "x",
          note: `${m.cpu.toFixed(2)} CPU s (node + ffmpeg)`,
        },
        {
          figure: `${label}: file size of the 15 s clip`,
          measured: m.bytes / 1024 / 1024,
          unit: "MB",
          budget: { max: sizeBudgets[resolution] as number },
        },
      );
    }
    return figures;
  },
};
