// `npx tsx scripts/screenshots-clip-nav.ts [--out dir]` (after a build)
// Captures the clip page's ways around (issue 17) into docs/screenshots/ (or --out), at 1366x768,
// 1440x900 and 390x844, dark and light: a take's page opened from a gallery search, with the take
// switcher (take 2 of 3 chosen), Previous/Next in that search, Copy link and a comment on the timeline
// (clip-nav-<width>[-light].png), and the same page with the keyboard shortcuts open
// (clip-shortcuts-<width>[-light].png). A studio on fal through the fake fal server, in this process, on
// SCREENSHOTS_PORT (default: a free port), with a fresh data folder.
import type { Page } from "@playwright/test";
import type { GenerationDTO } from "../lib/generations/dto";
import {
  type Api,
  generate,
  ownerPage,
  save,
  screenshotDir,
  settle,
  uploadImage,
  VIEWPORTS,
  withFalStudio,
} from "./screenshot-kit";

const outDir = screenshotDir();

/** Three clips a search for "harbour" finds (the middle one a group of three takes), and one it does not. */
async function seed(api: Api, base: string) {
  const hero = await uploadImage(api, base, "character", "mara.png", 3);
  const pier = await uploadImage(api, base, "place", "harbour.png", 7);
  const refs = { referenceIds: [hero.id, pier.id], referenceNames: ["Mara", "Harbour"] };
  await generate(api, base, { ...refs, prompt: "<IMAGE_REF_0> waits at <IMAGE_REF_1> at dawn; gulls." });
  const takes = await generate(api, base, {
    ...refs,
    prompt: "<IMAGE_REF_0> runs along <IMAGE_REF_1> as the ferry leaves, one continuous tracking shot.",
    takes: 3,
  });
  await generate(api, base, { ...refs, prompt: "<IMAGE_REF_0> in a quiet kitchen, steam rising." });
  await generate(api, base, { ...refs, prompt: "<IMAGE_REF_0> waves from the ferry back to <IMAGE_REF_1>." });
  return takes;
}

/** Take 2 chosen, and a comment on it, through the page as a member would. */
async function review(page: Page, take: GenerationDTO) {
  await page.goto(`/clips/${take.id}`);
  await page.getByRole("button", { name: "Choose this take" }).click();
  await page.getByRole("link", { name: "Take 2 (chosen)" }).waitFor();
  const player = page.getByTestId("clip-player");
  await page.waitForFunction(() => (document.querySelector("video")?.readyState ?? 0) >= 1);
  await player.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 2.4;
  });
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("c");
  const box = page.getByLabel(/^Comment at/);
  await box.fill("The ferry horn should land on her first step.");
  await box.press("Control+Enter");
  await page.getByTestId("comment").waitFor();
}

async function main() {
  await withFalStudio("clip-nav", async ({ base, owner, api, browser }) => {
    const takes = await seed(api, base);
    const take = takes[1]!;
    let first = true;
    for (const [width, height] of VIEWPORTS) {
      for (const theme of ["dark", "light"] as const) {
        const page = await ownerPage(browser, base, owner, width, height);
        await page.emulateMedia({ colorScheme: theme });
        if (first) await review(page, take);
        first = false;
        const suffix = `${width}${theme === "light" ? "-light" : ""}`;
        await page.goto(`/clips/${take.id}?q=harbour`);
        await page.getByTestId("clip-next").and(page.locator("a")).waitFor();
        await page.getByTestId("clip-prev").and(page.locator("a")).waitFor();
        await page.getByTestId("take-switcher").getByRole("link", { name: "Take 3" }).waitFor();
        // On a still frame, once the seek has landed.
        await page.getByTestId("clip-player").evaluate(
          (v: HTMLVideoElement) =>
            new Promise((done) => {
              v.addEventListener("seeked", done, { once: true });
              v.currentTime = 2.4;
            }),
        );
        await settle(page);
        await save(page, outDir, `clip-nav-${suffix}`);
        await page.getByRole("heading", { level: 1 }).click();
        await page.keyboard.press("?");
        await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
        await page.waitForTimeout(200);
        await save(page, outDir, `clip-shortcuts-${suffix}`);
        await page.close();
      }
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
