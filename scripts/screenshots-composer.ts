// `npx tsx scripts/screenshots-composer.ts [--out dir]` (after a build)
// Captures the compact composer (issue 17) into docs/screenshots/ (or --out), on fal's Omni Flash 1.2 through
// the fake fal server (in this process) with a fresh data folder: five references tagged in the prompt
// (composer-compact-5-{1366,1440,390}.png) and the most the version takes, ten images and three reference
// videos (composer-compact-max-{1366,1440,390}.png). Each is the window as first seen, not scrolled; and the
// tray with a tile's hover actions showing (composer-compact-hover-{1366,1440}.png).
import type { Page } from "@playwright/test";
import { type ReferenceKind, referenceImage } from "../e2e/support/images";
import { makeVideo } from "../test/support/videos";
import { ownerPage, save, screenshotDir, VIEWPORTS, withFalStudio } from "./screenshot-kit";

const outDir = screenshotDir();

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

/** The composer as it stands, in the dark theme and then the light one (the page follows the system). */
async function shoot(page: Page, name: string, width: number) {
  await page.mouse.click(1, 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await save(page, outDir, `composer-compact-${name}-${width}`);
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForTimeout(400);
  await save(page, outDir, `composer-compact-${name}-${width}-light`);
  await page.emulateMedia({ colorScheme: "dark" });
}

async function main() {
  const images = await Promise.all(
    NAMES.map((_, i) => referenceImage(KINDS[i % 3]!, { seed: 30 + i, width: 512, height: 512 })),
  );
  const videos = await Promise.all(
    VIDEOS.map((_, i) => makeVideo({ seconds: 2 + i / 2, width: 320 + 32 * i, height: 180 + 18 * i })),
  );
  await withFalStudio("composer", async ({ base, owner, browser }) => {
    for (const [width, height] of VIEWPORTS) {
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
        const box = (await page.getByTestId("dropzone").boundingBox())!;
        await save(page, outDir, `composer-compact-hover-${width}`, {
          animations: "allow",
          clip: { x: box.x - 8, y: box.y - 40, width: box.width + 16, height: box.height + 48 },
        });
      }
      await page.context().close();
    }
  });
}

await main();
