// The two loads benchmark 18 puts on a studio through nginx, with one instance behind it and with two:
// - media: Range requests for a clip's video from several clients at once, as video elements make them
//   (each client one kept-alive connection); time from request to response headers (TTFB).
// - jobs: a run of generations on fal (the fake fal server, webhooks off: the instances' pollers do the
//   work), created through the API and waited for until every one is saved; seconds from the first create
//   to the last one finished.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { FakeFal } from "@/test/fakes/fal-server";
import { makeImage } from "@/test/support/images";
import {
  type AuthHeaders,
  createClip,
  generationPages,
  mapLimit,
  uploadImage,
} from "@/test/support/studio-http";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One ranged GET: ms to the response headers; the body is read to its end (and counted). */
function rangedGet(agent: http.Agent, url: string, range: string, auth: AuthHeaders) {
  return new Promise<{ status: number; ttfbMs: number; bytes: number }>((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers: { range, ...auth } }, (res) => {
      const ttfbMs = performance.now() - t0;
      let bytes = 0;
      res.on("data", (d: Buffer) => (bytes += d.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ttfbMs, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/**
 * `requests` ranged GETs of `chunk` bytes at offsets spread over a `size`-byte file, `clients` at a time;
 * the first `warm` of each client are not counted. Returns the TTFB of each counted request.
 */
export async function mediaLoad(options: {
  url: string;
  size: number;
  auth: AuthHeaders;
  clients: number;
  requests: number;
  chunk: number;
  warm?: number;
}): Promise<number[]> {
  const { url, size, auth, clients, requests, chunk, warm = 3 } = options;
  const ttfb: number[] = [];
  let left = requests;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; i < warm + left; i++) {
          if (i >= warm && left-- <= 0) break;
          const start = Math.floor((((c * 31 + i) * 7919) % 97) * ((size - chunk) / 97));
          const end = Math.min(size, start + chunk) - 1;
          const a = await rangedGet(agent, url, `bytes=${start}-${end}`, auth);
          if (a.status !== 206 || a.bytes !== end - start + 1)
            throw new Error(`${url} (${start}-${end}) answered ${a.status} with ${a.bytes} bytes`);
          if (i >= warm) ttfb.push(a.ttfbMs);
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  return ttfb;
}

export interface JobRun {
  jobs: number;
  completed: number;
  /** Seconds from the first create to the last generation finished (completed, failed or canceled). */
  seconds: number;
  /** Seconds to create them all through POST /api/generations (16 at a time). */
  createSeconds: number;
  /** When the first create was sent and when the last generation was seen finished (epoch ms). */
  startedAt: number;
  endedAt: number;
}

const STATUS_PATH = /\/requests\/[^/?]+\/status(?:\?|$)/;

/** Status calls fal received between `from` and `to`: in all, and the most any one job got. */
export function statusCalls(fake: FakeFal, from: number, to: number): { total: number; mostPerJob: number } {
  const perJob = new Map<string, number>();
  for (const r of fake.requests) {
    const m = r.method === "GET" && r.at >= from && r.at <= to ? STATUS_ID.exec(r.path) : null;
    if (m) perJob.set(m[1] as string, (perJob.get(m[1] as string) ?? 0) + 1);
  }
  return {
    total: [...perJob.values()].reduce((a, b) => a + b, 0),
    mostPerJob: Math.max(0, ...perJob.values()),
  };
}

const STATUS_ID = /\/requests\/([^/?]+)\/status(?:\?|$)/;

/**
 * The most status calls fal received in any `windowMs` between `from` and `to`, per second: what the
 * studio's cap on status calls (shared by every instance, MAX_STATUS_CALLS_PER_SECOND) let through.
 */
export function busiestStatusRate(fake: FakeFal, from: number, to: number, windowMs = 5_000): number {
  const times = fake.requests
    .filter((r) => r.method === "GET" && STATUS_PATH.test(r.path) && r.at >= from && r.at <= to)
    .map((r) => r.at)
    .sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most / (windowMs / 1000);
}

/** The generations among `wanted`, from the newest pages only (they are the newest; the history is long). */
async function newest(base: string, auth: AuthHeaders, wanted: Set<string>): Promise<GenerationDTO[]> {
  const found: GenerationDTO[] = [];
  for await (const page of generationPages(base, 100, auth)) {
    found.push(...page.items.filter((g) => wanted.has(g.id)));
    if (found.length === wanted.size) break;
  }
  return found;
}

/** Creates `jobs` generations through `base` (1 to 5 references each) and waits until every one is done. */
export async function jobRun(
  base: string,
  auth: AuthHeaders,
  jobs: number,
  timeoutMs = 300_000,
): Promise<JobRun> {
  const refs: string[] = [];
  for (let i = 0; i < 5; i++) {
    const bytes = await makeImage({ seed: 700 + i, width: 768, height: 768 });
    const up = await uploadImage(base, bytes, `cluster-ref-${i}.png`, "image/png", auth);
    if (up.status !== 201 || !up.asset) throw new Error(`reference upload answered ${up.status}`);
    refs.push(up.asset.id);
  }
  const tag = randomBytes(4).toString("hex");
  const started = Date.now();
  const ids = await mapLimit(
    Array.from({ length: jobs }, (_, i) => i),
    16,
    (i) => {
      const referenceIds = refs.slice(0, 1 + (i % 5));
      const tags = referenceIds.map((_, r) => `<IMAGE_REF_${r}>`).join(" and ");
      return createClip(
        base,
        {
          prompt: `Cluster ${i + 1}: ${tags} cross the harbour at dusk. Single continuous shot.`,
          referenceIds,
          idempotencyKey: `cluster-${tag}-${i}`,
        },
        auth,
      );
    },
  );
  const createSeconds = (Date.now() - started) / 1000;
  const wanted = new Set(ids);
  const deadline = started + timeoutMs;
  for (;;) {
    const mine = await newest(base, auth, wanted);
    const done = mine.filter((g) => ["completed", "failed", "canceled"].includes(g.status));
    if (done.length === jobs) {
      return {
        jobs,
        completed: mine.filter((g) => g.status === "completed" && g.videoUrl).length,
        seconds: (Date.now() - started) / 1000,
        createSeconds,
        startedAt: started,
        endedAt: Date.now(),
      };
    }
    if (Date.now() > deadline) throw new Error(`${done.length} of ${jobs} finished in ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}
