// 18. Several instances behind nginx (issue 20). Two studios on one PostgreSQL database behind a real
// nginx running deploy/nginx.conf (test/support/cluster.ts), and a second nginx in front of the first
// studio only, both on the same database and history:
// - Static scripts: every script of the build (.next/static/**/*.js), fetched six at a time as a browser
//   does, with `Accept-Encoding: br, gzip`, from `next start` itself (gzips each one on every request) and
//   from nginx (sends the .br beside it, pre-compressed by scripts/precompress.ts). Time from the first
//   request to the last byte of the last script, over loopback: what remains is the servers' own work.
// - Gallery API: GET /api/generations?limit=50 over a 2,000-clip history, CONCURRENCY signed-in clients
//   at once, through nginx with one instance and with two; p95 of each request, end to end.

import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { renderNginxConf } from "@/scripts/nginx-conf";
import { type Cluster, startCluster, startNginx, stopNginx } from "@/test/support/cluster";
import { seedHistoryProcess } from "@/test/support/load-history";
import { signInOwner } from "../accounts";
import { median } from "../browser";
import type { BenchContext, Benchmark, Figure } from "../types";
import { percentile } from "../types";

const CLIPS = 2_000;
const CONCURRENCY = 8;
const REQUESTS = 400;
const STATIC_ROUNDS = 20;
const BROWSER_CONNECTIONS = 6;

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
  try {
    cluster = await startCluster({
      nginxPort: ctx.port(0),
      studioPorts: [ctx.port(1), ctx.port(2)],
      postgresUrl: ctx.postgresUrl,
      cwd: ctx.root,
      env: { VIDEO_PROVIDER: "preview", IDENTITY_SCORING: "off" },
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
        budget: { max: 1.1 },
        note: "a second instance must not make the slowest answers slower (beyond a tenth: the run's noise on a shared 2-core machine)",
      },
      {
        figure: "gallery API p50: two instances / one",
        measured: percentile(viaTwo, 50) / percentile(oneAll, 50),
        unit: "x",
      },
      {
        figure: "gallery API requests per second: two instances / one",
        measured: viaTwo.perSecond / ((viaOne.perSecond + viaOneAgain.perSecond) / 2),
        unit: "x",
        note: `one instance ${f(viaOne.perSecond)} and ${f(viaOneAgain.perSecond)}/s, two ${f(viaTwo.perSecond)}/s`,
      },
    ];
  } finally {
    if (single) await stopNginx(single.child);
    await cluster?.stop();
    agent.destroy();
  }
}

export const benchmark: Benchmark = { id: "cluster", title: "Several instances behind nginx", run };
