import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type FakeAtlas, startFakeAtlas } from "../../test/fakes/atlas-server";
import { type FakeFal, startFakeFal } from "../../test/fakes/fal-server";
import { type StudioProcess, startStudioProcess } from "../../test/support/studio-process";
import { fetchAs, OWNER, signUpOwner } from "../support/accounts";
import { referenceImage } from "../support/images";
import { LOG_SCAN_PORT } from "../support/servers";

// Everything a real studio server prints (stdout and stderr, from boot to shutdown) is captured while it
// runs with distinctive provider keys and goes through success and failure paths: completed clips on fal
// and AtlasCloud, refused keys (401), provider errors whose bodies echo the key back, dropped connections,
// forged and malformed webhooks, malformed requests. Neither key may appear anywhere in that output.

const FAL_KEY = "fal-canary-LOGSCAN-3f9d2c71-4b8e-secret";
const ATLAS_KEY = "atlas-canary-LOGSCAN-8e15a0d4-77c2-secret";
/** The forms a key could take in a log line: as is, URL-encoded, base64 (e.g. a logged Basic header). */
const forms = (key: string) => [
  key,
  encodeURIComponent(key),
  Buffer.from(key).toString("base64"),
  key.slice(0, 24),
];

let fal: FakeFal;
let atlas: FakeAtlas;
let server: StudioProcess | undefined;
let dataDir: string;

test.beforeAll(async () => {
  fal = await startFakeFal({ key: FAL_KEY, queueMs: 100, runMs: 200 });
  atlas = await startFakeAtlas({ key: ATLAS_KEY });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-log-secrets-"));
});
test.afterAll(async () => {
  await server?.stop("SIGKILL");
  await fal.close();
  await atlas.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("the server's own log never contains the provider keys, through success and failure", async () => {
  const base = `http://127.0.0.1:${LOG_SCAN_PORT}`;
  server = await startStudioProcess({
    port: LOG_SCAN_PORT,
    dataDir,
    env: {
      VIDEO_PROVIDER: "fal",
      FAL_KEY,
      FAL_BASE_URL: fal.url,
      FAL_WEBHOOK_JWKS_URL: fal.jwksUrl,
      PUBLIC_BASE_URL: base,
      ATLASCLOUD_API_KEY: ATLAS_KEY,
      ATLASCLOUD_BASE_URL: atlas.apiBase,
    },
  });
  const studio = server;
  // Signed in as the owner, as a script would be; fal's webhook and the forged calls below need no session.
  // The owner's password and session token are secrets the log must not hold either.
  const owner = await signUpOwner(base);
  const api = fetchAs(owner);

  const form = new FormData();
  const bytes = new Uint8Array(await referenceImage("character", { seed: 41 }));
  form.set("file", new File([bytes], "hero.png", { type: "image/png" }));
  const upload = await api(`${base}/api/uploads`, { method: "POST", body: form });
  expect(upload.status).toBe(201);
  const { asset } = await upload.json();

  let n = 0;
  async function create(label: string, extra: Record<string, unknown> = {}): Promise<string> {
    n += 1;
    const res = await api(`${base}/api/generations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        prompt: `<IMAGE_REF_0> ${label}. Single continuous shot.`,
        referenceIds: [asset.id],
        duration: 3,
        aspectRatio: "16:9",
        idempotencyKey: `log-secrets-${n}-${Date.now()}`,
        ...extra,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    return (await res.json()).generation.id;
  }
  async function finished(id: string) {
    let g: { status: string; error: { code: string; message: string } | null } | undefined;
    await expect
      .poll(
        async () => {
          g = (await (await api(`${base}/api/generations/${id}`)).json()).generation;
          return g?.status;
        },
        { timeout: 60_000 },
      )
      .toMatch(/^(completed|failed|canceled)$/);
    return g!;
  }

  // Success on both providers (fal's through its signed webhook as well as polling).
  expect((await finished(await create("fal success"))).status).toBe("completed");
  expect((await finished(await create("atlas success", { provider: "atlas" }))).status).toBe("completed");
  expect(fal.deliveries.some((d) => d.status === 200)).toBe(true);

  // fal refuses the key.
  fal.failNext("submit", { status: 401 });
  expect((await finished(await create("fal 401"))).error?.code).toBe("provider_auth");

  // fal errors whose bodies echo the key back, on submit (final) and on status (retried, then completes).
  fal.failNext("submit", { status: 400, body: { detail: `Key ${FAL_KEY} is not allowed to call this app` } });
  const echoed = await finished(await create("fal echoes the key on submit"));
  expect(echoed.status).toBe("failed");
  expect(echoed.error?.message).not.toContain(FAL_KEY);
  fal.failNext("status", { status: 500, body: { detail: `upstream said: Authorization: Key ${FAL_KEY}` } });
  fal.failNext("result", { status: 502, body: { detail: `bad gateway for Key ${FAL_KEY}` } });
  expect((await finished(await create("fal echoes the key on status"))).status).toBe("completed");

  // A submit whose connection drops after fal queued it.
  fal.failNext("submit", { afterWork: true, status: 0 });
  expect((await finished(await create("fal drops the submit"))).error?.code).toBe("submit_outcome_unknown");

  // AtlasCloud: a refused key, and a server error echoing the key.
  atlas.failNext("submit", { status: 401, body: { code: 401, msg: `Invalid API key ${ATLAS_KEY}` } });
  expect((await finished(await create("atlas 401", { provider: "atlas" }))).error?.code).toMatch(/auth/);
  atlas.failNext("submit", {
    status: 500,
    body: { code: 500, msg: `internal error for Bearer ${ATLAS_KEY}` },
  });
  const atlas500 = await finished(await create("atlas 500", { provider: "atlas" }));
  expect(atlas500.status).toBe("failed");
  expect(atlas500.error?.message).not.toContain(ATLAS_KEY);

  // Bad webhooks: forged, unsigned, not JSON, for an unknown generation.
  const someJob = [...fal.jobs.values()].find((j) => j.state === "COMPLETED")!;
  const webhook = `${base}/api/webhooks/fal?generation=unknown`;
  expect((await fal.sendWebhook(someJob.id, { foreignKey: true })).status).toBe(401);
  expect(
    (await fal.sendWebhook(someJob.id, { url: webhook, headers: { "x-fal-webhook-signature": undefined } }))
      .status,
  ).toBe(401);
  expect((await fal.sendWebhook(someJob.id, { url: webhook, body: "{not json" })).status).toBe(401);
  const raw = await fetch(`${base}/api/webhooks/fal`, { method: "POST", body: "garbage" });
  expect(raw.status).toBeGreaterThanOrEqual(400);

  // Bad requests.
  const post = (body: string, type = "application/json") =>
    api(`${base}/api/generations`, { method: "POST", headers: { "content-type": type }, body });
  expect((await post("{oops")).status).toBe(400);
  expect((await post(JSON.stringify({ prompt: "x", sneaky: true }))).status).toBe(422);
  expect((await post("prompt=x", "application/x-www-form-urlencoded")).status).toBe(415);
  expect((await api(`${base}/api/generations/does-not-exist`)).status).toBe(404);
  expect((await api(`${base}/api/media/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  const notImage = new FormData();
  notImage.set("file", new File([new Uint8Array([1, 2, 3, 4])], "x.png", { type: "image/png" }));
  expect(
    (await api(`${base}/api/uploads`, { method: "POST", body: notImage })).status,
  ).toBeGreaterThanOrEqual(400);

  // A call to a server action that does not exist: Next.js logs it as an error.
  const action = await api(`${base}/`, {
    method: "POST",
    headers: { "next-action": "7f".repeat(21), "content-type": "text/plain;charset=UTF-8" },
    body: "[]",
  });
  expect(action.status).toBeGreaterThanOrEqual(400);

  // A clean shutdown prints what it prints too.
  await studio.stop("SIGTERM");
  const output = studio.output();
  // The capture works: the server's banner and the error it logged are there.
  expect(output).toMatch(/Ready/);
  expect(output).toMatch(/Server Action/i);
  for (const secret of [...forms(FAL_KEY), ...forms(ATLAS_KEY), ...forms(OWNER.password), owner.value]) {
    expect(output.includes(secret), `the log contains ${secret}:\n${output}`).toBe(false);
  }
  console.log(`log-secrets: scanned ${output.length} characters of server output`);
});

test("a server that refuses to start (bad configuration) does not print the keys either", async () => {
  const err = await startStudioProcess({
    port: LOG_SCAN_PORT,
    dataDir,
    env: {
      VIDEO_PROVIDER: "sora",
      FAL_KEY,
      FAL_USD_PER_SECOND: "cheap",
      ATLASCLOUD_API_KEY: ATLAS_KEY,
      ATLASCLOUD_BASE_URL: "not a url",
    },
    readyTimeoutMs: 60_000,
  }).then(
    async (started) => {
      await started.stop("SIGKILL");
      return undefined;
    },
    (e: unknown) => e as Error,
  );
  expect(err?.message).toMatch(/exited while starting/);
  const output = err!.message;
  expect(output).toMatch(/VIDEO_PROVIDER/);
  expect(output).toMatch(/FAL_USD_PER_SECOND/);
  for (const secret of [...forms(FAL_KEY), ...forms(ATLAS_KEY)]) {
    expect(output.includes(secret), `the log contains ${secret}:\n${output}`).toBe(false);
  }
});
