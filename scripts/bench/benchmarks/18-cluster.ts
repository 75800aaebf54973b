// 18. Several instances behind nginx (issue 20). Two studios on one PostgreSQL database behind a real
// nginx running deploy/nginx.conf (test/support/cluster.ts), and a second nginx in front of the first
// studio only, both on the same database and history:
// - Static scripts: every script of the build (.next/static/**/*.js), fetched six at a time as a browser
//   does, with `Accept-Encoding: br, gzip`, from `next start` itself (gzips each one on every request) and
//   from nginx (sends the .br beside it, pre-compressed by scripts/precompress.ts). Time from the first
//   request to the last byte of the last script, over loopback: what remains is the servers' own work.
// - Gallery API: GET /api/generations?limit=50 over a 2,000-clip history, CONCURRENCY signed-in clients
//   at once, through nginx with one instance and with two; p95 of each request, end to end.
// - Media: MEDIA_CLIENTS clients each reading ranges (up to 256 KiB) of the history's video over one kept-alive
//   connection (as video elements do), through nginx with one instance and with two; TTFB p95. The
//   instances share one data folder here, so what is compared is the studios' own work (the cost of an
//   object store is benchmark 19's).
// - Jobs: JOBS generations on fal (the fake fal, webhooks off, so the instances' pollers fetch and save
//   every video), created through nginx and waited for until all are saved: with two instances, then
//   with the second one killed and nginx in front of the first alone (the order cannot be swapped: an
//   instance that is running takes jobs whichever nginx the request came through).

import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { MAX_STATUS_CALLS_PER_SECOND } from "@/lib/generations/worker/schedule";
import { renderNginxConf } from "@/scripts/nginx-conf";
import { type FakeFal, startFakeFal } from "@/test/fakes/fal-server";
import { type Cluster, startCluster, startNginx, stopNginx } from "@/test/support/cluster";
import { fakeFalEnv } from "@/test/support/fal-studio";
import { seedHistoryProcess } from "@/test/support/load-history";
import { signInOwner } from "../accounts";
import { median } from "../browser";
import { busiestStatusRate, type JobRun, jobRun, mediaLoad, statusCalls } from "../cluster-load";
import type { BenchContext, Benchmark, Figure } from "../types";
import { percentile } from "../types";

const CLIPS = 2_000;
const CONCURRENCY = 8;
const REQUESTS = 400;
const STATIC_ROUNDS = 20;
const BROWSER_CONNECTIONS = 6;
const MEDIA_CLIENTS = 8;
const MEDIA_REQUESTS = 400;
const JOBS = 200;

function scripts(staticDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".js")) out.push(`/_next/static/${path.relative(staticDir, full)}`);
    }
  };
  walk(staticDir);
  return out;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: BROWSER_CONNECTIONS });

/** One GET over a kept-alive connection, its body counted as it came over the wire (not decoded). */
function rawGet(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { "accept-encoding": "br, gzip" } }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () =>
        res.statusCode === 200
          ? resolve({ bytes, encoding: String(res.headers["content-encoding"] ?? "identity") })
          : reject(new Error(`${url} answered ${res.statusCode}`)),
      );
    });
    req.on("error", reject);
  });
}

async function staticRound(base: string, paths: string[]) {
  const queue = [...paths];
  let bytes = 0;
  const encodings = new Set<string>();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: BROWSER_CONNECTIONS }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const r = await rawGet(`${base}${p}`);
        bytes += r.bytes;
        encodings.add(r.encoding);
      }
    }),
  );
  return { ms: performance.now() - t0, bytes, encodings: [...encodings].join("+") };
}

async function staticTransfer(base: string, paths: string[]) {
  for (let i = 0; i < 2; i++) await staticRound(base, paths); // warm-up
  const rounds = [];
  for (let i = 0; i < STATIC_ROUNDS; i++) rounds.push(await staticRound(base, paths));
  return { ms: median(rounds.map((r) => r.ms)), bytes: rounds[0]!.bytes, encodings: rounds[0]!.encodings };
}

async function galleryLoad(url: string, headers: Record<string, string>) {
  const latencies: number[] = [];
  const t0 = performance.now();
  let left = REQUESTS + CONCURRENCY * 5;
  let warm = CONCURRENCY * 5; // the first few per client are not counted
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const t1 = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        if (warm-- > 0) continue;
        latencies.push(performance.now() - t1);
      }
    }),
  );
  return Object.assign(latencies, {
    perSecond: (REQUESTS + CONCURRENCY * 5) / ((performance.now() - t0) / 1000),
  });
}

async function run(ctx: BenchContext): Promise<Figure[]> {
  await ctx.ensureBuild();
  if (!ctx.postgresUrl) {
    return [
      { figure: "ran (needs PostgreSQL)", measured: null, unit: "", note: "skipped: no PostgreSQL answered" },
    ];
  }
  const staticDir = path.join(ctx.root, ".next", "static");
  let cluster: Cluster | undefined;
  let single: Awaited<ReturnType<typeof startNginx>> | undefined;
  let fake: FakeFal | undefined;
  try {
    fake = await startFakeFal({ queueMs: 300, runMs: 600 });
    cluster = await startCluster({
      nginxPort: ctx.port(0),
      studioPorts: [ctx.port(1), ctx.port(2)],
      postgresUrl: ctx.postgresUrl,
      cwd: ctx.root,
      env: { ...fakeFalEnv(fake), IDENTITY_SCORING: "off" },
      beforeStart: async ({ databaseUrl, dataDir }) => {
        const seeded = await seedHistoryProcess({ dataDir, count: CLIPS, databaseUrl, cwd: ctx.root });
        ctx.log(`${seeded.count} clips seeded in ${seeded.seconds.toFixed(0)} s`);
      },
    });
    const one = cluster.instances[0]!.studio;
    const conf = renderNginxConf({
      listen: `127.0.0.1:${ctx.port(3)}`,
      upstreams: [`127.0.0.1:${one.port}`],
      staticDir,
    });
    single = await startNginx(path.join(ctx.tmp, "nginx-one"), conf, ctx.port(3));
    const nginxOne = `http://127.0.0.1:${ctx.port(3)}`;

    const paths = scripts(staticDir);
    const direct = await staticTransfer(one.url, paths);
    const proxied = await staticTransfer(cluster.url, paths);
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    ctx.log(
      `${paths.length} scripts: next start ${direct.ms.toFixed(1)} ms (${kb(direct.bytes)}, ${direct.encodings}); nginx ${proxied.ms.toFixed(1)} ms (${kb(proxied.bytes)}, ${proxied.encodings})`,
    );

    const { headers } = await signInOwner(cluster.url);
    const path_ = "/api/generations?limit=50";
    const viaOne = await galleryLoad(`${nginxOne}${path_}`, headers);
    const viaTwo = await galleryLoad(`${cluster.url}${path_}`, headers);
    const viaOneAgain = await galleryLoad(`${nginxOne}${path_}`, headers); // order effects (warm caches)
    const oneAll = [...viaOne, ...viaOneAgain];
    const f = (n: number) => n.toFixed(1);
    ctx.log(
      `gallery, ${CONCURRENCY} clients: one instance p50 ${f(percentile(oneAll, 50))} p95 ${f(percentile(oneAll, 95))} ms; two p50 ${f(percentile(viaTwo, 50))} p95 ${f(percentile(viaTwo, 95))} ms`,
    );

    const media = await mediaFigures(cluster.url, nginxOne, headers);
    ctx.log(media.log);
    // Both instances' create, submit and save paths compiled and warm before anything is timed.
    await jobRun(cluster.url, headers, 20);
    const jobsTwo = await jobRun(cluster.url, headers, JOBS);
    ctx.log(`${JOBS} jobs, two instances: ${jobsTwo.seconds.toFixed(1)} s (${jobsTwo.completed} saved)`);
    await cluster.kill("studio-2");
    const jobsOne = await jobRun(nginxOne, headers, JOBS);
    ctx.log(`${JOBS} jobs, one instance: ${jobsOne.seconds.toFixed(1)} s (${jobsOne.completed} saved)`);

    return [
      {
        figure: `all ${paths.length} scripts, six at a time: next start alone`,
        measured: direct.ms,
        unit: "ms",
        note: `median of ${STATIC_ROUNDS} rounds over loopback; ${kb(direct.bytes)} on the wire (${direct.encodings}), compressed on every request`,
      },
      {
        figure: `all ${paths.length} scripts, six at a time: nginx, pre-compressed`,
        measured: proxied.ms,
        unit: "ms",
        note: `${kb(proxied.bytes)} on the wire (${proxied.encodings}), the .br files as they are`,
      },
      {
        figure: "static scripts: nginx time / next start time",
        measured: proxied.ms / direct.ms,
        unit: "x",
        budget: { max: 0.5 },
        note: "nginx sending pre-compressed files must take at most half next start's time",
      },
      {
        figure: "static scripts: bytes on the wire, nginx (brotli) / next start (gzip)",
        measured: proxied.bytes / direct.bytes,
        unit: "x",
        budget: { max: 1 },
      },
      {
        figure: `gallery API (first page of ${CLIPS.toLocaleString("en-US")}), ${CONCURRENCY} clients: nginx + one instance, p95`,
        measured: percentile(oneAll, 95),
        unit: "ms",
        note: `${oneAll.length} requests (measured before and after the two-instance run); p50 ${f(percentile(oneAll, 50))} ms`,
      },
      {
        figure: `gallery API, ${CONCURRENCY} clients: nginx + two instances, p95`,
        measured: percentile(viaTwo, 95),
        unit: "ms",
        note: `${viaTwo.length} requests; p50 ${f(percentile(viaTwo, 50))} ms`,
      },
      {
        figure: "gallery API p95: two instances / one",
        measured: percentile(viaTwo, 95) / percentile(oneAll, 95),
        unit: "x",
        note: "on two cores, two studios, PostgreSQL, nginx and the clients share them: the tail follows the machine (docs/performance.md 18)",
      },
      {
        figure: "gallery API p50: two instances / one",
        measured: percentile(viaTwo, 50) / percentile(oneAll, 50),
        unit: "x",
        budget: { max: 1 },
        note: "a second instance must not make the typical answer slower",
      },
      {
        figure: "gallery API requests per second: two instances / one",
        measured: viaTwo.perSecond / ((viaOne.perSecond + viaOneAgain.perSecond) / 2),
        unit: "x",
        budget: { min: 1 },
        note: `one instance ${f(viaOne.perSecond)} and ${f(viaOneAgain.perSecond)}/s, two ${f(viaTwo.perSecond)}/s`,
      },
      ...media.figures,
      ...jobFigures(jobsOne, jobsTwo, fake),
    ];
  } finally {
    if (single) await stopNginx(single.child);
    await cluster?.stop();
    await fake?.close();
    agent.destroy();
  }
}

/** Media TTFB through nginx: one instance, two, one again (order effects), on the history's video. */
async function mediaFigures(two: string, one: string, headers: Record<string, string>) {
  const first = await fetch(`${two}/api/generations?limit=1`, { headers });
  const videoUrl = ((await first.json()) as { items: { videoUrl: string | null }[] }).items[0]?.videoUrl;
  if (!videoUrl) throw new Error("the seeded history's newest clip has no video");
  const probe = await fetch(`${two}${videoUrl}`, { headers: { ...headers, range: "bytes=0-0" } });
  await probe.arrayBuffer();
  const size = Number(/\/(\d+)$/.exec(probe.headers.get("content-range") ?? "")?.[1]);
  if (probe.status !== 206 || !size) throw new Error(`the video's first byte answered ${probe.status}`);
  const load = (base: string) =>
    mediaLoad({
      url: `${base}${videoUrl}`,
      size,
      auth: headers,
      clients: MEDIA_CLIENTS,
      requests: MEDIA_REQUESTS / 2,
      chunk: Math.min(256 * 1024, Math.floor(size / 4)),
    });
  const oneA = await load(one);
  const twoAll = [...(await load(two)), ...(await load(two))];
  const oneAll = [...oneA, ...(await load(one))];
  const f = (n: number) => n.toFixed(1);
  const p = (v: number[], q: number) => percentile(v, q);
  return {
    log: `media, ${MEDIA_CLIENTS} clients: one instance p50 ${f(p(oneAll, 50))} p95 ${f(p(oneAll, 95))} ms; two p50 ${f(p(twoAll, 50))} p95 ${f(p(twoAll, 95))} ms`,
    figures: [
      {
        figure: `media TTFB, ${MEDIA_CLIENTS} clients reading ranges of the video: nginx + one instance, p95`,
        measured: p(oneAll, 95),
        unit: "ms",
        note: `${oneAll.length} requests (half before, half after the two-instance run); p50 ${f(p(oneAll, 50))} ms`,
      },
      {
        figure: `media TTFB, ${MEDIA_CLIENTS} clients: nginx + two instances, p95`,
        measured: p(twoAll, 95),
        unit: "ms",
        note: `${twoAll.length} requests; p50 ${f(p(twoAll, 50))} ms`,
      },
      {
        figure: "media TTFB p95: two instances / one",
        measured: p(twoAll, 95) / p(oneAll, 95),
        unit: "x",
        note: "the tail follows the two cores (as the gallery's)",
      },
      {
        figure: "media TTFB p50: two instances / one",
        measured: p(twoAll, 50) / p(oneAll, 50),
        unit: "x",
        budget: { max: 1.1 },
        note: "a second instance must not make the typical answer slower (a tenth: the run's noise)",
      },
    ] satisfies Figure[],
  };
}

function jobFigures(one: JobRun, two: JobRun, fake: FakeFal): Figure[] {
  const rate = (r: JobRun) => busiestStatusRate(fake, r.startedAt, r.endedAt);
  const perJob = (r: JobRun) => statusCalls(fake, r.startedAt, r.endedAt).total / r.jobs;
  const calls = (r: JobRun) => {
    const c = statusCalls(fake, r.startedAt, r.endedAt);
    return `${c.total} status calls in all, at most ${c.mostPerJob} for one job`;
  };
  const note = (r: JobRun) =>
    `${r.completed} of ${r.jobs} saved; created in ${r.createSeconds.toFixed(1)} s; fake fal: 0.3 s queued, 0.6 s running`;
  return [
    {
      figure: `${JOBS} jobs created to all saved: nginx + one instance`,
      measured: one.seconds,
      unit: "s",
      note: `${note(one)}; run after the two-instance run, with the second instance killed`,
    },
    {
      figure: `${JOBS} jobs created to all saved: nginx + two instances`,
      measured: two.seconds,
      unit: "s",
      note: note(two),
    },
    {
      figure: `${JOBS} jobs: two instances' time / one's`,
      measured: two.seconds / one.seconds,
      unit: "x",
      note: `fal's pace sets the time (each job polled on the shared schedule), and paid creates take one lock across the cluster (spend caps), so a second instance does not shorten it; creating took ${two.createSeconds.toFixed(1)} s through two instances, ${one.createSeconds.toFixed(1)} s through one (docs/performance.md 18)`,
    },
    {
      figure: "status calls at fal per second, busiest 5 s: one instance",
      measured: rate(one),
      unit: "/s",
      note: `${calls(one)}; the cap (${MAX_STATUS_CALLS_PER_SECOND}/s) spaces each waiting job's polls, and a job's first poll follows its submit, so while submits come faster than the cap the first polls do too`,
    },
    {
      figure: "status calls at fal per second, busiest 5 s: two instances together",
      measured: rate(two),
      unit: "/s",
      note: calls(two),
    },
    {
      figure: "status calls at fal per job: two instances / one",
      measured: perJob(two) / perJob(one),
      unit: "x",
      budget: { max: 1 },
      note: "no job is polled more because two instances share the work (a lease per job, one schedule)",
    },
    {
      figure: `${JOBS} jobs saved with a video, both runs`,
      measured: one.completed + two.completed,
      unit: "",
      budget: { min: 2 * JOBS },
    },
  ];
}

export const benchmark: Benchmark = { id: "cluster", title: "Several instances behind nginx", run };
