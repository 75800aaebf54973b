// `npx tsx scripts/screenshots-final.ts [--out dir]` (after a build)
// Captures Make final, Use as reference video and a character's video (issue 16's buttons) into
// docs/screenshots/ (or --out), at 1366x768, 1440x900 and 390x844: a 360p draft's page with the Make
// final dialog open (final-make-*.png), its final's page linking back (final-lineage-*.png), the
// reference-video dialog with a range chosen (final-reference-video-*.png) and the library with a
// character holding a video (final-character-video-*.png). A studio on fal through the fake fal server,
// in this process, on SCREENSHOTS_PORT (default: a free port), with a fresh data folder.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { useSession as putSession, type SignedIn, signUpOwner } from "../e2e/support/accounts";
import { CHROMIUM_LAUNCH } from "../e2e/support/chromium";
import { type ReferenceKind, referenceImage } from "../e2e/support/images";
import type { CharacterDTO } from "../lib/characters/dto";
import type { AssetDTO, GenerationDTO } from "../lib/generations/dto";
import { startFakeFal } from "../test/fakes/fal-server";
import { startFalStudio } from "../test/support/fal-studio";
import { freePort } from "../test/support/pg-cluster";

const root = process.cwd();
const argOut = process.argv.indexOf("--out");
const outDir = argOut > 0 ? path.resolve(process.argv[argOut + 1]!) : path.join(root, "docs", "screenshots");

type Api = (url: string, init?: RequestInit) => Promise<Response>;

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function upload(api: Api, base: string, kind: ReferenceKind, name: string, seed: number) {
  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array(await referenceImage(kind, { seed }))], { type: "image/png" }),
    name,
  );
  return (
    await json<{ asset: AssetDTO }>(await api(`${base}/api/uploads`, { method: "POST", body: form }), name)
  ).asset;
}

async function waitDone(api: Api, base: string, id: string): Promise<GenerationDTO> {
  for (let i = 0; i < 240; i++) {
    const { generation } = await json<{ generation: GenerationDTO }>(
      await api(`${base}/api/generations/${id}`),
      "read",
    );
    if (generation.status === "completed") return generation;
    if (generation.status === "failed" || generation.status === "canceled")
      throw new Error(`generation ${id} ended ${generation.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`generation ${id} did not finish`);
}

const post = (api: Api, url: string, body: unknown) =>
  api(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** A 360p draft on Omni Flash 1.2 and its 1080p final. */
async function seed(api: Api, base: string) {
  const hero = await upload(api, base, "character", "mara.png", 3);
  const alley = await upload(api, base, "place", "neon-alley.png", 5);
  const { generation } = await json<{ generation: GenerationDTO }>(
    await post(api, `${base}/api/generations`, {
      prompt: "<IMAGE_REF_0> runs through <IMAGE_REF_1> in the rain, one continuous tracking shot.",
      referenceIds: [hero.id, alley.id],
      referenceNames: ["Mara", "Neon alley"],
      duration: 8,
      aspectRatio: "16:9",
      model: "fal-v1.2",
      resolution: "360p",
      idempotencyKey: crypto.randomUUID(),
    }),
    "draft",
  );
  const draft = await waitDone(api, base, generation.id);
  const made = await json<{ generation: GenerationDTO }>(
    await post(api, `${base}/api/generations/${draft.id}/final`, {
      resolution: "1080p",
      idempotencyKey: crypto.randomUUID(),
    }),
    "final",
  );
  const final = await waitDone(api, base, made.generation.id);
  return { draft, final };
}

/** A character saved from the draft's page, holding 3 s of the draft as its video. */
async function seedCharacter(page: Page, api: Api, base: string, draft: GenerationDTO) {
  await page.goto(`/clips/${draft.id}`);
  await page.getByRole("button", { name: "Save as character" }).click();
  const dialog = page.getByRole("dialog", { name: "Save as a character" });
  await dialog.getByRole("textbox", { name: "Name" }).fill("Mara");
  await dialog
    .getByRole("textbox", { name: /Short description/ })
    .fill("Courier in a yellow raincoat; runs light on her feet.");
  await dialog.getByRole("button", { name: "Save character" }).click();
  await dialog.waitFor({ state: "hidden" });
  const video = await (await api(`${base}/api/generations/${draft.id}/download`)).arrayBuffer();
  const form = new FormData();
  form.append("file", new Blob([video], { type: "video/mp4" }), "mara-runs.mp4");
  form.append("startSec", "2");
  form.append("endSec", "5");
  const asset = (
    await json<{ asset: AssetDTO }>(await api(`${base}/api/uploads`, { method: "POST", body: form }), "video")
  ).asset;
  const { items } = await json<{ items: CharacterDTO[] }>(await api(`${base}/api/characters`), "characters");
  await json(
    await api(`${base}/api/characters/${items[0]!.id}/video`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ assetId: asset.id, label: "Mara runs" }),
    }),
    "character video",
  );
}

async function ownerPage(browser: Browser, base: string, owner: SignedIn, width: number, height: number) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width, height },
    colorScheme: "dark",
  });
  await putSession(context, base, owner);
  const page = await context.newPage();
  page.on("close", () => void context.close());
  return page;
}

async function settle(page: Page) {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  // Players past their loading spinner (a seek in flight shows one).
  await page
    .waitForFunction(
      () => [...document.querySelectorAll("video")].every((v) => v.readyState >= 2 && !v.seeking),
      null,
      {
        timeout: 5_000,
      },
    )
    .catch(() => {});
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
}

async function shot(page: Page, name: string) {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(root, file)}`);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const fake = await startFakeFal({ port: 0, queueMs: 100, runMs: 300, key: null });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-screens-final-"));
  const port = process.env.SCREENSHOTS_PORT ? Number(process.env.SCREENSHOTS_PORT) : await freePort();
  const studio = await startFalStudio({ port, dataDir, fake });
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  try {
    const base = studio.url;
    const owner = await signUpOwner(base);
    const api: Api = (url, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("cookie", owner.cookie);
      headers.set("origin", base);
      return fetch(url, { ...init, headers });
    };
    const { draft, final } = await seed(api, base);
    let first = true;
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
      [390, 844],
    ] as const) {
      const page = await ownerPage(browser, base, owner, width, height);
      if (first) await seedCharacter(page, api, base, draft);
      first = false;

      await page.goto(`/clips/${draft.id}`);
      await page.getByTestId("finals-of").waitFor();
      await page.getByRole("button", { name: "Make final" }).click();
      await page.getByRole("dialog", { name: "Make final" }).waitFor();
      await settle(page);
      await shot(page, `final-make-${width}`);
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: "Use as reference video" }).click();
      const dialog = page.getByRole("dialog", { name: "Use as reference video" });
      await dialog.getByRole("spinbutton", { name: "Start (s)" }).fill("2.5");
      await dialog.getByTestId("reference-video-player").evaluate((v: HTMLVideoElement) => v.pause());
      await settle(page);
      await shot(page, `final-reference-video-${width}`);
      await page.keyboard.press("Escape");

      await page.goto(`/clips/${final.id}`);
      await page
        .getByTestId("final-of")
        .getByText(/360p draft/)
        .waitFor();
      await settle(page);
      await shot(page, `final-lineage-${width}`);

      await page.goto("/library");
      await page.getByTestId("character-video").first().waitFor();
      await page.waitForTimeout(800);
      await settle(page);
      await shot(page, `final-character-video-${width}`);
      await page.close();
    }
  } finally {
    await studio.stop();
    await fake.close();
    await browser.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
