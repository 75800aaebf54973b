// 12. Resolving the user: what finding out who is asking costs each request, now that every page, route
// and server action needs a signed-in member (issue 15: "adds under 2 ms per request (p95) to a media
// request and to the gallery API"). On the embedded PGlite and on PostgreSQL, each with a 200-clip history:
//
// - In process: lib/auth/session.ts resolveActor, the one function every route (lib/http/route.ts), server
//   action and page calls, timed on its own with the runtime installed as the server installs it. Once
//   with a session cookie and once with a personal API token, each twice: as requests find it (the answer
//   remembered by lib/auth/actor-cache.ts, which every change to who may do what clears) and cold, with the
//   cache cleared before each call, which is what the first request after a change or after 10 s pays
//   (better-auth checks the cookie's signature and reads the session and its user; a token's SHA-256 is
//   looked up with its user). The owner is made by the same sign-up the setup page uses
//   (test/support/accounts.ts addMember), with a token.
// - In the server: the same step inside a real `next start`, read from the route's own
//   `Server-Timing: auth;dur=` (apiRoute times resolveActor and adds the entry), for the gallery API
//   (GET /api/generations?limit=50) and a media request (GET of the first card's poster, /api/media/<key>),
//   each with the session cookie of an HTTP sign-in (/api/auth/sign-in/email, as the sign-in page does) and
//   with the token. Beside it, informational: the same requests end to end over loopback, and the gallery
//   route's own time without the auth step (`Server-Timing: total`, which starts after it).
//
// There is no switch that turns the check off, so "without the auth step" is the server's own account of
// the rest of the request, not a second run without it. Requests alternate cookie and token, one at a
// time on one keep-alive connection, after a warm-up; p95 of each.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { resolveActor } from "@/lib/auth/session";
import { parseConfig } from "@/lib/config/env";
import { createRuntime, type Runtime } from "@/lib/server/runtime";
import { addMember, TEST_PASSWORD } from "@/test/support/accounts";
import { seedHistoryProcess } from "@/test/support/load-history";
import { installRuntime } from "@/test/support/runtime";
import { type AuthHeaders, serverTiming } from "@/test/support/studio-http";
import { startStudioProcess } from "@/test/support/studio-process";
import { signIn } from "../accounts";
import { type BenchContext, type Benchmark, type Figure, onEachDatabase, percentile } from "../types";

const CLIPS = 200;
const IN_PROCESS_RUNS = 500;
const HTTP_RUNS = 200;
const BUDGET_MS = 2;

interface Credentials {
  email: string;
  cookie: AuthHeaders;
  token: AuthHeaders;
}

/**
 * resolveActor timed in this process, `runs` times per credential after a warm-up, alternating; `cold`
 * clears the cache of who is asking before each call.
 */
async function inProcess(rt: Runtime, credentials: Credentials, cold: boolean) {
  const times = { cookie: [] as number[], token: [] as number[] };
  const cpu = { cookie: 0, token: 0 };
  for (let i = 0; i < 50 + IN_PROCESS_RUNS; i++) {
    for (const kind of ["cookie", "token"] as const) {
      const headers = new Headers(credentials[kind]);
      if (cold) rt.actors.changed();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const actor = await resolveActor(() => headers);
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (actor?.kind !== "member" || actor.email !== credentials.email)
        throw new Error(`resolveActor did not find the owner (${kind})`);
      if (i < 50) continue;
      times[kind].push(ms);
      cpu[kind] += (c.user + c.system) / 1000;
    }
  }
  return {
    ...times,
    /** This process's CPU time per call (mean): what the step costs whatever else the machine runs. */
    cpuPerCall: { cookie: cpu.cookie / IN_PROCESS_RUNS, token: cpu.token / IN_PROCESS_RUNS },
  };
}

/**
 * Makes the owner (and a personal API token) in this process, on the studio's database, and times
 * resolveActor there. PGlite belongs to one process: the runtime is closed before the server opens it.
 */
async function makeOwnerAndTime(dataDir: string, databaseUrl: string | undefined) {
  const config = parseConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? "",
    VIDEO_PROVIDER: "preview",
    HOSTNAME: "127.0.0.1",
  });
  const rt = await createRuntime(config, { startWorker: false });
  installRuntime(rt);
  try {
    const owner = await addMember(rt, "owner", { name: "Bench Owner" });
    const credentials: Credentials = { email: owner.email, cookie: owner.session, token: owner.bearer };
    return {
      credentials,
      times: await inProcess(rt, credentials, false),
      cold: await inProcess(rt, credentials, true),
    };
  } finally {
    installRuntime(undefined);
    await rt.close();
  }
}

interface Sample {
  auth: number[];
  total: number[];
  e2e: number[];
}

const sample = (): Sample => ({ auth: [], total: [], e2e: [] });

async function timedFetch(url: string, headers: AuthHeaders, into: Sample | null) {
  const t0 = performance.now();
  const res = await fetch(url, { headers, redirect: "manual" });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const header = res.headers.get("server-timing");
  const auth = serverTiming(header, "auth");
  if (auth === null) throw new Error(`${url} sent no Server-Timing auth entry (${header})`);
  if (!into) return;
  into.auth.push(auth);
  into.e2e.push(ms);
  const total = serverTiming(header, "total");
  if (total !== null) into.total.push(total);
}

async function measure(ctx: BenchContext, kind: "pglite" | "postgres"): Promise<Figure[]> {
  const label = kind === "pglite" ? "PGlite" : "PostgreSQL";
  const dataDir = path.join(ctx.tmp, kind);
  const schema = `bench_auth_${randomBytes(4).toString("hex")}`;
  let databaseUrl: string | undefined;
  if (kind === "postgres") {
    const u = new URL(ctx.postgresUrl as string);
    u.searchParams.set("schema", schema);
    databaseUrl = u.toString();
  }
  const gallery = { cookie: sample(), token: sample() };
  const media = { cookie: sample(), token: sample() };
  let inProcessTimes: Awaited<ReturnType<typeof inProcess>>;
  let coldTimes: Awaited<ReturnType<typeof inProcess>>;
  try {
    await seedHistoryProcess({ dataDir, count: CLIPS, databaseUrl, cwd: ctx.root });
    const made = await makeOwnerAndTime(dataDir, databaseUrl);
    inProcessTimes = made.times;
    coldTimes = made.cold;
    const studio = await startStudioProcess({
      port: ctx.port(kind === "pglite" ? 0 : 1),
      dataDir,
      cwd: ctx.root,
      env: { VIDEO_PROVIDER: "preview", DATABASE_URL: databaseUrl ?? "" },
    });
    try {
      // A browser's session: signed in through better-auth's route, as the sign-in page does.
      const session = await signIn(studio.url, made.credentials.email, TEST_PASSWORD);
      const headers = { cookie: session.headers, token: made.credentials.token };
      const galleryUrl = `${studio.url}/api/generations?limit=50`;
      const list = await fetch(galleryUrl, { headers: headers.cookie });
      const poster = ((await list.json()) as { items: { posterUrl: string | null }[] }).items.find(
        (i) => i.posterUrl,
      )?.posterUrl;
      if (!poster) throw new Error("the seeded history has no poster");
      const posterUrl = `${studio.url}${poster}`;
      for (let i = 0; i < 20 + HTTP_RUNS; i++) {
        for (const k of ["cookie", "token"] as const) {
          await timedFetch(galleryUrl, headers[k], i >= 20 ? gallery[k] : null);
          await timedFetch(posterUrl, headers[k], i >= 20 ? media[k] : null);
        }
      }
    } finally {
      await studio.stop();
    }
  } finally {
    if (kind === "postgres") {
      const admin = new pg.Client({ connectionString: ctx.postgresUrl as string });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
      await admin.end().catch(() => {});
    }
  }
  const p95 = (v: number[]) => percentile(v, 95);
  const f = (n: number) => n.toFixed(2);
  ctx.log(
    `${label} in process: cookie p50 ${f(percentile(inProcessTimes.cookie, 50))} / p95 ${f(p95(inProcessTimes.cookie))} ms, ` +
      `token p50 ${f(percentile(inProcessTimes.token, 50))} / p95 ${f(p95(inProcessTimes.token))} ms; ` +
      `CPU per call cookie ${f(inProcessTimes.cpuPerCall.cookie)} / token ${f(inProcessTimes.cpuPerCall.token)} ms; load average ${os.loadavg()[0]?.toFixed(1)}`,
  );
  ctx.log(
    `${label} in process, cold: cookie p50 ${f(percentile(coldTimes.cookie, 50))} / p95 ${f(p95(coldTimes.cookie))} ms, ` +
      `token p50 ${f(percentile(coldTimes.token, 50))} / p95 ${f(p95(coldTimes.token))} ms`,
  );
  for (const [name, s] of [
    ["gallery", gallery],
    ["media", media],
  ] as const) {
    ctx.log(
      `${label} ${name}: auth p95 cookie ${f(p95(s.cookie.auth))} / token ${f(p95(s.token.auth))} ms; ` +
        `end to end p95 cookie ${f(p95(s.cookie.e2e))} / token ${f(p95(s.token.e2e))} ms` +
        (s.cookie.total.length ? `; route without auth p95 ${f(p95(s.cookie.total))} ms` : ""),
    );
  }
  const budget = { max: BUDGET_MS };
  return [
    {
      figure: `${label}: resolveActor in process, session cookie, p95 of ${IN_PROCESS_RUNS}`,
      measured: p95(inProcessTimes.cookie),
      unit: "ms",
      budget,
      note: `as requests find it (remembered); median ${f(percentile(inProcessTimes.cookie, 50))} ms, CPU time per call ${f(inProcessTimes.cpuPerCall.cookie)} ms`,
    },
    {
      figure: `${label}: resolveActor in process, session cookie, cold (first request after a change or 10 s), p95`,
      measured: p95(coldTimes.cookie),
      unit: "ms",
      note: `better-auth's getSession: the cookie's HMAC checked, the session and its user read; median ${f(percentile(coldTimes.cookie, 50))} ms, CPU time per call ${f(coldTimes.cpuPerCall.cookie)} ms`,
    },
    {
      figure: `${label}: resolveActor in process, personal API token, p95 of ${IN_PROCESS_RUNS}`,
      measured: p95(inProcessTimes.token),
      unit: "ms",
      budget,
      note: `as requests find it (remembered); median ${f(percentile(inProcessTimes.token, 50))} ms, CPU time per call ${f(inProcessTimes.cpuPerCall.token)} ms`,
    },
    {
      figure: `${label}: resolveActor in process, personal API token, cold, p95`,
      measured: p95(coldTimes.token),
      unit: "ms",
      note: `the token's SHA-256 looked up with its user; median ${f(percentile(coldTimes.token, 50))} ms, CPU time per call ${f(coldTimes.cpuPerCall.token)} ms`,
    },
    {
      figure: `${label}: gallery API, resolving the caller (Server-Timing auth), cookie, p95 of ${HTTP_RUNS}`,
      measured: p95(gallery.cookie.auth),
      unit: "ms",
      budget,
    },
    {
      figure: `${label}: gallery API, resolving the caller, API token, p95`,
      measured: p95(gallery.token.auth),
      unit: "ms",
      budget,
    },
    {
      figure: `${label}: media request (a poster), resolving the caller, cookie, p95 of ${HTTP_RUNS}`,
      measured: p95(media.cookie.auth),
      unit: "ms",
      budget,
    },
    {
      figure: `${label}: media request, resolving the caller, API token, p95`,
      measured: p95(media.token.auth),
      unit: "ms",
      budget,
    },
    {
      figure: `${label}: gallery API (first page of 50) with the cookie, end to end p95`,
      measured: p95(gallery.cookie.e2e),
      unit: "ms",
      note: `the route's own time without the auth step (Server-Timing total) p95 ${f(p95(gallery.cookie.total))} ms; with the token, end to end p95 ${f(p95(gallery.token.e2e))} ms`,
    },
    {
      figure: `${label}: media request (a poster) with the cookie, end to end p95`,
      measured: p95(media.cookie.e2e),
      unit: "ms",
      note: `with the token p95 ${f(p95(media.token.e2e))} ms`,
    },
  ];
}

export const benchmark: Benchmark = {
  id: "auth",
  title: "Resolving the user",
  run: (ctx) =>
    onEachDatabase(
      ctx,
      measure,
      "PostgreSQL: resolveActor in process, session cookie, p95 (and the rest of the PostgreSQL rows)",
    ),
};
