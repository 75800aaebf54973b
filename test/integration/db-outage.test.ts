import { afterAll, describe, expect, it } from "vitest";
import { POST as createRoute, GET as listRoute } from "@/app/api/generations/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { openDatabase } from "@/lib/db/client";
import type { FakeFal } from "@/test/fakes/fal-server";
import { addMember } from "../support/accounts";
import type { TestDatabase } from "../support/db";
import { useStudio } from "../support/fixture";
import { findPgTools, type PgTools, type PrivateCluster, startPrivateCluster } from "../support/pg-cluster";
import { skipOrFail } from "../support/postgres";
import { installRuntime, newKey, type TestRuntime, uploadImages, waitFor } from "../support/runtime";

// A real PostgreSQL stop and start under a running studio. The shared cluster other test files use cannot
// be stopped, so this test makes its own (initdb + pg_ctl), points a runtime at it, and stops the cluster
// while jobs are mid-flight: one whose submit answer is on its way back (the request id exists only in
// memory), one whose status answer says "done". Requests during the outage must fail with a clear answer
// and change nothing; the studio must come back on its own, and every job must finish exactly once.

/** How long PostgreSQL stays down at least. */
const OUTAGE_MS = 4_000;

const tools = findPgTools();
const runnable = !("missing" in tools) || skipOrFail("The PostgreSQL stop/start test", tools.missing);

/** The editor's token, as a script would send it. */
let signedIn: Record<string, string> = {};

const json = (body: unknown) =>
  new Request("http://studio.test/api/generations", {
    method: "POST",
    headers: { "content-type": "application/json", ...signedIn },
    body: JSON.stringify(body),
  });
const noParams = { params: Promise.resolve({}) };

describe.skipIf(!runnable)("a real PostgreSQL stop and start under a running studio", () => {
  let cluster: PrivateCluster;
  let fake: FakeFal;
  let db: TestDatabase;
  let rt: TestRuntime;
  const workerLog: string[] = [];
  // Registered before the studio's own teardown, so it runs after it (afterAll hooks run in reverse).
  afterAll(async () => {
    if (workerLog.length > 0) console.info(`worker log:\n${workerLog.join("\n")}`);
    installRuntime(undefined);
    await cluster?.destroy();
  });
  useStudio("postgres", {
    fal: { queueMs: 50, runMs: 80 },
    database: async () => {
      cluster = await startPrivateCluster(tools as PgTools);
      const opened = await openDatabase({ kind: "postgres", url: cluster.url() });
      return { ...opened, dispose: () => opened.close() };
    },
    runtime: { workerOptions: { log: (m) => workerLog.push(m) } },
    ready: (s) => {
      ({ fal: fake, db, rt } = s);
      installRuntime(rt);
    },
  });

  it("fails requests clearly during the outage, changes nothing, recovers without a restart and finishes jobs once", async () => {
    signedIn = (await addMember(rt, "editor")).bearer;
    const refs = await uploadImages(rt, 1, 950);
    const create = (label: string) =>
      createRoute(
        json({
          prompt: `<IMAGE_REF_0> ${label}. Single continuous shot.`,
          referenceIds: refs,
          duration: 3,
          aspectRatio: "16:9",
          idempotencyKey: newKey(),
        }),
        noParams,
      );
    const jobsFor = (label: string) =>
      [...fake.jobs.values()].filter((j) => String(j.input.prompt).includes(label));

    // Job B: waiting at fal (held in its queue), then done, but its status answer saying so is held until
    // the database is down.
    const b = (await (await create("job B [fake:hold]")).json()).generation;
    const bRow = await waitFor(rt, b.id, (g) => g.status === "submitted" || g.status === "running");
    let releaseB!: () => void;
    fake.failNext("status", { until: new Promise<void>((r) => (releaseB = r)) });
    await fake.waitFor(() => fake.heldAnswers("status") === 1, 20_000);
    await fake.advance(bRow.requestId!);
    await fake.advance(bRow.requestId!);
    expect(fake.jobs.get(bRow.requestId!)?.state).toBe("COMPLETED");

    // Job A: fal queues it and holds the answer carrying its request id.
    let releaseA!: () => void;
    fake.failNext("submit", { afterWork: true, until: new Promise<void>((r) => (releaseA = r)) });
    const a = (await (await create("job A")).json()).generation;
    await fake.waitFor(() => fake.heldAnswers("submit") === 1, 20_000);
    expect(jobsFor("job A")).toHaveLength(1);

    const before = await db.prisma.generation.count();
    expect(before).toBe(2);

    await cluster.stop();
    const outageStarted = Date.now();

    // Requests during the outage: a clear 503, no stack trace, nothing created.
    const refused = await create("made during the outage");
    expect(refused.status).toBe(503);
    const refusedBody = await refused.json();
    expect(refusedBody.error.code).toBe("database_unavailable");
    expect(refusedBody.error.message).toMatch(/database/i);
    const listed = await listRoute(
      new Request("http://studio.test/api/generations", { headers: signedIn }),
      noParams,
    );
    expect(listed.status).toBe(503);
    expect((await listed.json()).error.code).toBe("database_unavailable");
    const health = await healthRoute();
    expect(health.status).toBe(503);
    expect((await health.json()).database.ok).toBe(false);

    // The held answers arrive while the database is down: the worker cannot record them yet.
    const logLines = workerLog.length;
    releaseA();
    releaseB();
    await fake.waitFor(() => (fake.counts.result[bRow.requestId!] ?? 0) >= 1, 20_000);
    // Both writes have failed: A's request id is being retried, B's step gave up and kept its lease.
    const logged = (id: string) => workerLog.slice(logLines).some((l) => l.includes(id));
    await fake.waitFor(() => logged(a.id) && logged(b.id), 20_000);

    // Keep it down a few seconds, as a real restart would be: the worker keeps failing its passes and
    // keeps retrying the write of A's request id, and requests keep being refused.
    while (Date.now() - outageStarted < OUTAGE_MS) await new Promise((r) => setTimeout(r, 100));
    expect((await create("made late in the outage")).status).toBe(503);
    expect((await healthRoute()).status).toBe(503);

    await cluster.start();
    const outageMs = Date.now() - outageStarted;

    // Back without a restart of the studio.
    await expect.poll(async () => (await healthRoute()).status, { timeout: 20_000 }).toBe(200);
    const doneA = await waitFor(rt, a.id, undefined, 40_000);
    const doneB = await waitFor(rt, b.id, undefined, 40_000);
    for (const [done, label] of [
      [doneA, "job A"],
      [doneB, "job B"],
    ] as const) {
      expect(done.status, `${label}: ${JSON.stringify(done.error)}`).toBe("completed");
      expect(jobsFor(label)).toHaveLength(1);
      expect(done.requestId).toBe(jobsFor(label)[0]!.id);
    }
    expect(fake.counts.submits).toBe(2);
    // The refused request left nothing behind.
    expect(await db.prisma.generation.count()).toBe(2);
    expect(jobsFor("made during the outage")).toHaveLength(0);
    expect(jobsFor("made late in the outage")).toHaveLength(0);
    expect(jobsFor("made by the composer")).toHaveLength(0);

    // And new work goes through as before.
    const c = await create("job C after the outage");
    expect(c.status).toBe(202);
    const doneC = await waitFor(rt, (await c.json()).generation.id);
    expect(doneC.status).toBe("completed");
    expect(fake.counts.submits).toBe(3);
    console.info(`PostgreSQL was down for ${outageMs} ms`);
  });
});
