// 9. Preview engine: an 8 s 720p preview from 5 references, rendered by the real preview provider
// (ffmpeg), timed as a ratio to the clip's duration. Three renders; the median counts. The CPU time of
// the render (this process plus ffmpeg, from /proc) is reported too: divided over the 2 cores it says
// how fast the render would be on an idle machine, which tells a slow machine from slow code.
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { renderPreview } from "@/lib/providers/preview/render";
import { makeImage } from "@/test/support/images";
import type { Benchmark } from "../types";

/** CPU seconds used so far by this process and its finished children (utime, stime, cutime, cstime). */
function cpuSecondsWithChildren(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  return ((fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0)) / 100;
}

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
    const times: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < 3; run++) {
      const out = path.join(ctx.tmp, `out-${run}.mp4`);
      const c0 = cpuSecondsWithChildren();
      const t0 = performance.now();
      await renderPreview({
        imagePaths,
        outPath: out,
        duration: 8,
        aspectRatio: "16:9",
        prompt: "<IMAGE_REF_0> walks through <IMAGE_REF_1> in the style of <IMAGE_REF_2>.",
      });
      times.push((performance.now() - t0) / 1000);
      cpu.push(cpuSecondsWithChildren() - c0);
      ctx.log(
        `render ${run + 1}: ${times.at(-1)?.toFixed(2)} s, ${cpu.at(-1)?.toFixed(2)} CPU s (${(await readFile(out)).length} bytes)`,
      );
    }
    const median = [...times].sort((a, b) => a - b)[1] as number;
    const medianCpu = [...cpu].sort((a, b) => a - b)[1] as number;
    const cores = Math.min(2, os.cpus().length);
    return [
      { figure: "render time, 8 s clip from 5 references (median of 3)", measured: median, unit: "s" },
      {
        figure: "speed vs real time (clip seconds per render second)",
        measured: 8 / median,
        unit: "x",
        budget: { min: 4 },
        note: "wall-clock time, so other work on the machine slows it down",
      },
      { figure: "CPU time of one render (node + ffmpeg)", measured: medianCpu, unit: "CPU s" },
      {
        figure: `speed vs real time if the render had ${cores} idle cores`,
        measured: 8 / (medianCpu / cores),
        unit: "x",
        note: "clip seconds / (CPU seconds / cores): what the wall-clock figure would be on a quiet machine",
      },
    ];
  },
};
