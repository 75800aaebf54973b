import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGeneration } from "@/lib/generations/service";
import { generationDeps } from "@/lib/server/runtime";
import { testOwner } from "../support/actors";
import { createTestDatabase, dbKinds, postgresAvailable, type TestDatabase } from "../support/db";
import {
  newKey,
  removeDir,
  startTestRuntime,
  submit,
  type TestRuntime,
  uploadImages,
  waitFor,
} from "../support/runtime";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PREVIEW = { VIDEO_PROVIDER: "preview" };

/** Waits until the worker has made no pass for `quietMs`, and returns its pass count then. */
async function settled(rt: TestRuntime, quietMs = 400): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const before = rt.worker.passes;
    await sleep(quietMs);
    if (rt.worker.passes === before) return before;
  }
  throw new Error("the worker never went quiet");
}

// The tests' runtimes space passes by 25 ms (idleTickMs): a worker that polled while idle would make
// dozens of passes in the windows below.
describe.each(await dbKinds())("an idle worker on %s", (kind) => {
  let db: TestDatabase;
  let rt: TestRuntime;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    rt = await startTestRuntime(db, PREVIEW);
  });
  afterAll(async () => {
    await rt.dispose();
    await db.dispose();
    await removeDir(rt.dataDir);
  });

  it("runs no query while nothing is in flight, wakes for a new clip, and goes quiet again", async () => {
    const refs = await uploadImages(rt, 1, 700);
    const quiet = await settled(rt);
    await sleep(1_500);
    expect(rt.worker.passes).toBe(quiet);

    const { generation } = await submit(rt, { referenceIds: refs, prompt: "<IMAGE_REF_0> idle wake" });
    expect((await waitFor(rt, generation.id)).status).toBe("completed");
    const after = await settled(rt);
    await sleep(1_500);
    expect(rt.worker.passes).toBe(after);
  });

  it("sleeps until a dead worker's lease runs out, then finishes the job without polling meanwhile", async () => {
    const refs = await uploadImages(rt, 1, 710);
    // Made without waking anyone, and at once leased by a worker that died holding it.
    const { generation } = await createGeneration(
      { ...generationDeps(rt), wake: () => {} },
      await testOwner(rt.db.prisma),
      {
        prompt: "<IMAGE_REF_0> stale lease",
        referenceIds: refs,
        duration: 3,
        aspectRatio: "16:9",
        idempotencyKey: newKey(),
      },
    );
    await db.prisma.generation.update({
      where: { id: generation.id },
      data: { leaseOwner: "dead-worker", leaseUntil: new Date(Date.now() + 1_500) },
    });
    const before = await settled(rt);
    rt.worker.wake();
    await sleep(1_000);
    // One pass found the lease held; then nothing until it runs out (polling would be one every 25 ms).
    expect(rt.worker.passes - before).toBeLessThanOrEqual(2);
    expect((await waitFor(rt, generation.id)).status).toBe("completed");
  });
});

describe.runIf(await postgresAvailable())("instances sharing PostgreSQL", () => {
  let db: TestDatabase;
  const runtimes: TestRuntime[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    for (const rt of runtimes) await rt.dispose();
    if (runtimes[0]) await removeDir(runtimes[0].dataDir);
    await db.dispose();
  });

  it("wake an idle worker elsewhere through NOTIFY when a clip is made where no worker runs", async () => {
    // The idle instance's safety sweep is an hour away: only the notification can wake it in time.
    const idle = await startTestRuntime(db, PREVIEW, { workerOptions: { sweepMs: 3_600_000 } });
    // Instances share the database and the media folder.
    const web = await startTestRuntime(db, PREVIEW, { startWorker: false, dataDir: idle.dataDir });
    runtimes.push(idle, web);
    const refs = await uploadImages(web, 1, 720);
    const quiet = await settled(idle);
    const { generation } = await submit(web, { referenceIds: refs, prompt: "<IMAGE_REF_0> notified" });
    const done = await waitFor(idle, generation.id, undefined, 20_000);
    expect(done.status).toBe("completed");
    expect(idle.worker.passes).toBeGreaterThan(quiet);
  });
});
