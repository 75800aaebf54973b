// 200 generations in flight against the fake fal, webhooks off: created through the API, held at fal
// while the studio polls them (CPU sampled, the studio probed), then released until each is saved. The
// load test (e2e/load/in-flight.spec.ts) asserts on the result; the poller and memory benchmarks read
// their figures from it (scripts/bench/in-flight-run.ts).
import { randomBytes } from "node:crypto";
import type { FakeFal } from "@/test/fakes/fal-server";
import { makeImage } from "./images";
import { type CpuSample, type StatusCallStats, statusCallStats } from "./load-poll-stats";
import { type AuthHeaders, allGenerations, createClip, mapLimit, timedGet, uploadImage } from "./studio-http";
import type { StudioProcess } from "./studio-process";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface InFlightOptions {
  studio: StudioProcess;
  /** Started with holdAll: true, so every job waits at fal until the hold ends. */
  fake: FakeFal;
  /** Headers that sign every request in (a member's session cookie or personal API token). */
  auth?: AuthHeaders;
  jobs: number;
  /** Jobs stay held at fal until the youngest has been there this long (ms since its submit). */
  holdUntilAgeMs: number;
  /** GET / and GET /api/generations, one after the other, this often while jobs are held (0: never). */
  probeEveryMs?: number;
  /** Probe only while the youngest job is younger than this (keeps later CPU windows probe-free). */
  probeUntilAgeMs?: number;
  /**
   * Measure the server's CPU with nothing in flight for this long before creating any job, twice: right
   * after start (V8 is still collecting start-up garbage: its memory reducer runs a few full GCs in the
   * first seconds), then once that has settled, which is what an idle server costs.
   */
  idleWindowMs?: number;
  completeTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface InFlightResult extends StatusCallStats {
  generationIds: string[];
  /** Seconds to create every generation through POST /api/generations. */
  createSeconds: number;
  /** Seconds from the first create until fal had every submit. */
  submitSeconds: number;
  submits: number;
  fakeJobs: number;
  /** Generation id -> request id, as the studio recorded them. */
  requestIds: Map<string, string>;
  /** Server CPU (percent of one core) with nothing in flight (null when not measured). */
  idleCpuPercent: number | null;
  /** The same, in the window right after start (includes start-up garbage collection). */
  idleCpuAfterStartPercent: number | null;
  cpuSamples: CpuSample[];
  probes: { home: number[]; list: number[]; failures: string[] };
  rss: { afterStart: number; peak: number; afterRun: number };
  /** Seconds from the end of the hold until every generation was completed. */
  completeSeconds: number;
  /** Final status of each generation. */
  statuses: Map<string, string>;
  /** "code: message" of each generation that has an error. */
  errors: Map<string, string>;
  /** Completed generations whose video URL is set. */
  withVideo: number;
}

export async function runInFlight(options: InFlightOptions): Promise<InFlightResult> {
  const { studio, fake, jobs, auth = {} } = options;
  const base = studio.url;
  const log = options.log ?? (() => {});
  const probeEveryMs = options.probeEveryMs ?? 1_000;
  const probeUntilAgeMs = options.probeUntilAgeMs ?? Number.POSITIVE_INFINITY;

  // Warm the routes the probes use, so the first probe does not time a cold compile of the page.
  for (const p of ["/", "/api/generations?limit=50"]) await timedGet(`${base}${p}`, auth);
  const rssAfterStart = studio.rssBytes();
  let idleCpuPercent: number | null = null;
  let idleCpuAfterStartPercent: number | null = null;
  if (options.idleWindowMs) {
    const windowCpu = async () => {
      const c0 = studio.cpuSeconds();
      const t0 = performance.now();
      await sleep(options.idleWindowMs as number);
      return ((studio.cpuSeconds() - c0) / ((performance.now() - t0) / 1000)) * 100;
    };
    idleCpuAfterStartPercent = await windowCpu();
    idleCpuPercent = await windowCpu();
    log(
      `idle, nothing in flight: ${idleCpuAfterStartPercent.toFixed(2)} % of one core right after start, ` +
        `${idleCpuPercent.toFixed(2)} % after that`,
    );
  }

  // 1 to 5 references per clip, from five uploaded images.
  const refs: string[] = [];
  for (let i = 0; i < 5; i++) {
    const up = await uploadImage(
      base,
      await makeImage({ seed: 500 + i, width: 768, height: 768 }),
      `ref-${i}.png`,
      "image/png",
      auth,
    );
    if (up.status !== 201 || !up.asset) throw new Error(`reference upload answered ${up.status}`);
    refs.push(up.asset.id);
  }

  const started = Date.now();
  const runTag = randomBytes(4).toString("hex");
  const created = await mapLimit(
    Array.from({ length: jobs }, (_, i) => i),
    16,
    async (i) => {
      const n = 1 + (i % 5);
      const referenceIds = refs.slice(0, n);
      const tags = referenceIds.map((_, r) => `<IMAGE_REF_${r}>`).join(" and ");
      return createClip(
        base,
        {
          prompt: `Load ${i + 1}: ${tags} walk along the cliff at dawn. Single continuous shot.`,
          referenceIds,
          idempotencyKey: `load-${runTag}-${i}`,
        },
        auth,
      );
    },
  );
  const createSeconds = (Date.now() - started) / 1000;
  log(`${jobs} generations created in ${createSeconds.toFixed(1)} s`);

  await fake.waitFor(() => fake.jobs.size >= jobs, 120_000);
  const submitTimes = [...fake.jobs.values()].map((j) => j.createdAt);
  const lastSubmit = Math.max(...submitTimes);
  const submitSeconds = (lastSubmit - started) / 1000;
  log(`fal had all ${jobs} submits after ${submitSeconds.toFixed(1)} s`);

  // Hold: only polling happens. Sample CPU and memory every second; probe responsiveness meanwhile.
  const cpuSamples: CpuSample[] = [];
  const probes = { home: [] as number[], list: [] as number[], failures: [] as string[] };
  let peakRss = studio.rssBytes();
  const age = () => Date.now() - lastSubmit;
  const holdEnd = lastSubmit + options.holdUntilAgeMs;
  const sampler = (async () => {
    while (Date.now() < holdEnd) {
      cpuSamples.push({ age: age(), cpuSeconds: studio.cpuSeconds() });
      peakRss = Math.max(peakRss, studio.rssBytes());
      await sleep(1_000);
    }
    cpuSamples.push({ age: age(), cpuSeconds: studio.cpuSeconds() });
  })();
  const prober = (async () => {
    if (!probeEveryMs) return;
    while (Date.now() < holdEnd && age() < probeUntilAgeMs) {
      const t0 = Date.now();
      for (const [key, p] of [
        ["home", "/"],
        ["list", "/api/generations?limit=50"],
      ] as const) {
        try {
          const r = await timedGet(`${base}${p}`, auth);
          if (r.status !== 200) probes.failures.push(`${p} answered ${r.status}`);
          probes[key].push(r.ms);
        } catch (err) {
          probes.failures.push(`${p}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      await sleep(Math.max(0, probeEveryMs - (Date.now() - t0)));
    }
  })();
  await Promise.all([sampler, prober]);

  // Release: every job runs and finishes at fal; the poller notices and saves each video.
  const releasedAt = Date.now();
  fake.holdAll(false);
  const deadline = releasedAt + (options.completeTimeoutMs ?? 240_000);
  const statuses = new Map<string, string>();
  const errors = new Map<string, string>();
  const requestIds = new Map<string, string>();
  let withVideo = 0;
  for (;;) {
    statuses.clear();
    errors.clear();
    requestIds.clear();
    withVideo = 0;
    for (const g of await allGenerations(base, auth)) {
      statuses.set(g.id, g.status);
      if (g.error) errors.set(g.id, `${g.error.code}: ${g.error.message}`);
      if (g.requestId) requestIds.set(g.id, g.requestId);
      if (g.status === "completed" && g.videoUrl) withVideo++;
    }
    peakRss = Math.max(peakRss, studio.rssBytes());
    const done = created.every((id) => ["completed", "failed", "canceled"].includes(statuses.get(id) ?? ""));
    if (done || Date.now() > deadline) break;
    await sleep(1_000);
  }
  const completeSeconds = (Date.now() - releasedAt) / 1000;
  log(`released; all finished ${completeSeconds.toFixed(1)} s later`);
  // A last look, a few seconds on: nothing polls a finished job.
  await sleep(3_000);

  return {
    generationIds: created,
    createSeconds,
    submitSeconds,
    submits: fake.counts.submits,
    fakeJobs: fake.jobs.size,
    requestIds,
    ...statusCallStats(fake, lastSubmit, releasedAt),
    idleCpuPercent,
    idleCpuAfterStartPercent,
    cpuSamples,
    probes,
    rss: { afterStart: rssAfterStart, peak: peakRss, afterRun: studio.rssBytes() },
    completeSeconds,
    statuses,
    errors,
    withVideo,
  };
}
