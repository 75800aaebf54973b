import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { FAKE_FAL_KEY, type FakeFal, startFakeFal } from "../../test/fakes/fal-server";
import { postAuth } from "../../test/support/auth-http";
import { type Cluster, startCluster } from "../../test/support/cluster";
import { startS3Server, type TestS3Server } from "../../test/support/s3-server";
import { fetchAs, type SignedIn, signUpOwner, useSession } from "../support/accounts";
import { referenceImage } from "../support/images";
import { CLUSTER_FAKE_FAL_PORT, CLUSTER_NGINX_PORT, CLUSTER_STUDIO_PORTS } from "../support/servers";

// Two studio instances on one PostgreSQL database and one object store (s3rver), behind a real nginx
// running the committed deploy/nginx.conf (test/support/cluster.ts). Each instance names itself in X-Studio-Instance.
// The specs run in order on one cluster: the last one kills an instance.

test.describe.configure({ mode: "serial" });

let cluster: Cluster;
let fake: FakeFal;
let s3: TestS3Server;
let owner: SignedIn;
let clipId: string;

/** A GET whose body is kept as sent (fetch would decode it). */
function rawGet(url: string, acceptEncoding: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

const instanceOf = (res: Response) => res.headers.get("x-studio-instance") ?? "(none)";
const api = (url: string, init?: RequestInit) => fetchAs(owner)(url, init);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fake = await startFakeFal({ port: CLUSTER_FAKE_FAL_PORT, queueMs: 100, runMs: 300 });
  // One object store for both instances, as a team runs them: media saved by one is served by the other.
  s3 = await startS3Server({ bucket: "omni-cluster" });
  cluster = await startCluster({
    storageEnv: s3.env("studio"),
    nginxPort: CLUSTER_NGINX_PORT,
    studioPorts: CLUSTER_STUDIO_PORTS,
    env: {
      VIDEO_PROVIDER: "fal",
      FAL_KEY: FAKE_FAL_KEY,
      FAL_BASE_URL: fake.url,
      FAL_WEBHOOK_JWKS_URL: fake.jwksUrl,
      // fal's webhooks come back through nginx, to whichever instance it picks.
      PUBLIC_BASE_URL: `http://127.0.0.1:${CLUSTER_NGINX_PORT}`,
    },
  });
  owner = await signUpOwner(cluster.url);
});

test.afterAll(async () => {
  await cluster?.stop();
  await fake?.close();
  await s3?.stop();
});

async function generation(base: string, id: string): Promise<{ g: GenerationDTO; instance: string }> {
  const res = await api(`${base}/api/generations/${id}`);
  expect(res.status).toBe(200);
  return { g: ((await res.json()) as { generation: GenerationDTO }).generation, instance: instanceOf(res) };
}

async function upload(base: string, seed: number): Promise<string> {
  const form = new FormData();
  const png = new Uint8Array(await referenceImage("character", { seed }));
  form.set("file", new File([png], `hero-${seed}.png`, { type: "image/png" }));
  const res = await api(`${base}/api/uploads`, { method: "POST", body: form });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { asset: { id: string } }).asset.id;
}

async function create(base: string, assetId: string, prompt: string, provider?: "preview"): Promise<string> {
  const res = await api(`${base}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      prompt,
      referenceIds: [assetId],
      duration: 3,
      aspectRatio: "16:9",
      ...(provider ? { provider } : {}),
      idempotencyKey: randomUUID(),
    }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { generations: GenerationDTO[] }).generations[0]!.id;
}

test("through nginx a user signs in and works while requests alternate between the two instances", async ({
  page,
}) => {
  const seen: string[] = [];
  for (let i = 0; i < 6; i++) seen.push(instanceOf(await api(`${cluster.url}/api/me`)));
  // Round robin, no stickiness: one answer from each in turn.
  expect(new Set(seen)).toEqual(new Set(["studio-1", "studio-2"]));
  for (let i = 1; i < seen.length; i++)
    expect(seen[i], `answers in order: ${seen.join(" ")}`).not.toBe(seen[i - 1]);

  // Upload, generate on the preview engine and watch it finish, all through nginx.
  const asset = await upload(cluster.url, 41);
  clipId = await create(cluster.url, asset, "<IMAGE_REF_0> crosses the harbour at dawn.", "preview");
  const polled = new Set<string>();
  await expect
    .poll(
      async () => {
        const { g, instance } = await generation(cluster.url, clipId);
        polled.add(instance);
        if (g.status === "failed") throw new Error(`the clip failed: ${g.error?.message}`);
        return g.status;
      },
      { timeout: 60_000 },
    )
    .toBe("completed");
  expect([...polled].sort()).toEqual(["studio-1", "studio-2"]);

  // Its video is there for either instance (one bucket): fetched through each, directly; each says its
  // media is on S3, and the video is nowhere in the shared data folder.
  const { g } = await generation(cluster.url, clipId);
  for (const instance of cluster.instances) {
    const res = await api(`${instance.studio.url}${g.videoUrl}`, { headers: { range: "bytes=0-99" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toMatch(/^bytes 0-99\/\d+$/);
    const health = await api(`${instance.studio.url}/api/health`);
    expect(((await health.json()) as { storage: { driver: string } }).storage.driver).toBe("s3");
  }
  const key = g.videoUrl!.slice(g.videoUrl!.lastIndexOf("/") + 1);
  const onDisk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? onDisk(path.join(dir, e.name)) : e.name === key ? [path.join(dir, e.name)] : [],
    );
  expect(onDisk(cluster.dataDir)).toEqual([]);

  // And in a browser through nginx: the gallery shows the finished clip.
  await useSession(page.context(), cluster.url, owner);
  await page.goto(cluster.url);
  await expect(page.getByTestId("generation-card").filter({ hasText: "crosses the harbour" })).toBeVisible();
});

const live = (page: Page) => expect(page.locator("body[data-live=connected]")).toBeAttached();

test("a comment made through one instance appears live in a browser attached to the other", async ({
  browser,
}) => {
  const [one, two] = cluster.instances.map((i) => i.studio.url) as [string, string];
  // Each browser is pinned to one instance: addressed at its own port, so its page, its actions and
  // its event stream all go to that instance only.
  const contextB = await browser.newContext({ baseURL: two });
  await useSession(contextB, two, owner);
  const watcher = await contextB.newPage();
  await watcher.goto(`/clips/${clipId}`);
  await live(watcher);
  await expect(watcher.getByTestId("comment")).toHaveCount(0);

  const contextA = await browser.newContext({ baseURL: one });
  await useSession(contextA, one, owner);
  const author = await contextA.newPage();
  await author.goto(`/clips/${clipId}`);
  await live(author);
  const player = author.getByTestId("clip-player");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await player.evaluate((v: HTMLVideoElement) => v.pause());
  await author.getByRole("button", { name: /^Comment at/ }).click();
  await author.getByLabel(/^Comment at/).fill("Seen from the other instance");
  await author.getByRole("button", { name: "Post comment" }).click();

  // Nothing polls a finished clip's comments: only studio-2's event stream, told by PostgreSQL's
  // NOTIFY from studio-1's write, can bring it without a reload.
  await expect(watcher.getByTestId("comment")).toHaveCount(1);
  await expect(watcher.getByTestId("comment")).toContainText("Seen from the other instance");
  await contextA.close();
  await contextB.close();
});

test("the sign-in limit is counted once for both instances", async () => {
  // One client address (nginx's X-Forwarded-For from a test client), wrong passwords, alternating
  // instances directly: the limit (5 a minute, lib/auth/auth.ts) is kept in the database, so the sixth
  // attempt is refused whichever instance it reaches.
  const client = { "x-forwarded-for": "198.18.77.7" };
  const attempt = (base: string) =>
    postAuth(base, "/sign-in/email", { email: "owner@e2e.test", password: "not the password" }, client);
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const base = cluster.instances[i % 2]!.studio.url;
    statuses.push((await attempt(base)).status);
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401]);
  expect((await attempt(cluster.instances[1]!.studio.url)).status).toBe(429);
  expect((await attempt(cluster.instances[0]!.studio.url)).status).toBe(429);
  // And through nginx, which appends the address it sees: the studio takes the client's, not nginx's.
  expect((await attempt(cluster.url)).status).toBe(429);
  // Another client through nginx is not held back by the first one's attempts.
  const other = await postAuth(
    cluster.url,
    "/sign-in/email",
    { email: "owner@e2e.test", password: "not the password" },
    { "x-forwarded-for": "198.18.77.8" },
  );
  expect(other.status).toBe(401);
});

test("the team's spend cap holds across both instances, even for two requests at once", async () => {
  const [one, two] = cluster.instances.map((i) => i.studio.url) as [string, string];
  const asset = await upload(cluster.url, 43);
  // One fal clip first, to learn its price (and spend it).
  const firstId = await create(one, asset, "<IMAGE_REF_0> pays for the first one.");
  const price = (await generation(one, firstId)).g.estimatedCostUsd;
  expect(price).toBeGreaterThan(0);
  const setCap = (usd: number | null) =>
    api(`${cluster.url}/api/settings/spend`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ teamDailySpendCapUsd: usd }),
    });
  // Room for one more today, not two: one request to each instance at the same moment.
  expect((await setCap(Math.round(price * 2.5 * 100) / 100)).status).toBe(200);
  try {
    const attempt = (base: string, n: number) =>
      api(`${base}/api/generations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          prompt: `<IMAGE_REF_0> races for the last of the budget, ${n}.`,
          referenceIds: [asset],
          duration: 3,
          aspectRatio: "16:9",
          idempotencyKey: randomUUID(),
        }),
      });
    const answers = await Promise.all([attempt(one, 1), attempt(two, 2)]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 403]);
    const refused = answers.find((r) => r.status === 403)!;
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("team_spend_cap");
  } finally {
    expect((await setCap(null)).status).toBe(200);
  }
});

test("nginx serves the build's scripts itself, pre-compressed, cached for good", async () => {
  const dir = path.join(process.cwd(), ".next", "static", "chunks");
  const file = readdirSync(dir)
    .filter((f) => f.endsWith(".js") && existsSync(path.join(dir, `${f}.br`)))
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  expect(file, "a pre-compressed script in .next/static/chunks").toBeTruthy();
  const url = `${cluster.url}/_next/static/chunks/${file}`;
  const br = await rawGet(url, "br, gzip");
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  // No instance answered: nginx read it from disk, the very bytes of the .br file.
  expect(br.headers["x-studio-instance"]).toBeUndefined();
  expect(br.body.equals(readFileSync(path.join(dir, `${file}.br`)))).toBe(true);
  const gz = await rawGet(url, "gzip");
  expect(gz.headers["content-encoding"]).toBe("gzip");
  expect(gz.body.equals(readFileSync(path.join(dir, `${file}.gz`)))).toBe(true);
  const plain = await rawGet(url, "identity");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body.equals(readFileSync(path.join(dir, file as string)))).toBe(true);
});

test("fal's signed webhook is honoured by either instance", async () => {
  const asset = await upload(cluster.url, 44);
  const id = await create(cluster.url, asset, "<IMAGE_REF_0> is reported by webhook.");
  await expect
    .poll(async () => (await generation(cluster.url, id)).g.status, { timeout: 30_000 })
    .toBe("completed");
  const requestId = (await generation(cluster.url, id)).g.requestId as string;
  // fal sent it to nginx (PUBLIC_BASE_URL), which passed it to one of them.
  await expect.poll(() => fake.deliveries.some((d) => d.requestId === requestId && d.ok)).toBe(true);
  const sent = fake.deliveries.find((d) => d.requestId === requestId)!;
  expect(sent.url.startsWith(`${cluster.url}/api/webhooks/fal`)).toBe(true);
  // The same signed delivery, sent to each instance directly: each checks the signature against the
  // same keys and applies it (again: the transition is idempotent) or says what it did.
  const path_ = sent.url.slice(cluster.url.length);
  for (const instance of cluster.instances) {
    const res = await fetch(`${instance.studio.url}${path_}`, {
      method: "POST",
      headers: sent.headers,
      body: sent.rawBody,
    });
    expect(res.status, `${instance.name}: ${await res.clone().text()}`).toBe(200);
    expect(instanceOf(res)).toBe(instance.name);
  }
  // And a tampered one is refused by each.
  for (const instance of cluster.instances) {
    const res = await fetch(`${instance.studio.url}${path_}`, {
      method: "POST",
      headers: sent.headers,
      body: `${sent.rawBody} `, // one byte more: the signed hash no longer matches
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
  }
  expect(fake.submits.filter((s) => JSON.stringify(s.body).includes("reported by webhook"))).toHaveLength(1);
});

test("a job started on one instance is finished by the other after the first is killed mid-job", async () => {
  test.setTimeout(240_000);
  const [one, two] = cluster.instances as [Cluster["instances"][0], Cluster["instances"][0]];
  fake.holdAll(true);
  const asset = await upload(one.studio.url, 42);
  const id = await create(one.studio.url, asset, "<IMAGE_REF_0> keeps walking when a machine dies.");
  // studio-1 took it (a job is claimed by the instance that made it) and sent it to fal.
  await expect.poll(async () => (await generation(one.studio.url, id)).g.status).toBe("submitted");
  const requestId = (await generation(one.studio.url, id)).g.requestId as string;
  await fake.advance(requestId);
  await expect
    .poll(async () => (await generation(one.studio.url, id)).g.status, { timeout: 20_000 })
    .toBe("running");

  await cluster.kill(one.name); // SIGKILL to its process group: no shutdown code runs
  fake.holdAll(false);
  await fake.advance(requestId);
  // Whatever lease studio-1 held runs out (2 minutes at most); studio-2 takes the job over and saves it,
  // and fal's webhook, sent to nginx, can only reach studio-2 now.
  await expect
    .poll(async () => (await generation(two.studio.url, id)).g.status, {
      timeout: 200_000,
      intervals: [1_000],
    })
    .toBe("completed");
  expect(fake.submits.filter((s) => JSON.stringify(s.body).includes("machine dies"))).toHaveLength(1);
  // fal's webhook went to nginx, and the instance that answered it took it (2xx).
  await expect.poll(() => fake.deliveries.some((d) => d.requestId === requestId && d.ok)).toBe(true);
  expect(fake.deliveries.find((d) => d.requestId === requestId)?.url).toContain(cluster.url);
  // Through nginx too: the dead instance is skipped.
  const { g, instance } = await generation(cluster.url, id);
  expect(g.status).toBe("completed");
  expect(instance).toBe("studio-2");
});
