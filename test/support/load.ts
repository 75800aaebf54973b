// Load scenarios shared by the load tests (e2e/load/*.spec.ts, which assert) and the benchmarks
// (scripts/bench/benchmarks/, which carry the budgets): a real studio process (`next start` on the
// production build), the in-process fake fal (so every request it gets can be counted), and plain HTTP.
// Nothing here imports server code, so Playwright specs can use it; seeding a history, which needs the
// server's database code, runs in a child process (test/support/seed-cli.ts).
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { AssetDTO } from "@/lib/generations/dto";
import { FAKE_FAL_KEY, type FakeFal } from "@/test/fakes/fal-server";
import { makeImage } from "./images";
import { type StudioProcess, startStudioProcess } from "./studio-process";

export { percentile } from "@/scripts/bench/types";

const MINUTE = 60_000;

/** A studio on fal through the fake fal, webhooks off (PUBLIC_BASE_URL empty): the poller does all the work. */
export function startFalStudio(options: {
  port: number;
  dataDir: string;
  fake: FakeFal;
  env?: Record<string, string>;
  cwd?: string;
  nodeArgs?: string[];
}): Promise<StudioProcess> {
  return startStudioProcess({
    nodeArgs: options.nodeArgs,
    port: options.port,
    dataDir: options.dataDir,
    cwd: options.cwd,
    env: {
      VIDEO_PROVIDER: "fal",
      FAL_KEY: FAKE_FAL_KEY,
      FAL_BASE_URL: options.fake.url,
      FAL_WEBHOOK_JWKS_URL: options.fake.jwksUrl,
      PUBLIC_BASE_URL: "",
      ...options.env,
    },
  });
}

/** A GET, timed end to end; `serverMs` is the route's own time when it sends a Server-Timing header. */
export async function timedGet(
  url: string,
): Promise<{ status: number; ms: number; serverMs: number | null; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { accept: "application/json, text/html" } });
  const body = await res.text();
  const ms = performance.now() - t0;
  const timing = /(?:^|,)\s*total;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
  return { status: res.status, ms, serverMs: timing ? Number(timing[1]) : null, body };
}

/** What POST /api/uploads answers (a type only, so Playwright specs can import this file). */
export type UploadedAsset = AssetDTO;

export async function uploadImage(
  base: string,
  bytes: Uint8Array,
  fileName: string,
  type = "image/png",
): Promise<{ status: number; ms: number; asset?: UploadedAsset; error?: unknown }> {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], fileName, { type }));
  const t0 = performance.now();
  const res = await fetch(`${base}/api/uploads`, { method: "POST", body: form });
  const json = (await res.json().catch(() => ({}))) as { asset?: UploadedAsset; error?: unknown };
  return { status: res.status, ms: performance.now() - t0, asset: json.asset, error: json.error };
}

export interface ClipRequest {
  prompt: string;
  referenceIds: string[];
  idempotencyKey: string;
  duration?: number;
  aspectRatio?: "16:9" | "9:16";
}

/** POST /api/generations; throws unless it answers 202, and returns the new generation's id. */
export async function createClip(base: string, clip: ClipRequest): Promise<string> {
  const res = await fetch(`${base}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ duration: 3, aspectRatio: "16:9", ...clip }),
  });
  const json = (await res.json().catch(() => ({}))) as { generation?: { id: string } };
  if (res.status !== 202 || !json.generation) {
    throw new Error(`POST /api/generations answered ${res.status}: ${JSON.stringify(json)}`);
  }
  return json.generation.id;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// 200 generations in flight against the fake fal, webhooks off.

export interface InFlightOptions {
  studio: StudioProcess;
  /** Started with holdAll: true, so every job waits at fal until the hold ends. */
  fake: FakeFal;
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

export interface CpuSample {
  /** ms since fal received the last submit (negative before). */
  age: number;
  cpuSeconds: number;
}

export interface InFlightResult {
  generationIds: string[];
  /** Seconds to create every generation through POST /api/generations. */
  createSeconds: number;
  /** Seconds from the first create until fal had every submit. */
  submitSeconds: number;
  submits: number;
  fakeJobs: number;
  /** Generation id -> request id, as the studio recorded them. */
  requestIds: Map<string, string>;
  /** Status calls each fal job received over the whole run. */
  statusCallsPerJob: Map<string, number>;
  /** The busiest 60 s of any job: most status calls one job got within any 60 s window. */
  maxCallsPerJobPerMinute: number;
  /** Calls per job per minute while jobs were under 30 s old, 30 s to 2 min, and over 2 min (null when not reached). */
  rateFirst30s: number;
  rate30sTo2min: number | null;
  rateAfter2min: number | null;
  /** Status calls per second for all jobs together, while they were held. */
  statusCallsPerSecond: number;
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

/** Percent of one core the server used between two ages (ms since the last submit), from the samples. */
export function cpuPercent(samples: CpuSample[], fromAge: number, toAge: number): number | null {
  const a = samples.find((s) => s.age >= fromAge);
  const b = [...samples].reverse().find((s) => s.age <= toAge);
  if (!a || !b || b.age - a.age < 5_000) return null;
  return ((b.cpuSeconds - a.cpuSeconds) / ((b.age - a.age) / 1000)) * 100;
}

const STATUS_PATH = /\/requests\/([^/?]+)\/status(?:\?|$)/;

export async function runInFlight(options: InFlightOptions): Promise<InFlightResult> {
  const { studio, fake, jobs } = options;
  const base = studio.url;
  const log = options.log ?? (() => {});
  const probeEveryMs = options.probeEveryMs ?? 1_000;
  const probeUntilAgeMs = options.probeUntilAgeMs ?? Number.POSITIVE_INFINITY;

  // Warm the routes the probes use, so the first probe does not time a cold compile of the page.
  for (const p of ["/", "/api/generations?limit=50"]) await timedGet(`${base}${p}`);
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
      return createClip(base, {
        prompt: `Load ${i + 1}: ${tags} walk along the cliff at dawn. Single continuous shot.`,
        referenceIds,
        idempotencyKey: `load-${runTag}-${i}`,
      });
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
          const r = await timedGet(`${base}${p}`);
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
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = (await (await fetch(`${base}/api/generations?limit=100${q}`)).json()) as {
        items: {
          id: string;
          status: string;
          requestId: string | null;
          videoUrl: string | null;
          error: { code: string; message: string } | null;
        }[];
        nextCursor: string | null;
      };
      for (const g of page.items) {
        statuses.set(g.id, g.status);
        if (g.error) errors.set(g.id, `${g.error.code}: ${g.error.message}`);
        if (g.requestId) requestIds.set(g.id, g.requestId);
        if (g.status === "completed" && g.videoUrl) withVideo++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    peakRss = Math.max(peakRss, studio.rssBytes());
    const done = created.every((id) => ["completed", "failed", "canceled"].includes(statuses.get(id) ?? ""));
    if (done || Date.now() > deadline) break;
    await sleep(1_000);
  }
  const completeSeconds = (Date.now() - releasedAt) / 1000;
  log(`released; all finished ${completeSeconds.toFixed(1)} s later`);
  // A last look, a few seconds on: nothing polls a finished job.
  await sleep(3_000);

  // Status calls, from the fake's own record of every request.
  const callTimes = new Map<string, number[]>();
  for (const r of fake.requests) {
    if (r.method !== "GET") continue;
    const m = STATUS_PATH.exec(r.path);
    if (!m) continue;
    const id = decodeURIComponent(m[1] as string);
    const list = callTimes.get(id) ?? [];
    list.push(r.at);
    callTimes.set(id, list);
  }
  let maxWindow = 0;
  for (const times of callTimes.values()) {
    times.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= MINUTE) j++;
      maxWindow = Math.max(maxWindow, i - j + 1);
    }
  }
  // Rate within an age band, over the jobs for which the whole band fell inside the hold.
  const band = (from: number, to: number): number | null => {
    let calls = 0;
    let counted = 0;
    for (const job of fake.jobs.values()) {
      if (job.createdAt + to > releasedAt) continue;
      counted++;
      for (const t of callTimes.get(job.id) ?? []) {
        const a = t - job.createdAt;
        if (a >= from && a < to) calls++;
      }
    }
    return counted ? calls / counted / ((to - from) / MINUTE) : null;
  };
  const heldFor = releasedAt - lastSubmit;
  // All jobs together, from the first status call to the release (the studio's shared cap).
  const heldCalls = [...callTimes.values()].flat().filter((t) => t <= releasedAt);
  const firstCall = Math.min(...heldCalls);
  const statusCallsPerSecond =
    heldCalls.length > 1 ? heldCalls.length / Math.max(1, (releasedAt - firstCall) / 1000) : Number.NaN;

  return {
    generationIds: created,
    createSeconds,
    submitSeconds,
    submits: fake.counts.submits,
    fakeJobs: fake.jobs.size,
    requestIds,
    statusCallsPerJob: new Map([...callTimes].map(([id, t]) => [id, t.length])),
    maxCallsPerJobPerMinute: maxWindow,
    statusCallsPerSecond,
    rateFirst30s: band(0, 30_000) ?? Number.NaN,
    rate30sTo2min: heldFor >= 40_000 ? band(30_000, Math.min(120_000, heldFor - 1_000)) : null,
    rateAfter2min: heldFor >= 135_000 ? band(120_000, heldFor - 1_000) : null,
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

// ---------------------------------------------------------------------------------------------------
// Concurrent uploads.

/** A PNG of noise, stored uncompressed: `bytes` large, and no two seeds alike. */
export async function noisePng(targetBytes: number): Promise<Buffer> {
  const width = 1400;
  const height = Math.ceil(targetBytes / (width * 3));
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0, adaptiveFiltering: false })
    .toBuffer();
}

export interface UploadOutcome {
  status: number;
  ms: number;
  asset?: UploadedAsset;
  error?: unknown;
  /** sha256 of the bytes sent. */
  sent: string;
}

export interface UploadsResult {
  distinct: UploadOutcome[];
  same: UploadOutcome[];
  seconds: { distinct: number; same: number };
  media: MediaCheck;
}

export interface MediaCheck {
  /** Stored file keys (`<sha256>.<ext>`), by sha256. */
  files: Map<string, string[]>;
  /** Files whose bytes do not hash to their key. */
  corrupted: string[];
  /** Files left in the store's scratch folder. */
  leftovers: string[];
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Hashes every stored file under `<dataDir>/media` against its content-address key. */
export async function checkMedia(dataDir: string): Promise<MediaCheck> {
  const root = path.join(dataDir, "media");
  const files = new Map<string, string[]>();
  const corrupted: string[] = [];
  let leftovers: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    if (entry.name === ".tmp") {
      leftovers = await readdir(dir);
      continue;
    }
    for (const name of await readdir(dir)) {
      const [hash] = name.split(".");
      const list = files.get(hash as string) ?? [];
      list.push(name);
      files.set(hash as string, list);
      if (sha256(await readFile(path.join(dir, name))) !== hash) corrupted.push(name);
    }
  }
  return { files, corrupted, leftovers };
}

export async function runUploads(options: {
  base: string;
  dataDir: string;
  distinct: number;
  same: number;
  bytesEach: number;
  log?: (message: string) => void;
}): Promise<UploadsResult> {
  const log = options.log ?? (() => {});
  const images = await Promise.all(
    Array.from({ length: options.distinct + 1 }, () => noisePng(options.bytesEach)),
  );
  log(`${images.length} images of ${(images[0]!.length / 1024 / 1024).toFixed(1)} MB made`);
  const shared = images.pop() as Buffer;

  let t0 = performance.now();
  const distinct = await Promise.all(
    images.map(async (img, i) => ({
      ...(await uploadImage(options.base, img, `distinct-${i}.png`)),
      sent: sha256(img),
    })),
  );
  const distinctSeconds = (performance.now() - t0) / 1000;
  log(`${images.length} distinct uploads at once: ${distinctSeconds.toFixed(1)} s`);
  t0 = performance.now();
  const same = await Promise.all(
    Array.from({ length: options.same }, async (_, i) => ({
      ...(await uploadImage(options.base, shared, `same-${i}.png`)),
      sent: sha256(shared),
    })),
  );
  const sameSeconds = (performance.now() - t0) / 1000;
  log(`${options.same} uploads of one image at once: ${sameSeconds.toFixed(1)} s`);
  return {
    distinct,
    same,
    seconds: { distinct: distinctSeconds, same: sameSeconds },
    media: await checkMedia(options.dataDir),
  };
}

// ---------------------------------------------------------------------------------------------------
// A long history.

/** Seeds `count` finished clips into a studio's data (PGlite folder, or PostgreSQL), in a child process. */
export async function seedHistoryProcess(options: {
  dataDir: string;
  count: number;
  databaseUrl?: string;
  cwd?: string;
}): Promise<{ count: number; seconds: number }> {
  const cwd = options.cwd ?? process.cwd();
  const args = [
    "--conditions=react-server",
    "--import",
    "tsx",
    path.join(cwd, "test/support/seed-cli.ts"),
    "--data",
    options.dataDir,
    "--count",
    String(options.count),
    ...(options.databaseUrl ? ["--database-url", options.databaseUrl] : []),
  ];
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`seeding failed (exit ${code}):\n${out}`);
  const line = out.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line) as { count: number; seconds: number };
}

export interface GalleryWalk {
  ids: string[];
  /** createdAt of each item, in the order served. */
  createdAt: string[];
  /** End-to-end time of each page request, first page first. */
  pageMs: number[];
  /** Server-Timing total of each page (the route's own time). */
  serverMs: number[];
}

/** Reads the whole gallery, page after page, through nextCursor. */
export async function walkGallery(base: string, limit = 50): Promise<GalleryWalk> {
  const ids: string[] = [];
  const createdAt: string[] = [];
  const pageMs: number[] = [];
  const serverMs: number[] = [];
  let cursor: string | null = null;
  do {
    const r = await timedGet(
      `${base}/api/generations?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    if (r.status !== 200) throw new Error(`page ${pageMs.length + 1} answered ${r.status}: ${r.body}`);
    const page = JSON.parse(r.body) as {
      items: { id: string; createdAt: string }[];
      nextCursor: string | null;
    };
    pageMs.push(r.ms);
    if (r.serverMs !== null) serverMs.push(r.serverMs);
    for (const item of page.items) {
      ids.push(item.id);
      createdAt.push(item.createdAt);
    }
    cursor = page.nextCursor;
    if (pageMs.length > 10_000) throw new Error("the gallery never ends: nextCursor loops");
  } while (cursor);
  return { ids, createdAt, pageMs, serverMs };
}
