import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FAKE_FAL_KEY, type FakeFal, startFakeFal } from "../../test/fakes/fal-server";
import { startFalStudio } from "../../test/support/fal-studio";
import { createClip, uploadImage } from "../../test/support/studio-http";
import type { StudioProcess } from "../../test/support/studio-process";
import { fetchAs, type SignedIn, signUpOwner } from "../support/accounts";
import { referenceImage } from "../support/images";
import { SUBMIT_KILL_PORT } from "../support/servers";

// The one instant a crash could make us pay twice: the submit has left (fal queued the job) and its
// answer, with the request id, has not been recorded yet. The real server is SIGKILLed right there (fal
// holds the answer), then started again on the same data folder. The job must end once, as
// `submit_interrupted`, and never be sent again. The owner signs up on the first start; the session lives
// in the database, so it holds across restarts.

let fake: FakeFal;
let dataDir: string;
let owner: SignedIn | undefined;

test.beforeAll(async () => {
  fake = await startFakeFal({ key: FAKE_FAL_KEY, queueMs: 100, runMs: 200 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-submit-kill-"));
});
test.afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<StudioProcess> {
  const server = await startFalStudio({ port: SUBMIT_KILL_PORT, dataDir, fake });
  try {
    owner ??= await signUpOwner(server.url);
  } catch (err) {
    await server.stop("SIGKILL");
    throw err;
  }
  return server;
}

async function generation(server: StudioProcess, id: string) {
  const res = await fetchAs(owner!)(`${server.url}/api/generations/${id}`);
  return (await res.json()).generation;
}

async function create(server: StudioProcess, prompt: string, seed: number): Promise<string> {
  const auth = owner!.headers;
  const image = await referenceImage("character", { seed });
  const up = await uploadImage(server.url, image, `ref-${seed}.png`, "image/png", auth);
  expect(up.status).toBe(201);
  return createClip(
    server.url,
    { prompt, referenceIds: [up.asset?.id as string], idempotencyKey: `submit-kill-${seed}-${Date.now()}` },
    auth,
  );
}

const jobsWithPrompt = (prompt: string) => [...fake.jobs.values()].filter((j) => j.input.prompt === prompt);

test("a server killed while its submit is in flight fails the job as submit_interrupted and never re-sends it", async () => {
  let server = await start();
  try {
    const prompt = "<IMAGE_REF_0> killed mid-submit. Single continuous shot.";
    // fal takes the job and then holds its answer: the studio is waiting for the request id.
    fake.failNext("submit", { afterWork: true, hang: true });
    const id = await create(server, prompt, 31);
    await fake.waitFor(() => jobsWithPrompt(prompt).length === 1, 30_000);
    expect(fake.counts.submits).toBe(1);
    const inFlight = await generation(server, id);
    expect(inFlight.status).toBe("queued");
    expect(inFlight.requestId).toBeNull();

    await server.stop("SIGKILL");
    fake.cutHung();
    server = await start();

    await expect.poll(async () => (await generation(server, id)).status, { timeout: 30_000 }).toBe("failed");
    const failed = await generation(server, id);
    expect(failed.error).toMatchObject({ code: "submit_interrupted", retryable: true });
    expect(failed.error.message).toMatch(/may or may not have started/);
    expect(failed.error.message).toMatch(/not sent again/);
    expect(failed.requestId).toBeNull();

    // The worker keeps working (a new clip completes) and the interrupted one is still not re-sent.
    const nextPrompt = "<IMAGE_REF_0> after the kill. Single continuous shot.";
    const next = await create(server, nextPrompt, 32);
    await expect
      .poll(async () => (await generation(server, next)).status, { timeout: 30_000 })
      .toBe("completed");
    expect(fake.counts.submits).toBe(2);
    expect(jobsWithPrompt(prompt)).toHaveLength(1);
    expect(jobsWithPrompt(nextPrompt)).toHaveLength(1);

    // Ended once: after one more restart it is still the same failure, still one submit.
    await server.stop("SIGKILL");
    server = await start();
    const again = await generation(server, id);
    expect(again.status).toBe("failed");
    expect(again.error.code).toBe("submit_interrupted");
    expect(again.completedAt).toBe(failed.completedAt);
    const list = await (await fetchAs(owner!)(`${server.url}/api/generations`)).json();
    expect(list.items.filter((i: { id: string }) => i.id === id)).toHaveLength(1);
    expect(fake.counts.submits).toBe(2);
  } finally {
    await server.stop("SIGKILL");
  }
});
