// 9. Preview engine: an 8 s 720p preview from 5 references, rendered by the real preview provider
// (ffmpeg), timed as a ratio to the clip's duration. Three renders; the median counts.

import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderPreview } from "@/lib/media/ffmpeg";
import { makeImage } from "@/test/support/images";
import type { Benchmark } from "../types";

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
    for (let run = 0; run < 3; run++) {
      const out = path.join(ctx.tmp, `out-${run}.mp4`);
      const t0 = performance.now();
      await renderPreview({
        imagePaths,
        outPath: out,
        duration: 8,
        aspectRatio: "16:9",
        prompt: "<IMAGE_REF_0> walks through <IMAGE_REF_1> in the style of <IMAGE_REF_2>.",
      });
      times.push((performance.now() - t0) / 1000);
      ctx.log(`render ${run + 1}: ${times.at(-1)?.toFixed(2)} s (${(await readFile(out)).length} bytes)`);
    }
    const median = [...times].sort((a, b) => a - b)[1] as number;
    return [
      { figure: "render time, 8 s clip from 5 references (median of 3)", measured: median, unit: "s" },
      {
        figure: "speed vs real time (clip seconds per render second)",
        measured: 8 / median,
        unit: "x",
        budget: { min: 4 },
      },
    ];
  },
};
