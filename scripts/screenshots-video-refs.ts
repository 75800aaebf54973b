// `npx tsx scripts/screenshots-video-refs.ts [--out dir]` (after a build)
// Captures reference videos in the composer (issue 16) into docs/screenshots/ (or --out): the tray on Omni
// Flash 1.2 holding two images and one video, tagged in the prompt (video-refs-tray-{1366,1440,390}.png),
// and the trim scrubber a 12 s video opens (video-refs-trimmer-{1366,1440,390}.png). It starts its own
// studio on fal through the fake fal server (in this process), with a fresh data folder.
import type { Page } from "@playwright/test";
import { referenceImage } from "../e2e/support/images";
import { makeVideo } from "../test/support/videos";
import { ownerPage, save, screenshotDir, VIEWPORTS, withFalStudio } from "./screenshot-kit";

const outDir = screenshotDir();
const shoot = (page: Page, name: string, width: number) => save(page, outDir, `video-refs-${name}-${width}`);

async function main() {
  const [short, long, hero, alley] = await Promise.all([
    makeVideo({ seconds: 2, width: 640, height: 360 }),
    makeVideo({ seconds: 12, width: 1280, height: 720 }),
    referenceImage("character", { seed: 3 }),
    referenceImage("place", { seed: 5 }),
  ]);
  await withFalStudio("videorefs", async ({ base, owner, browser }) => {
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
      await input.setInputFiles([
        { name: "mara.png", mimeType: "image/png", buffer: hero },
        { name: "neon-alley.png", mimeType: "image/png", buffer: alley },
      ]);
      await page.locator('[data-testid="reference-tile"][data-status="ready"]').nth(1).waitFor();
      await input.setInputFiles([{ name: "slow-walk.mp4", mimeType: "video/mp4", buffer: short }]);
      await page
        .locator('[data-testid="reference-video-tile"][data-status="ready"]')
        .first()
        .waitFor({ timeout: 30_000 });
      const prompt = page.getByTestId("prompt-editor");
      await prompt.click();
      const insert = async (tile: string, i: number) =>
        page.getByTestId(tile).nth(i).getByRole("button", { name: "Insert" }).click();
      await insert("reference-tile", 0);
      await page.keyboard.type("walks into");
      await insert("reference-tile", 1);
      await page.keyboard.type("with the gait of");
      await insert("reference-video-tile", 0);
      await page.keyboard.type("at dusk. One continuous shot.");
      await page.mouse.click(1, 1);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(400);
      await shoot(page, "tray", width);

      await input.setInputFiles([{ name: "skate-park.mp4", mimeType: "video/mp4", buffer: long }]);
      const trimmer = page.getByTestId("video-trimmer");
      await trimmer.waitFor();
      const slider = trimmer.getByRole("slider");
      await slider.focus();
      for (let i = 0; i < 42; i++) await page.keyboard.press("ArrowRight");
      await page.waitForTimeout(500);
      await shoot(page, "trimmer", width);
      await page.close();
    }
  });
}

await main();
