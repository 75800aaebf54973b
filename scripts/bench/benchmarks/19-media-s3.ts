// 19. Media on object storage (issue 20): the 10 MB clip of benchmark 8 (../media-clip.ts) served by the
// production build from the local folder, from an S3 bucket streamed through the studio with Range
// (MEDIA_DELIVERY=proxy), and from the bucket by a redirect to a presigned URL (MEDIA_DELIVERY=redirect).
// The bucket is s3rver (npm, the tests' S3 server) on this machine, in this process: a real bucket is
// another machine, so its network time comes on top of what is measured here, and s3rver (files on disk,
// in JavaScript) is no faster than a real service; what this shows is the studio's own cost on each path.
// One studio at a time, each on its own data folder, the owner's session cookie on every request.
//
// Each path: 5 warm-up requests, then 50 ranged GETs of 1 MiB at offsets spread over the clip, one after
// the other over kept-alive connections (as a video element). Time to the first byte of media: for a
// stream, request to response headers; for a redirect, request to the 302, then the Range GET of the
// presigned URL to its response headers (a browser does both before it has a byte to play).
import { createReadStream, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { mediaUrl } from "@/lib/media/keys";
import { startS3, type TestS3 } from "@/test/support/s3";
import type { AuthHeaders } from "@/test/support/studio-http";
import { startSeededStudio } from "../browser";
import { makeClip, recordClip } from "../media-clip";
import { type BenchContext, type Benchmark, type Figure, percentile } from "../types";

const MiB = 1024 * 1024;
const WARM = 5;
const REQUESTS = 50;
/** Time to the first media byte that a seek can wait without it feeling late. */
const BUDGET_MS = 100;

type Path = "local" | "proxy" | "redirect";

function get(agent: http.Agent, url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; ms: number; location?: string; bytes: number }>((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers }, (res) => {
      const ms = performance.now() - t0;
      let bytes = 0;
      res.on("data", (d: Buffer) => (bytes += d.length));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, ms, location: res.headers.location, bytes }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

interface Timing {
  /** Request to the first media byte's headers (both hops for a redirect). */
  total: number;
  /** The studio's part: its answer's headers (the stream, or the 302). */
  studio: number;
}

async function measure(url: string, size: number, auth: AuthHeaders, expectRedirect: boolean) {
  const studioAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const bucketAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const timings: Timing[] = [];
  try {
    for (let i = 0; i < WARM + REQUESTS; i++) {
      const start = Math.floor(((i * 7919) % REQUESTS) * ((size - MiB) / REQUESTS));
      const range = `bytes=${start}-${start + MiB - 1}`;
      const first = await get(studioAgent, url, { range, ...auth });
      let total = first.ms;
      let served = first;
      if (expectRedirect) {
        if (first.status !== 302 || !first.location)
          throw new Error(`expected a redirect, got ${first.status}`);
        served = await get(bucketAgent, first.location, { range });
        total += served.ms;
      }
      if (served.status !== 206 || served.bytes !== MiB)
        throw new Error(`range answer ${served.status}, ${served.bytes} bytes`);
      if (i >= WARM) timings.push({ total, studio: first.ms });
    }
  } finally {
    studioAgent.destroy();
    bucketAgent.destroy();
  }
  return timings;
}

async function servePath(ctx: BenchContext, which: Path, clip: string, s3: TestS3) {
  const size = statSync(clip).size;
  let videoKey = "";
  const storage =
    which === "local"
      ? undefined
      : {
          store: s3.store(path.join(ctx.tmp, `store-${which}`)),
          env: { ...s3.env("media"), MEDIA_DELIVERY: which },
        };
  const { studio, session } = await startSeededStudio(ctx, {
    clips: 0,
    name: which,
    storage,
    async prepare(db, store) {
      videoKey = (await store.putStream(createReadStream(clip), "mp4")).key;
      await recordClip(db.prisma, videoKey, size);
    },
  });
  try {
    return await measure(`${studio.url}${mediaUrl(videoKey)}`, size, session.headers, which === "redirect");
  } finally {
    await studio.stop();
  }
}

export const benchmark: Benchmark = {
  id: "media-s3",
  title: "Media on object storage",
  async run(ctx) {
    const clip = path.join(ctx.tmp, "clip.mp4");
    makeClip(clip);
    const s3 = await startS3({ bucket: "bench-media" });
    const results = new Map<Path, Timing[]>();
    try {
      for (const which of ["local", "proxy", "redirect"] as const) {
        results.set(which, await servePath(ctx, which, clip, s3));
      }
    } finally {
      await s3.stop();
    }
    const f = (n: number) => n.toFixed(1);
    const totals = (which: Path) => (results.get(which) ?? []).map((t) => t.total);
    const local95 = percentile(totals("local"), 95);
    const figures: Figure[] = [];
    const names: Record<Path, string> = {
      local: "local folder, streamed",
      proxy: "S3, streamed through the studio with Range (MEDIA_DELIVERY=proxy)",
      redirect: "S3, 302 to a presigned URL, then the bucket (MEDIA_DELIVERY=redirect)",
    };
    for (const which of ["local", "proxy", "redirect"] as const) {
      const t = results.get(which) ?? [];
      const studioPart = t.map((x) => x.studio);
      figures.push({
        figure: `first media byte, 1 MiB range of a 10 MB clip, p95: ${names[which]}`,
        measured: percentile(totals(which), 95),
        unit: "ms",
        budget: { max: BUDGET_MS },
        note:
          which === "redirect"
            ? `p50 ${f(percentile(totals(which), 50))} ms; the studio's 302 p50 ${f(percentile(studioPart, 50))} ms, p95 ${f(percentile(studioPart, 95))} ms`
            : `p50 ${f(percentile(totals(which), 50))} ms of ${t.length} requests`,
      });
    }
    for (const which of ["proxy", "redirect"] as const) {
      figures.push({
        figure: `first media byte p95: ${which === "proxy" ? "S3 streamed" : "S3 redirected"} / local folder`,
        measured: percentile(totals(which), 95) / local95,
        unit: "x",
      });
    }
    ctx.log(
      `first byte p95: local ${f(local95)} ms, S3 proxy ${f(percentile(totals("proxy"), 95))} ms, S3 redirect ${f(percentile(totals("redirect"), 95))} ms`,
    );
    return figures;
  },
};
