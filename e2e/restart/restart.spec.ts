import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FAKE_FAL_KEY, type FakeFal, startFakeFal } from "../../test/fakes/fal-server";
import { startFalStudio } from "../../test/support/fal-studio";
import { createClip, uploadImage } from "../../test/support/studio-http";
import type { StudioProcess } from "../../test/support/studio-process";
import { fetchAs, type SignedIn, signUpOwner, useSession } from "../support/accounts";
import { referenceImage } from "../support/images";
import { RESTART_PORT } from "../support/servers";

// A real server process is killed (SIGKILL, no shutdown code runs) while its job runs at fal, then started
// again on the same data folder: the clip and history are still there and the job finishes exactly once.
// The owner signs up on the first start; the session lives in the database, so it holds across restarts.

const PORT = RESTART_PORT;
const base = `http://127.0.0.1:${PORT}`;

let fake: FakeFal;
let dataDir: string;
let owner: SignedIn | undefined;
/** fetch as the owner (signed up on the first start). */
const api = (url: string, init?: RequestInit) => fetchAs(owner!)(url, init);

test.beforeAll(async () => {
  fake = await startFakeFal({ key: FAKE_FAL_KEY, holdAll: true });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-restart-"));
});
test.afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Started as every other studio server in the tests is, so the restart runs with npm start's flags.
async function startServer(): Promise<StudioProcess> {
  const server = await startFalStudio({ port: PORT, dataDir, fake });
  try {
    owner ??= await signUpOwner(server.url);
  } catch (err) {
    await server.stop("SIGKILL");
    throw err;
  }
  return server;
}

/** SIGKILL: no shutdown code runs. */
const kill = (server: StudioProcess) => server.stop("SIGKILL");

async function generation(id: string) {
  const res = await api(`${base}/api/generations/${id}`);
  return (await res.json()).generation;
}

test("a job running at fal when the server is killed finishes after restart, once", async ({ page }) => {
  let server = await startServer();
  // The browser that looks at the gallery below is the owner's.
  await useSession(page.context(), base, owner!);
  try {
    const form = new FormData();
    form.set(
      "file",
      new File([new Uint8Array(await referenceImage("character", { seed: 7 }))], "hero.png", {
        type: "image/png",
      }),
    );
    const { asset } = await (await api(`${base}/api/uploads`, { method: "POST", body: form })).json();
    const created = await api(`${base}/api/generations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        prompt: "<IMAGE_REF_0> survives a restart. Single continuous shot.",
        referenceIds: [asset.id],
        duration: 3,
        aspectRatio: "16:9",
        idempotencyKey: "restart-e2e-0001",
      }),
    });
    expect(created.status).toBe(202);
    const { generation: g } = await created.json();

    await expect.poll(async () => (await generation(g.id)).status).toBe("submitted");
    const requestId = (await generation(g.id)).requestId as string;
    await fake.advance(requestId);
    await expect.poll(async () => (await generation(g.id)).status, { timeout: 20_000 }).toBe("running");

    await kill(server);
    fake.holdAll(false);
    await fake.advance(requestId);
    server = await startServer();
    await expect.poll(async () => (await generation(g.id)).status, { timeout: 30_000 }).toBe("completed");
    expect(fake.counts.submits).toBe(1);

    await page.goto(base);
    const card = page.getByTestId("generation-card").filter({ hasText: "survives a restart" });
    // Cards show a poster; the video mounts while the card is hovered.
    await card.hover();
    await expect(card.locator("video")).toHaveAttribute("src", /\/api\/media\/[a-f0-9]{64}\.mp4/);
    await expect
      .poll(() => card.locator("video").evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);

    // And once more after a clean restart: still there, still one clip.
    await kill(server);
    server = await startServer();
    const list = await (await api(`${base}/api/generations`)).json();
    expect(list.items.filter((i: { id: string }) => i.id === g.id)).toHaveLength(1);
    expect(list.items[0].status).toBe("completed");
  } finally {
    await kill(server);
  }
});

async function uploadAndCreate(prompt: string, seed: number) {
  const auth = owner!.headers;
  const up = await uploadImage(
    base,
    await referenceImage("place", { seed }),
    `ref-${seed}.png`,
    "image/png",
    auth,
  );
  expect(up.status).toBe(201);
  return createClip(
    base,
    { prompt, referenceIds: [up.asset?.id as string], idempotencyKey: `restart-${seed}-${Date.now()}` },
    auth,
  );
}

const jobsWithPrompt = (prompt: string) => [...fake.jobs.values()].filter((j) => j.input.prompt === prompt);

test("a job waiting to be sent (fal refused with 503) when the server is killed is sent once after restart", async () => {
  fake.holdAll(false);
  let server = await startServer();
  try {
    const prompt = "<IMAGE_REF_0> killed while queued.";
    // fal refuses the submit: the job stays queued, waiting for its retry.
    fake.failNext("submit", { status: 503, times: 3 });
    const id = await uploadAndCreate(prompt, 21);
    await expect
      .poll(async () => (await generation(id)).logs.map((l: { message: string }) => l.message).join("|"))
      .toContain("Submit failed, will retry");
    expect((await generation(id)).status).toBe("queued");
    await kill(server);
    server = await startServer();
    await expect.poll(async () => (await generation(id)).status, { timeout: 30_000 }).toBe("completed");
    expect(jobsWithPrompt(prompt)).toHaveLength(1);
  } finally {
    await kill(server);
  }
});

test("a job whose video was being copied when the server is killed is saved once after restart", async () => {
  fake.holdAll(false);
  let server = await startServer();
  try {
    const prompt = "<IMAGE_REF_0> killed while saving.";
    // The download hangs: the job sits in `saving` with the copy in progress.
    fake.failNext("output", { status: 200, hang: true });
    const id = await uploadAndCreate(prompt, 22);
    await expect.poll(async () => (await generation(id)).status, { timeout: 20_000 }).toBe("saving");
    await kill(server);
    fake.cutHung();
    server = await startServer();
    await expect.poll(async () => (await generation(id)).status, { timeout: 60_000 }).toBe("completed");
    const done = await generation(id);
    expect(jobsWithPrompt(prompt)).toHaveLength(1);
    const video = await api(`${base}${done.videoUrl}`, { headers: { Range: "bytes=0-11" } });
    expect(video.status).toBe(206);
    expect(
      Buffer.from(await video.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe("ftyp");
  } finally {
    await kill(server);
  }
});
