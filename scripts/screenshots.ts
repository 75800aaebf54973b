// `npx tsx scripts/screenshots.ts [--base-url http://127.0.0.1:3000]`
// Captures the studio at 1440x900 and 390x844 into docs/screenshots/. Without --base-url it starts the
// production build (`npm run build` first) on a spare port with a fresh data folder and the preview engine,
// makes a couple of clips through the API so the history shows real ones, then fills the composer.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "../e2e/support/chromium";
import { type ReferenceKind, referenceImage } from "../e2e/support/images";
import type { AssetDTO, GenerationDTO } from "../lib/generations/dto";

const root = process.cwd();
const outDir = path.join(root, "docs", "screenshots");
const argBase = process.argv.indexOf("--base-url");
const PORT = 3300;

async function waitForHealth(base: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${base}/api/health did not answer within ${timeoutMs / 1000} s`);
}

function startServer(): { base: string; server: ChildProcess; dataDir: string } {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error(
      "No production build: run `npm run build` first, or pass --base-url of a running studio.",
    );
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-screens-"));
  const server = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(PORT)],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        VIDEO_PROVIDER: "preview",
        FAL_KEY: "",
        DATABASE_URL: "",
        PORT: String(PORT),
      },
      stdio: "inherit",
    },
  );
  return { base: `http://127.0.0.1:${PORT}`, server, dataDir };
}

async function upload(base: string, kind: ReferenceKind, name: string, seed: number): Promise<AssetDTO> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array(await referenceImage(kind, { seed }))], { type: "image/png" }),
    name,
  );
  const res = await fetch(`${base}/api/uploads`, { method: "POST", body: form });
  if (!res.ok) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { asset: AssetDTO }).asset;
}

async function generate(base: string, body: Record<string, unknown>): Promise<GenerationDTO> {
  const res = await fetch(`${base}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, idempotencyKey: crypto.randomUUID() }),
  });
  if (!res.ok) throw new Error(`generate: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { generation: GenerationDTO }).generation;
}

async function waitDone(base: string, id: string) {
  for (let i = 0; i < 240; i++) {
    const { generation } = (await (await fetch(`${base}/api/generations/${id}`)).json()) as {
      generation: GenerationDTO;
    };
    if (generation.status === "completed") return;
    if (generation.status === "failed" || generation.status === "canceled") {
      throw new Error(`generation ${id} ended ${generation.status}: ${generation.error?.message ?? ""}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`generation ${id} did not finish`);
}

async function seed(base: string) {
  const hero = await upload(base, "character", "mara.png", 3);
  const alley = await upload(base, "place", "neon-alley.png", 5);
  const look = await upload(base, "look", "film-grade.png", 8);
  const made = [
    await generate(base, {
      prompt:
        "<IMAGE_REF_0> turns to camera in <IMAGE_REF_1>, lit like <IMAGE_REF_2>. One slow push-in; rain hiss, a distant train.",
      referenceIds: [hero.id, alley.id, look.id],
      duration: 8,
      aspectRatio: "16:9",
    }),
    await generate(base, {
      prompt: '<IMAGE_REF_0> walks toward us through <IMAGE_REF_1>, says "We\'re late." No music.',
      referenceIds: [hero.id, alley.id],
      duration: 5,
      aspectRatio: "9:16",
    }),
  ];
  for (const g of made) await waitDone(base, g.id);
}

async function fillComposer(page: Page) {
  await page.getByLabel("Reference images").setInputFiles([
    { name: "mara.png", mimeType: "image/png", buffer: await referenceImage("character", { seed: 3 }) },
    { name: "harbor.png", mimeType: "image/png", buffer: await referenceImage("place", { seed: 9 }) },
  ]);
  await page.locator('[data-testid="reference-tile"][data-status="ready"]').nth(1).waitFor();
  await page
    .getByRole("textbox", { name: "Prompt" })
    .fill(
      "<IMAGE_REF_0> stands at the end of <IMAGE_REF_1> as fog rolls in. Handheld, one continuous shot; gulls, low foghorn.",
    );
}

async function capture(base: string) {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    ...CHROMIUM_LAUNCH,
  });
  try {
    for (const [width, height, fullPage] of [
      [1440, 900, false],
      [390, 844, true],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
      await page.goto(base);
      await page.getByTestId("generation-card").first().waitFor();
      await fillComposer(page);
      // Posters drawn: every video has its metadata.
      await page.waitForFunction(() =>
        [...document.querySelectorAll("video")].every((v) => v.readyState >= 1),
      );
      await page
        .getByRole("button", { name: /^Generate/ })
        .and(page.locator(":not([aria-disabled])"))
        .waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const file = path.join(outDir, `studio-${width}.png`);
      await page.screenshot({ path: file, fullPage, animations: "disabled" });
      console.log(`wrote ${path.relative(root, file)}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

async function main() {
  const given = argBase > 0 ? process.argv[argBase + 1] : undefined;
  const started = given ? undefined : startServer();
  const base = given ?? started!.base;
  try {
    await waitForHealth(base);
    const { items } = (await (await fetch(`${base}/api/generations?limit=5`)).json()) as {
      items: GenerationDTO[];
    };
    if (items.filter((g) => g.status === "completed").length < 2) await seed(base);
    await capture(base);
  } finally {
    if (started) {
      started.server.kill("SIGTERM");
      rmSync(started.dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
