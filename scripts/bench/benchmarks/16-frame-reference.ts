// 16. Frame to reference (issue 19, "Continue from here"): a finished 8 s 720p clip's frame becomes a
// stored reference image, end to end through POST /api/generations/:id/frames on a running production
// studio (`next start`, the preview engine): the server probes the clip, ffmpeg decodes the frame at full
// resolution to PNG, the image is checked, thumbnailed, stored by content and marked with its clip.
//
// Figures:
// - a frame at a given time (median of 5 new moments): from the request sent to the 201, over loopback.
//   Budget < 500 ms.
// - the last frame (decoded from the final half second, reversed), informational.
// - the same frame again (found by its bytes: decoded again, nothing stored), informational.

import path from "node:path";
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";
import { startStudioProcess } from "@/test/support/studio-process";
import { referenceImage } from "../../../e2e/support/images";
import { signInOwner } from "../accounts";
import { type Benchmark, type Figure, percentile } from "../types";

export const benchmark: Benchmark = {
  id: "frame-reference",
  title: "Frame to reference",
  async run(ctx) {
    await ctx.ensureBuild();
    const studio = await startStudioProcess({ port: ctx.port(0), dataDir: path.join(ctx.tmp, "data") });
    try {
      const { headers } = await signInOwner(studio.url);
      const api = (url: string, body: unknown) =>
        fetch(`${studio.url}${url}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const form = new FormData();
      form.append(
        "file",
        new File([new Uint8Array(await referenceImage("character", { seed: 1601 }))], "hero.png", {
          type: "image/png",
        }),
      );
      const up = await fetch(`${studio.url}/api/uploads`, { method: "POST", body: form, headers });
      if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${await up.text()}`);
      const ref = ((await up.json()) as { asset: AssetDTO }).asset;
      const made = await api("/api/generations", {
        prompt: "<IMAGE_REF_0> walks along the quay at dusk.",
        referenceIds: [ref.id],
        duration: 8,
        aspectRatio: "16:9",
        idempotencyKey: crypto.randomUUID(),
      });
      if (made.status !== 202) throw new Error(`generate answered ${made.status}: ${await made.text()}`);
      const { generation } = (await made.json()) as { generation: GenerationDTO };
      let clip = generation;
      for (let i = 0; i < 240 && clip.status !== "completed"; i++) {
        if (clip.status === "failed" || clip.status === "canceled")
          throw new Error(`the clip ${clip.status}`);
        await new Promise((r) => setTimeout(r, 250));
        const res = await fetch(`${studio.url}/api/generations/${generation.id}`, { headers });
        clip = ((await res.json()) as { generation: GenerationDTO }).generation;
      }
      if (clip.status !== "completed") throw new Error("the clip did not finish");

      const frame = async (atSec: number | "last") => {
        const started = performance.now();
        const res = await api(`/api/generations/${clip.id}/frames`, { atSec });
        const body = await res.text();
        const ms = performance.now() - started;
        if (res.status !== 201) throw new Error(`frame at ${atSec} answered ${res.status}: ${body}`);
        return { ms, asset: (JSON.parse(body) as { asset: AssetDTO }).asset };
      };
      const warm = await frame(0.5); // the route's first load, the server's first ffmpeg and sharp use
      ctx.log(`warm-up: ${warm.ms.toFixed(0)} ms; ${warm.asset.width}x${warm.asset.height} PNG`);
      const samples = [];
      for (const at of [1.2, 2.7, 4.1, 5.6, 7.3]) {
        const s = await frame(at);
        ctx.log(`frame at ${at} s: ${s.ms.toFixed(0)} ms, ${(s.asset.bytes / 1e3).toFixed(0)} KB`);
        samples.push(s);
      }
      const last = await frame("last");
      const again = await frame(1.2);
      if (again.asset.id !== samples[0]?.asset.id) throw new Error("the same frame gave another asset");
      const figures: Figure[] = [
        {
          figure: `frame of an 8 s ${warm.asset.width}x${warm.asset.height} clip to a reference image (median of 5)`,
          measured: percentile(
            samples.map((s) => s.ms),
            50,
          ),
          unit: "ms",
          budget: { max: 500 },
          note: `POST /api/generations/:id/frames { atSec }, request to 201 (loopback): ffprobe, ffmpeg seek and PNG encode at full resolution, sharp check and thumbnail, store, record. Samples: ${samples.map((s) => s.ms.toFixed(0)).join(", ")} ms.`,
        },
        {
          figure: "the last frame (informational)",
          measured: last.ms,
          unit: "ms",
          note: "The final half second decoded and taken reversed.",
        },
        {
          figure: "the same frame again (informational)",
          measured: again.ms,
          unit: "ms",
          note: "Decoded again; found by its bytes, nothing stored.",
        },
      ];
      return figures;
    } finally {
      await studio.stop();
    }
  },
};
