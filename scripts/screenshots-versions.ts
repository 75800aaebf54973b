// `npx tsx scripts/screenshots-versions.ts [--out dir]` (after a build)
// Captures the model versions and tiers (issue 16) into docs/screenshots/ (or --out): the composer on a
// studio configured with fal (through the fake fal server, in this process), Omni Flash 1.2 chosen, seven
// images, 1080p (versions-composer-{1366,1440,390}.png, and the whole composer in
// versions-composer-full-1440.png); the same draft back on Omni Flash 1.0, over its limits and kept, the
// whole composer (versions-over-1440.png, versions-over-390.png); a gallery of clips at several tiers
// and versions with their badges (versions-gallery-{1366,1440,390}.png); a 1080p clip's page and compare
// with its 360p draft (versions-clip-*.png, versions-compare-*.png, at 1440 and 390). It starts its own studio on
// SCREENSHOTS_PORT (default: a free port) with a fresh data folder, makes the owner and the clips through the API.
import type { Page } from "@playwright/test";
import { type ReferenceKind, referenceImage } from "../e2e/support/images";
import type { GenerationDTO } from "../lib/generations/dto";
import {
  type Api,
  json,
  ownerPage,
  save,
  screenshotDir,
  settle,
  uploadImage,
  VIEWPORTS,
  waitDone,
  withFalStudio,
} from "./screenshot-kit";

const outDir = screenshotDir();

async function generate(api: Api, base: string, body: Record<string, unknown>): Promise<GenerationDTO> {
  const res = await api(`${base}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, idempotencyKey: crypto.randomUUID() }),
  });
  return (await json<{ generation: GenerationDTO }>(res, "generate")).generation;
}

/** Clips of every version and several tiers, oldest first. */
async function seed(api: Api, base: string) {
  const hero = await uploadImage(api, base, "character", "mara.png", 3);
  const alley = await uploadImage(api, base, "place", "neon-alley.png", 5);
  const look = await uploadImage(api, base, "look", "film-grade.png", 8);
  const refs = {
    referenceIds: [hero.id, alley.id, look.id],
    referenceNames: ["Mara", "Neon alley", "Film grade"],
  };
  const clips = [
    {
      prompt: "<IMAGE_REF_0> crosses <IMAGE_REF_1> at dusk, lit like <IMAGE_REF_2>. One slow dolly.",
      duration: 6,
    },
    {
      prompt: "<IMAGE_REF_0> looks up at the rain in <IMAGE_REF_1>. Handheld, one shot.",
      duration: 8,
      model: "fal-v1.2",
      resolution: "360p",
    },
    {
      prompt: "<IMAGE_REF_0> looks up at the rain in <IMAGE_REF_1>. Handheld, one shot.",
      duration: 8,
      model: "fal-v1.2",
      resolution: "1080p",
    },
    {
      prompt: "<IMAGE_REF_1> empty at night, graded like <IMAGE_REF_2>; a crane down to the wet street.",
      duration: 5,
      model: "fal-v1.1",
      resolution: "4k",
    },
  ];
  const ids: string[] = [];
  for (const clip of clips) {
    const g = await generate(api, base, { ...refs, aspectRatio: "16:9", ...clip });
    await waitDone(api, base, g.id);
    ids.push(g.id);
  }
  // The 360p draft and the same inputs at 1080p.
  return { draft: ids[1]!, final: ids[2]! };
}

/** The 1080p clip's page header, and compare with its 360p draft: the tier badges. */
async function shootClipPages(page: Page, width: number, ids: { draft: string; final: string }) {
  await page.goto(`/clips/${ids.final}`);
  await page.getByTestId("clip-tier").waitFor();
  // Played a moment and paused, so a decoded frame shows and no loading spinner (as scripts/screenshots.ts).
  await page.getByTestId("clip-player").evaluate(async (v: HTMLVideoElement) => {
    if (v.readyState < 4) await new Promise((r) => v.addEventListener("canplaythrough", r, { once: true }));
    v.muted = true;
    await v.play();
    await new Promise((r) => setTimeout(r, 1_200));
    v.pause();
  });
  await settle(page);
  // Not animations: "disabled": Chromium then freezes its media controls with the loading spinner up.
  await save(page, outDir, `versions-clip-${width}`, { animations: "allow" });
  await page.goto(`/compare?a=${ids.draft}&b=${ids.final}`);
  await page.getByTestId("compare-tiers").waitFor();
  await settle(page);
  await save(page, outDir, `versions-compare-${width}`, { fullPage: width < 600 });
}

/** Seven images, a prompt naming the first and the last, Omni Flash 1.2 at 1080p. */
async function fillComposer(page: Page) {
  const kinds: ReferenceKind[] = ["character", "place", "look", "character", "place", "look", "character"];
  const files = await Promise.all(
    kinds.map(async (kind, i) => ({
      name: `ref-${i + 1}.png`,
      mimeType: "image/png",
      buffer: await referenceImage(kind, { seed: 40 + i, width: 512, height: 512 }),
    })),
  );
  await page
    .getByRole("radiogroup", { name: "Model version" })
    .getByRole("radio", { name: /^Omni Flash 1\.2/ })
    .click();
  await page.getByLabel("Reference images").setInputFiles(files);
  await page
    .locator('[data-testid="reference-tile"][data-status="ready"]')
    .nth(6)
    .waitFor({ timeout: 60_000 });
  await page
    .getByRole("textbox", { name: "Prompt" })
    .fill("<IMAGE_REF_0> meets <IMAGE_REF_6> on the pier at dawn, one continuous shot; gulls, low foghorn.");
  await page
    .getByRole("radiogroup", { name: "Resolution" })
    .getByRole("radio", { name: /^1080p/ })
    .click();
  await page.getByRole("radiogroup", { name: "Duration" }).getByRole("radio", { name: "12 seconds" }).click();
}

/** The whole composer, top to bottom (the viewport made tall enough to hold it, then put back). */
async function shootComposer(page: Page, name: string) {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 2600 });
  await settle(page);
  // Clipped from the page at its top, so the sticky header does not cover the composer's first rows.
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.getByTestId("composer").boundingBox();
  if (!box) throw new Error("the composer is not on the page");
  await save(page, outDir, name, { fullPage: true, clip: box });
  await page.setViewportSize(size);
}

/** The composer's column scrolled so the pickers show (desktop), or the whole page (phone). */
async function shoot(page: Page, name: string, width: number, target: "pickers" | "gallery") {
  const heading = page.getByText("Model version").first();
  if (target === "gallery") {
    await page.evaluate(() => window.scrollTo(0, 0));
    if (width < 600) {
      // The first cards, just under the sticky header (the gallery renders the rows near the screen).
      await page.locator("#history-heading").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page
        .getByTestId("generation-card")
        .first()
        .evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.evaluate(() => window.scrollBy(0, -72));
    }
  } else if (width < 600) {
    await heading.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -72));
  } else {
    // The composer's own column scrolls; the page stays at its top.
    await heading.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await settle(page);
  await save(page, outDir, name);
}

async function main() {
  await withFalStudio("versions", async ({ base, owner, api, browser }) => {
    const ids = await seed(api, base);
    for (const [width, height] of VIEWPORTS) {
      const page = await ownerPage(browser, base, owner, width, height);
      await page.goto(base);
      await page.getByTestId("generation-card").first().waitFor();
      await page.evaluate(() => window.localStorage.clear());
      await page.reload();
      await page.getByTestId("composer").and(page.locator("[data-ready]")).waitFor();
      await fillComposer(page);
      await page
        .getByRole("button", { name: /^Generate/ })
        .and(page.locator(":not([aria-disabled])"))
        .waitFor();
      await shoot(page, `versions-composer-${width}`, width, "pickers");
      if (width === 1440) await shootComposer(page, "versions-composer-full-1440");
      if (width !== 1366) {
        // Back to the first version: nothing is dropped; the tray, the duration and Generate say why.
        await page
          .getByRole("radiogroup", { name: "Model version" })
          .getByRole("radio", { name: /^Omni Flash 1\.0/ })
          .click();
        await page.getByTestId("generate-blocker").waitFor();
        await shootComposer(page, `versions-over-${width}`);
      }
      await shoot(page, `versions-gallery-${width}`, width, "gallery");
      if (width !== 1366) await shootClipPages(page, width, ids);
      await page.close();
    }
  });
}

await main();
