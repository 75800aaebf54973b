import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { deleteGeneration } from "@/lib/generations/deletion";
import type { ChangeBus } from "@/lib/live/change-bus";
import { eventStream } from "@/lib/live/event-stream";
import type { Change, ChangeEvent } from "@/lib/live/events";
import { addComment } from "@/lib/review/comments";
import { updateReview } from "@/lib/review/service";
import { testOwner } from "../support/actors";
import { createTestDatabase, dbKinds, postgresAvailable, type TestDatabase } from "../support/db";
import {
  removeDir,
  startTestRuntime,
  submit,
  type TestRuntime,
  uploadImages,
  waitFor,
} from "../support/runtime";
import { until } from "../support/until";

const PREVIEW = { VIDEO_PROVIDER: "preview" };
/** An actor as the interim studio resolves one: a member with no account row yet. */

/** Every change the bus delivers from now on. */
function record(bus: ChangeBus): ChangeEvent[] {
  const seen: ChangeEvent[] = [];
  bus.subscribe((e) => {
    if (typeof e !== "string") seen.push(e);
  });
  return seen;
}

const has = (seen: Change[], kind: Change["kind"], generationId?: string) =>
  seen.some((e) => e.kind === kind && (generationId === undefined || e.generationId === generationId));

/** Reads an event stream's frames as text until `done` says enough. */
async function readFrames(stream: ReadableStream<Uint8Array>, done: (text: string) => boolean) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text;
}

describe.each(await dbKinds())("live changes on %s", (kind) => {
  let db: TestDatabase;
  let rt: TestRuntime;
  afterAll(async () => {
    await rt?.dispose();
    if (rt) await removeDir(rt.dataDir);
    await db?.dispose();
  });

  it("publishes a clip's making, review, comments and deletion, and streams them with resume", async () => {
    db = await createTestDatabase(kind);
    rt = await startTestRuntime(db, PREVIEW);
    const seen = record(rt.changes);
    const refs = await uploadImages(rt, 1, 910);
    const { generation } = await submit(rt, { referenceIds: refs });
    const id = generation.id;
    await waitFor(rt, id);
    // The worker's moves (sent, running, completed) and the provider's result (saving) are all heard.
    const statuses = () => seen.filter((e) => e.kind === "generation.status" && e.generationId === id);
    await until("created and completed", () =>
      has(seen, "generation.created", id) && statuses().length > 1 ? true : undefined,
    );

    // The last of the clip's changes may still be on its way: let the bus go quiet first.
    for (let count = -1; count !== seen.length; await new Promise((r) => setTimeout(r, 200)))
      count = seen.length;
    // A browser that saw everything so far, then went away.
    const cursor = rt.changes.lastId;
    await updateReview(rt.db.prisma, await testOwner(rt.db.prisma), {
      generationId: id,
      reviewStatus: "approved",
    });
    await addComment(rt.db.prisma, await testOwner(rt.db.prisma), {
      generationId: id,
      atSec: 1,
      body: "live",
    });
    await until("review and comment", () =>
      has(seen, "review", id) && has(seen, "comment", id) ? true : undefined,
    );

    // It comes back naming its last event and gets exactly what it missed.
    const resumed = new AbortController();
    const text = await readFrames(eventStream(rt.changes, cursor, resumed.signal), (t) =>
      t.includes('"kind":"comment"'),
    );
    expect(text).toMatch(/^retry: \d+/);
    expect(text.match(/^event: change$/gm)).toHaveLength(2);
    expect(text).toContain(`"kind":"review","generationId":"${id}"`);

    // Live: a change after connecting arrives on an open stream.
    const live = new AbortController();
    const stream = eventStream(rt.changes, rt.changes.lastId, live.signal);
    const reading = readFrames(stream, (t) => t.includes('"kind":"generation.deleted"'));
    await deleteGeneration(rt.db.prisma, await testOwner(rt.db.prisma), id);
    expect(await reading).toContain(`"generationId":"${id}"`);

    // An id this process never gave (another instance, before a restart) asks for a refetch.
    const unknown = await readFrames(eventStream(rt.changes, "0000.7", resumed.signal), (t) =>
      t.includes("event: reset"),
    );
    expect(unknown).toContain("event: reset");

    // Going away ends the stream.
    live.abort();
    resumed.abort();
    const ended = await stream.getReader().read();
    expect(ended.done).toBe(true);
  });
});

describe.runIf(await postgresAvailable())("live changes between instances sharing PostgreSQL", () => {
  const runtimes: TestRuntime[] = [];
  let db: TestDatabase;
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const rt of runtimes) await rt.dispose();
    if (runtimes[0]) await removeDir(runtimes[0].dataDir);
    for (const close of closers) await close();
    await db?.dispose();
  });

  it("a change made on one instance reaches the other's subscribers through NOTIFY", async () => {
    db = await createTestDatabase("postgres");
    // Two instances, each with its own connection pool, on one schema and one media folder.
    const opened = await openDatabase({ kind: "postgres", url: db.url! });
    const second = { ...opened, dispose: () => opened.close() };
    closers.push(() => opened.close());
    const a = await startTestRuntime(db, PREVIEW);
    const b = await startTestRuntime(second, PREVIEW, { startWorker: false, dataDir: a.dataDir });
    runtimes.push(a, b);
    const onA = record(a.changes);
    const onB = record(b.changes);
    const refs = await uploadImages(a, 1, 920);
    const { generation } = await submit(a, { referenceIds: refs });
    const id = generation.id;
    await waitFor(a, id);
    await addComment(a.db.prisma, await testOwner(a.db.prisma), {
      generationId: id,
      atSec: 0.5,
      body: "seen elsewhere",
    });
    await until("B hears A's clip and comment", () =>
      has(onB, "generation.created", id) && has(onB, "generation.status", id) && has(onB, "comment", id)
        ? true
        : undefined,
    );
    // And the other way: B's write reaches A; neither hears its own change twice.
    await updateReview(b.db.prisma, await testOwner(b.db.prisma), { generationId: id, favorite: true });
    await until("A hears B's review", () => (has(onA, "review", id) ? true : undefined));
    expect(onA.filter((e) => e.kind === "comment")).toHaveLength(1);
    expect(onB.filter((e) => e.kind === "review")).toHaveLength(1);
  });
});
