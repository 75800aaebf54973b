// What the screenshot scripts share: where pictures go, the three sizes we judge every screen at, a
// signed-in page, a page settled before its picture, and a studio on fal (through the fake fal server, in
// this process) with its owner, for the scripts that need clips of several versions and tiers.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page, type PageScreenshotOptions } from "@playwright/test";
import { useSession as putSession, type SignedIn, signUpOwner } from "../e2e/support/accounts";
import { CHROMIUM_LAUNCH } from "../e2e/support/chromium";
import { type ReferenceKind, referenceImage } from "../e2e/support/images";
import type { AssetDTO, GenerationDTO } from "../lib/generations/dto";
import { startFakeFal } from "../test/fakes/fal-server";
import { startFalStudio } from "../test/support/fal-studio";
import { freePort } from "../test/support/pg-cluster";
import { startStudioProcess } from "../test/support/studio-process";

export const ROOT = process.cwd();

/** `--out <dir>` where given, else docs/screenshots; made if missing. */
export function screenshotDir(fallback = path.join(ROOT, "docs", "screenshots")): string {
  const at = process.argv.indexOf("--out");
  const dir = at > 0 ? path.resolve(process.argv[at + 1]!) : fallback;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Laptop, desktop and phone: every screen is judged at these three. */
export const VIEWPORTS = [
  [1366, 768],
  [1440, 900],
  [390, 844],
] as const;

export type Api = (url: string, init?: RequestInit) => Promise<Response>;

/** fetch as the owner: their session cookie, and the studio's own origin (mutations check it). */
export function apiAs(base: string, owner: SignedIn): Api {
  return (url, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", owner.cookie);
    headers.set("origin", base);
    return fetch(url, { ...init, headers });
  };
}

export async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const post = (api: Api, url: string, body: unknown) =>
  api(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** A generated reference picture, uploaded as `name`. */
/** Uploads a PNG's bytes as a reference; its asset. */
export async function uploadBytes(api: Api, base: string, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), name);
  const res = await api(`${base}/api/uploads`, { method: "POST", body: form });
  return (await json<{ asset: AssetDTO }>(res, `upload ${name}`)).asset;
}

export async function uploadImage(api: Api, base: string, kind: ReferenceKind, name: string, seed: number) {
  return uploadBytes(api, base, name, await referenceImage(kind, { seed }));
}

/** Asks for clips (5 s, 16:9 and a fresh key unless `body` says otherwise) and waits until every take is done. */
export async function generate(
  api: Api,
  base: string,
  body: Record<string, unknown>,
): Promise<GenerationDTO[]> {
  const { generations } = await json<{ generations: GenerationDTO[] }>(
    await post(api, `${base}/api/generations`, {
      duration: 5,
      aspectRatio: "16:9",
      idempotencyKey: crypto.randomUUID(),
      ...body,
    }),
    "generate",
  );
  return Promise.all(generations.map((g) => waitDone(api, base, g.id)));
}

/** Polls a clip until it is completed (throws, with its error, if it fails or is canceled). */
export async function waitDone(api: Api, base: string, id: string): Promise<GenerationDTO> {
  for (let i = 0; i < 240; i++) {
    const { generation } = await json<{ generation: GenerationDTO }>(
      await api(`${base}/api/generations/${id}`),
      `read ${id}`,
    );
    if (generation.status === "completed") return generation;
    if (generation.status === "failed" || generation.status === "canceled")
      throw new Error(`generation ${id} ended ${generation.status}: ${generation.error?.message ?? ""}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`generation ${id} did not finish`);
}

/** A page signed in as the owner, dark theme, at this size (one pixel per CSS pixel). */
export async function ownerPage(
  browser: Browser,
  base: string,
  owner: SignedIn,
  width: number,
  height: number,
) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width, height },
    deviceScaleFactor: 1,
    colorScheme: "dark",
  });
  await putSession(context, base, owner);
  const page = await context.newPage();
  page.on("close", () => void context.close());
  return page;
}

/**
 * Before a picture: every image on screen drawn (lazy ones further down load only when scrolled to),
 * players past their loading spinner (a seek in flight shows one), no focus ring, no hover.
 */
export async function settle(page: Page) {
  await page.waitForFunction(() =>
    [...document.images].every((img) => {
      const r = img.getBoundingClientRect();
      return img.complete || r.bottom < 0 || r.top > window.innerHeight;
    }),
  );
  await page
    .waitForFunction(
      () => [...document.querySelectorAll("video")].every((v) => v.readyState >= 2 && !v.seeking),
      null,
      { timeout: 5_000 },
    )
    .catch(() => {});
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
}

/** Writes `<dir>/<name>.png` and says so. */
export async function save(page: Page, dir: string, name: string, options: PageScreenshotOptions = {}) {
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ animations: "disabled", ...options, path: file });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

export interface FalStudio {
  base: string;
  owner: SignedIn;
  api: Api;
  browser: Browser;
}

/**
 * A studio of its own on the preview engine (its clips show their references: real faces for the
 * identity screens), on SCREENSHOTS_PORT or a free port, with a fresh data folder, its owner signed up,
 * and headless Chromium; all of it stopped and removed after `run`.
 */
export async function withPreviewStudio(name: string, run: (studio: FalStudio) => Promise<void>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `omni-screens-${name}-`));
  const port = process.env.SCREENSHOTS_PORT ? Number(process.env.SCREENSHOTS_PORT) : await freePort();
  const studio = await startStudioProcess({ port, dataDir });
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  try {
    const base = studio.url;
    const owner = await signUpOwner(base);
    await run({ base, owner, api: apiAs(base, owner), browser });
  } finally {
    await studio.stop();
    await browser.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A studio of its own on fal through the fake fal server (on SCREENSHOTS_PORT, default a free port, with a
 * fresh data folder), its owner signed up, and headless Chromium; all of it stopped and removed after
 * `run`, whatever happens.
 */
export async function withFalStudio(name: string, run: (studio: FalStudio) => Promise<void>) {
  const fake = await startFakeFal({ port: 0, queueMs: 100, runMs: 300, key: null });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `omni-screens-${name}-`));
  const port = process.env.SCREENSHOTS_PORT ? Number(process.env.SCREENSHOTS_PORT) : await freePort();
  const studio = await startFalStudio({ port, dataDir, fake });
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  try {
    const base = studio.url;
    const owner = await signUpOwner(base);
    await run({ base, owner, api: apiAs(base, owner), browser });
  } finally {
    // The studio first: a browser that fails to close must not leave a server running.
    await studio.stop();
    await fake.close();
    await browser.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}
