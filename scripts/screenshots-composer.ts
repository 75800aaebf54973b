// `npx tsx scripts/screenshots-composer.ts [--out dir]` (after a build)
// Captures the compact composer (issue 17) into docs/screenshots/ (or --out), on fal's Omni Flash 1.2 through
// the fake fal server (in this process) with a fresh data folder: five references tagged in the prompt
// (composer-compact-5-{1366,1440,390}.png) and the most the version takes, ten images and three reference
// videos (composer-compact-max-{1366,1440,390}.png). Each is the window as first seen, not scrolled; and the
// tray with a tile's hover actions showing (composer-compact-hover-{1366,1440}.png).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { useSession as putSession, type SignedIn, signUpOwner } from "../e2e/support/accounts";
import { CHROMIUM_LAUNCH } from "../e2e/support/chromium";
import { type ReferenceKind, referenceImage } from "../e2e/support/images";
import { startFakeFal } from "../test/fakes/fal-server";
import { startFalStudio } from "../test/support/fal-studio";
import { freePort } from "../test/support/pg-cluster";
import { makeVideo } from "../test/support/videos";

const root = process.cwd();
const argOut = process.argv.indexOf("--out");
const outDir = argOut > 0 ? path.resolve(process.argv[argOut + 1]!) : path.join(root, "docs", "screenshots");

const NAMES = [
  "mara",
  "neon alley",
  "red coat",
  "harbor",
  "rain look",
  "kai",
  "tram",
  "market",
  "fog",
  "dusk sky",
];
const KINDS: ReferenceKind[] = ["character", "place", "look"];
const VIDEOS = ["slow walk", "head turn", "crowd"];

async function ownerPage(browser: Browser, base: string, owner: SignedIn, width: number, height: number) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width, height },
    deviceScaleFactor: 1,
    colorScheme: "dark",
  });
  await putSession(context, base, owner);
  return context.newPage();
}

async function shoot(page: Page, name: string, width: number) {
  await page.mouse.click(1, 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  const file = path.join(outDir, `composer-compact-${name}-${width}.png`);
  await page.screenshot({ path: file, animations: "disabled" });
  console.log(`wrote ${path.relative(root, file)}`);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const images = await Promise.all(
    NAMES.map((_, i) => referenceImage(KINDS[i % 3]!, { seed: 30 + i, width: 512, height: 512 })),
  );
  const videos = await Promise.all(
    VIDEOS.map((_, i) => makeVideo({ seconds: 2 + i / 2, width: 320 + 32 * i, height: 180 + 18 * i })),
  );
  const fake = await startFakeFal({ port: 0, queueMs: 100, runMs: 300, key: null });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-screens-composer-"));
  const port = process.env.SCREENSHOTS_PORT ? Number(process.env.SCREENSHOTS_PORT) : await freePort();
  const studio = await startFalStudio({ port, dataDir, fake });
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  try {
    const base = studio.url;
    const owner = await signUpOwner(base);
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
      [390, 844],
    ] as const) {
      const page = await ownerPage(browser, base, owner, width, height);
      await page.goto(base);
      await page.evaluate(() => window.localStorage.clear());
      await page.reload();
      await page.getByTestId("composer").and(page.locator("[data-ready]")).waitFor();
      await page
        .getByRole("radiogroup", { name: "Model version" })
        .getByRole("radio", { name: /^Omni Flash 1\.2:/ })
        .click();
      const input = page.getByLabel("Reference images");
      const add = async (from: number, to: number) => {
        await input.setInputFiles(
          images.slice(from, to).map((buffer, i) => ({
            name: `${NAMES[from + i]}.png`,
            mimeType: "image/png",
            buffer,
          })),
        );
        await page
          .locator('[data-testid="reference-tile"][data-status="ready"]')
          .nth(to - 1)
          .waitFor({ timeout: 60_000 });
      };
      await add(0, 5);
      const prompt = page.getByTestId("prompt-editor");
      await prompt.click();
      const insert = async (tile: string, i: number) =>
        page.getByTestId(tile).nth(i).getByRole("button", { name: "Insert" }).click();
      await insert("reference-tile", 0);
      await page.keyboard.type("in her");
      await insert("reference-tile", 2);
      await page.keyboard.type("walks into");
      await insert("reference-tile", 1);
      await page.keyboard.type("toward");
      await insert("reference-tile", 3);
      await page.keyboard.type(", lit like");
      await insert("reference-tile", 4);
      await page.keyboard.type(". Single continuous handheld shot; soft rain, distant traffic.");
      await shoot(page, "5", width);

      await add(5, 10);
      for (const [i, buffer] of videos.entries()) {
        await input.setInputFiles([{ name: `${VIDEOS[i]}.mp4`, mimeType: "video/mp4", buffer }]);
        await page
          .locator('[data-testid="reference-video-tile"][data-status="ready"]')
          .nth(i)
          .waitFor({ timeout: 60_000 });
      }
      await shoot(page, "max", width);
      if (width !== 390) {
        // A tile's actions, shown on hover (and on keyboard focus): Move left, Insert (@), Move right, Remove.
        await page.getByTestId("reference-tile").nth(1).hover();
        await page.waitForTimeout(300);
        const file = path.join(outDir, `composer-compact-hover-${width}.png`);
        const box = (await page.getByTestId("dropzone").boundingBox())!;
        await page.screenshot({
          path: file,
          clip: { x: box.x - 8, y: box.y - 40, width: box.width + 16, height: box.height + 48 },
        });
        console.log(`wrote ${path.relative(root, file)}`);
      }
      await page.context().close();
    }
  } finally {
    await browser.close();
    await studio.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
