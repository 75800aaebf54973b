// `npx tsx scripts/screenshots.ts [--base-url http://127.0.0.1:3000] [--light-out dir]`
// Captures into docs/screenshots/: the studio at 1440x900 and 390x844 in the dark and light themes
// (studio-{1440,390}-{dark,light}.png; studio-1440.png and studio-390.png are the dark ones, which the
// README links), a clip's page (clip-detail-1440.png), and review: the character library
// (library-1440.png), a clip with comments (clip-comments-1440.png) and compare (compare-1440.png). Then
// the team (scripts/screenshots-team.ts), each at a desktop size and 390x844: the setup page of a fresh
// studio (setup-*), sign-in (login-*), members (members-*), the account page (account-*), a clip's review
// conversation with a drawing over the frame (clip-thread-*), the header's inbox (inbox-*) and a guest on a
// share link (guest-*); --light-out also writes those in the light theme into dir, for looking at.
// Every page is seen signed in: the script makes the owner first (so the studio must be fresh, or have
// this script's owner), and sends its session cookie with every request and in every browser.
// Without --base-url it starts the production build (`npx next build` first) on a spare port
// (SCREENSHOTS_PORT) with a fresh data folder and the preview engine, makes a few clips (and a group of
// takes) through the API so the gallery shows real ones, then fills the composer.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { fetchAs, useSession as putSession, type SignedIn, signUpOwner } from "../e2e/support/accounts";
import { CHROMIUM_LAUNCH } from "../e2e/support/chromium";
import { type ReferenceKind, referenceImage } from "../e2e/support/images";
import type { AssetDTO, GenerationDTO } from "../lib/generations/dto";
import { type StudioProcess, startStudioProcess } from "../test/support/studio-process";
import {
  captureAccount,
  captureGuest,
  captureInbox,
  captureLogin,
  captureMembers,
  captureSetup,
  captureThread,
  type Lens,
  listClips,
  makeShareLink,
  needsSetup,
  OWNER,
  seedTeam,
} from "./screenshots-team";

const root = process.cwd();
const outDir = path.join(root, "docs", "screenshots");
const argBase = process.argv.indexOf("--base-url");
const argLight = process.argv.indexOf("--light-out");
const PORT = Number(process.env.SCREENSHOTS_PORT ?? 3300);

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

/** The production build on a fresh data folder, started as the tests start it. */
async function startServer(): Promise<{ base: string; server: StudioProcess; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-screens-"));
  const server = await startStudioProcess({ port: PORT, dataDir, env: { VIDEO_PROVIDER: "preview" } });
  return { base: server.url, server, dataDir };
}

/** fetch as the owner: every request carries the session cookie. */
type Api = (url: string, init?: RequestInit) => Promise<Response>;

async function upload(
  api: Api,
  base: string,
  kind: ReferenceKind,
  name: string,
  seed: number,
): Promise<AssetDTO> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array(await referenceImage(kind, { seed }))], { type: "image/png" }),
    name,
  );
  const res = await api(`${base}/api/uploads`, { method: "POST", body: form });
  if (!res.ok) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { asset: AssetDTO }).asset;
}

async function generate(api: Api, base: string, body: Record<string, unknown>): Promise<GenerationDTO[]> {
  const res = await api(`${base}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, idempotencyKey: crypto.randomUUID() }),
  });
  if (!res.ok) throw new Error(`generate: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { generations: GenerationDTO[] }).generations;
}

async function waitDone(api: Api, base: string, id: string) {
  for (let i = 0; i < 240; i++) {
    const { generation } = (await (await api(`${base}/api/generations/${id}`)).json()) as {
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

/** Makes the clips the screenshots show; returns the one whose page is captured. */
async function seed(api: Api, base: string): Promise<string> {
  const hero = await upload(api, base, "character", "mara.png", 3);
  const alley = await upload(api, base, "place", "neon-alley.png", 5);
  const look = await upload(api, base, "look", "film-grade.png", 8);
  const names = ["Mara", "Neon alley", "Film grade"];
  const made = [
    ...(await generate(api, base, {
      prompt: '<IMAGE_REF_0> walks toward us through <IMAGE_REF_1>, says "We\'re late." No music.',
      referenceIds: [hero.id, alley.id],
      referenceNames: names.slice(0, 2),
      duration: 5,
      aspectRatio: "9:16",
    })),
    ...(await generate(api, base, {
      prompt:
        "<IMAGE_REF_1> at night, empty, lit like <IMAGE_REF_2>. A slow crane down to the wet street; neon buzz.",
      referenceIds: [hero.id, alley.id, look.id],
      referenceNames: names,
      duration: 6,
      aspectRatio: "16:9",
    })),
    ...(await generate(api, base, {
      prompt:
        "<IMAGE_REF_0> turns to camera in <IMAGE_REF_1>, lit like <IMAGE_REF_2>. One slow push-in; rain hiss, a distant train.",
      referenceIds: [hero.id, alley.id, look.id],
      referenceNames: names,
      duration: 8,
      aspectRatio: "16:9",
    })),
    ...(await generate(api, base, {
      prompt:
        "<IMAGE_REF_0> looks up as the first drops fall in <IMAGE_REF_1>. Handheld; rain on neon signs.",
      referenceIds: [hero.id, alley.id],
      referenceNames: names.slice(0, 2),
      duration: 4,
      aspectRatio: "16:9",
      takes: 3,
    })),
  ];
  for (const g of made) await waitDone(api, base, g.id);
  return made[2]!.id;
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

async function settle(page: Page) {
  // Posters and thumbnails drawn, nothing focused, no toast.
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
}

/** A page in its own browser context, signed in as the owner. */
async function ownerPage(
  browser: Browser,
  base: string,
  owner: SignedIn,
  options: { width: number; height: number; theme: "dark" | "light" },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: 1,
    colorScheme: options.theme,
  });
  // (useSession under another name: Biome takes any use* call for a React hook.)
  await putSession(context, base, owner);
  const page = await context.newPage();
  // Closing the page closes its context, as browser.newPage's own does.
  page.on("close", () => void context.close());
  return page;
}

async function captureStudio(
  browser: Browser,
  base: string,
  owner: SignedIn,
  theme: "dark" | "light",
  width: number,
  height: number,
) {
  const page = await ownerPage(browser, base, owner, { width, height, theme });
  await page.goto(base);
  await page.getByTestId("generation-card").first().waitFor();
  await fillComposer(page);
  await page
    .getByRole("button", { name: /^Generate/ })
    .and(page.locator(":not([aria-disabled])"))
    .waitFor();
  if (width < 600) {
    // The phone shot is the whole page; the gallery only renders rows near the viewport, so make the
    // viewport as tall as the page first.
    const full = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height: Math.min(full, 6000) });
    await page.waitForTimeout(300);
  }
  await settle(page);
  const file = path.join(outDir, `studio-${width}-${theme}.png`);
  await page.screenshot({ path: file, fullPage: width < 600, animations: "disabled" });
  console.log(`wrote ${path.relative(root, file)}`);
  if (theme === "dark") copyFileSync(file, path.join(outDir, `studio-${width}.png`));
  await page.close();
}

async function captureDetail(browser: Browser, base: string, owner: SignedIn, id: string) {
  const page = await ownerPage(browser, base, owner, { width: 1440, height: 900, theme: "dark" });
  await page.goto(`${base}/clips/${id}`);
  const player = page.getByTestId("clip-player");
  await player.waitFor();
  // Fully buffered (these clips are small), so Chromium draws no loading spinner over the picture.
  await player.evaluate((v: HTMLVideoElement) =>
    v.readyState >= 4
      ? undefined
      : new Promise((r) => v.addEventListener("canplaythrough", r, { once: true })),
  );
  // Played for a moment, then paused: a real decoded frame and a progress bar that shows where we are.
  // (Seeking instead leaves Chromium's loading spinner drawn over the frame.)
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    await v.play();
    await new Promise((r) => setTimeout(r, 1_200));
    v.pause();
    v.muted = false;
  });
  await page.waitForTimeout(500);
  await settle(page);
  const file = path.join(outDir, "clip-detail-1440.png");
  // Not animations: "disabled": Chromium then freezes its media controls with the loading spinner up.
  await page.screenshot({ path: file, fullPage: true });
  console.log(`wrote ${path.relative(root, file)}`);
  await page.close();
}

async function saveCharacter(page: Page, base: string, clipId: string, name: string, description: string) {
  await page.goto(`${base}/clips/${clipId}`);
  await page.getByRole("button", { name: "Save as character" }).click();
  const dialog = page.getByTestId("character-dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel(/Short description/).fill(description);
  await dialog.getByRole("button", { name: "Save character" }).click();
  await dialog.waitFor({ state: "hidden" });
}

/** The library, a clip with comments on its timeline, and the compare view (review-*.png). */
async function captureReview(browser: Browser, base: string, owner: SignedIn, detailId: string) {
  const page = await ownerPage(browser, base, owner, { width: 1440, height: 900, theme: "dark" });
  const api = fetchAs(owner);
  const items = await listClips(base, owner);
  const wide = items.filter((g) => g.status === "completed" && g.aspectRatio === "16:9" && !g.takeGroupId);
  const characters = (await (await api(`${base}/api/characters`)).json()) as { items: unknown[] };
  if (characters.items.length === 0) {
    await saveCharacter(page, base, detailId, "Mara", "Courier in a yellow rain jacket; short dark hair.");
    const portrait = items.find((g) => g.status === "completed" && g.aspectRatio === "9:16");
    if (portrait) await saveCharacter(page, base, portrait.id, "Mara in the alley", "Night look, wet neon.");
  }
  await page.goto(`${base}/library`);
  await page.getByTestId("character-card").first().waitFor();
  await settle(page);
  await page.screenshot({ path: path.join(outDir, "library-1440.png") });
  console.log("wrote docs/screenshots/library-1440.png");

  await page.goto(`${base}/clips/${detailId}`);
  const player = page.getByTestId("clip-player");
  await player.waitFor();
  await player.evaluate((v: HTMLVideoElement) =>
    v.readyState >= 4
      ? undefined
      : new Promise((r) => v.addEventListener("canplaythrough", r, { once: true })),
  );
  if ((await page.getByTestId("comment").count()) === 0) {
    const notes: [number, string][] = [
      [1.2, "Love the push-in here. Keep this pace."],
      [3.6, "The train sound comes in too loud; bring it down a little."],
      [6.4, "Her jacket turns orange in this frame: keep it yellow like the reference."],
    ];
    for (const [at, body] of notes) {
      await player.evaluate((v: HTMLVideoElement, t) => {
        v.pause();
        v.currentTime = t;
      }, at);
      await page.waitForTimeout(200);
      await page.getByTestId("comment-at").click();
      await page.getByLabel(/^Comment at/).fill(body);
      await page.getByRole("button", { name: "Post comment" }).click();
      await page.getByTestId("comment").filter({ hasText: body }).waitFor();
    }
  }
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    v.currentTime = 3;
    await v.play();
    await new Promise((r) => setTimeout(r, 700));
    v.pause();
    v.muted = false;
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await settle(page);
  await page.screenshot({ path: path.join(outDir, "clip-comments-1440.png"), fullPage: true });
  console.log("wrote docs/screenshots/clip-comments-1440.png");

  const [a, b] = wide;
  if (a && b) {
    await page.goto(`${base}/compare?a=${b.id}&b=${a.id}`);
    await page.getByTestId("prompt-diff").waitFor();
    await page.getByRole("slider", { name: "Seek both clips" }).fill("2.5");
    await page.waitForTimeout(800);
    await settle(page);
    await page.screenshot({ path: path.join(outDir, "compare-1440.png") });
    console.log("wrote docs/screenshots/compare-1440.png");
  }
  await page.close();
}

/** The studio's own pages as the owner: the gallery in both themes, a clip, review and compare. */
async function captureStudioPages(browser: Browser, base: string, owner: SignedIn, detailId: string) {
  for (const theme of ["dark", "light"] as const) {
    await captureStudio(browser, base, owner, theme, 1440, 900);
    await captureStudio(browser, base, owner, theme, 390, 844);
  }
  await captureDetail(browser, base, owner, detailId);
  await captureReview(browser, base, owner, detailId);
}

async function main() {
  const given = argBase > 0 ? process.argv[argBase + 1] : undefined;
  const lenses: Lens[] = [{ theme: "dark", dir: outDir, suffix: "" }];
  if (argLight > 0)
    lenses.push({ theme: "light", dir: path.resolve(process.argv[argLight + 1]!), suffix: "-light" });
  for (const lens of lenses) mkdirSync(lens.dir, { recursive: true });
  const started = given ? undefined : await startServer();
  const base = given ?? started!.base;
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH });
  try {
    await waitForHealth(base);
    // The setup page exists only until the owner does: first.
    if (await needsSetup(base)) for (const lens of lenses) await captureSetup(browser, base, lens);
    const owner = await signUpOwner(base, OWNER);
    const api = fetchAs(owner);
    const items = await listClips(base, owner);
    const done = items.filter((g) => g.status === "completed" && g.references.length >= 3);
    const detailId = done.length >= 1 && items.length >= 6 ? done[0]!.id : await seed(api, base);
    const team = await seedTeam(base, owner);
    await captureStudioPages(browser, base, owner, detailId);

    const clips = await listClips(base, owner);
    const threadClip = clips.find(
      (g) => g.status === "completed" && g.aspectRatio === "16:9" && !g.takeGroupId && g.id !== detailId,
    );
    if (!threadClip) throw new Error("no second finished 16:9 clip to hold the conversation");
    const shareUrl = await makeShareLink(base, team, threadClip.id);
    for (const lens of lenses) {
      await captureLogin(browser, base, lens);
      await captureMembers(browser, base, lens, team);
      await captureAccount(browser, base, lens, team);
      await captureThread(browser, base, lens, team, threadClip.id);
      await captureInbox(browser, base, lens, team);
      await captureGuest(browser, lens, shareUrl);
    }
  } finally {
    await browser.close();
    if (started) {
      await started.server.stop();
      rmSync(started.dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
