// `npx tsx scripts/screenshots-characters.ts [--out dir]` (after a build)
// Captures issue 18's curation screens and issue 19's Continue from here into docs/screenshots/ (or --out),
// at 1366x768, 1440x900 and 390x844, dark and light ("-light"): the library's New character dialog with
// two images, the main one chosen and a voice note (character-new-<width>); the library with it
// (character-library-<width>); inserting it into the composer by its main image (character-insert-<width>);
// the gallery card with its character badge (character-badge-<width>); the clip page's Continue from here
// (continue-menu-<width>) and the composer it opens (continue-composer-<width>). A studio on the preview
// engine, with real faces from the face model's sample photos.
import type { Page } from "@playwright/test";
import type { GenerationDTO } from "../lib/generations/dto";
import { portrait } from "../test/support/faces";
import {
  json,
  ownerPage,
  post,
  save,
  screenshotDir,
  settle,
  uploadBytes,
  VIEWPORTS,
  waitDone,
  withPreviewStudio,
} from "./screenshot-kit";

const outDir = screenshotDir();

async function clearDraft(page: Page) {
  await page.goto("/");
  await page.evaluate(() => localStorage.removeItem("omni-studio:draft:v1"));
}

async function main() {
  await withPreviewStudio("characters", async ({ base, owner, api, browser }) => {
    const front = await portrait("cara");
    const side = await portrait("cara", { mirror: true });
    const dana = await uploadBytes(api, base, "dana.png", await portrait("dana"));
    let clipId = "";
    let first = true;
    for (const [width, height] of VIEWPORTS) {
      for (const theme of ["dark", "light"] as const) {
        const suffix = `${width}${theme === "light" ? "-light" : ""}`;
        const page = await ownerPage(browser, base, owner, width, height);
        await page.emulateMedia({ colorScheme: theme });

        // New character in the library: two images, the second made main, a voice note.
        await page.goto("/library");
        await page.getByRole("button", { name: "New character" }).click();
        const dialog = page.getByTestId("character-dialog");
        await dialog.getByLabel("Name").fill("Cara Lind");
        await dialog.getByLabel(/Short description/).fill("Ferry pilot; short dark hair, green scarf");
        await dialog.getByLabel("Add images to the character").setInputFiles([
          { name: "cara-side.png", mimeType: "image/png", buffer: side },
          { name: "cara.png", mimeType: "image/png", buffer: front },
        ]);
        await dialog.getByLabel("Keep cara", { exact: true }).waitFor();
        await dialog.getByLabel("Keep cara-side").waitFor();
        await dialog.getByLabel("Main image: cara", { exact: true }).check();
        await dialog.getByLabel(/^Voice/).fill("A quick, bright voice with a slight rasp");
        await settle(page);
        await save(page, outDir, `character-new-${suffix}`);
        if (first) {
          await dialog.getByRole("button", { name: "Save character" }).click();
          await dialog.waitFor({ state: "hidden" });
        } else {
          await page.keyboard.press("Escape");
        }
        await page.getByTestId("character-card").first().waitFor();
        await settle(page);
        await save(page, outDir, `character-library-${suffix}`);

        // Insert it into the composer: the picker on "Main image only".
        await clearDraft(page);
        await page.goto("/library");
        await page.getByRole("link", { name: "Insert Cara Lind into the composer" }).click();
        const pick = page.getByTestId("insert-character-dialog");
        await pick.waitFor();
        await pick.getByLabel("Main image only").check();
        await settle(page);
        await save(page, outDir, `character-insert-${suffix}`);
        await pick.getByRole("button", { name: /^Insert/ }).click();
        await pick.waitFor({ state: "hidden" });

        if (first) {
          // One clip of her (and Dana) for the badge and the continuation.
          const { generation } = await json<{ generation: GenerationDTO }>(
            await post(api, `${base}/api/generations`, {
              prompt: "<IMAGE_REF_0> smiles, then <IMAGE_REF_1> answers from the window.",
              referenceIds: [
                (
                  await json<{ items: { mainImageId: string }[] }>(
                    await api(`${base}/api/characters`),
                    "characters",
                  )
                ).items[0]!.mainImageId,
                dana.id,
              ],
              referenceNames: ["Cara", "Dana"],
              duration: 6,
              aspectRatio: "16:9",
              idempotencyKey: crypto.randomUUID(),
            }),
            "clip",
          );
          await waitDone(api, base, generation.id);
          clipId = generation.id;
          first = false;
        }
        await clearDraft(page);
        await page.goto("/");
        await page
          .locator(`[data-testid="generation-card"][data-id="${clipId}"]`)
          .getByTestId("character-badge")
          .waitFor();
        await settle(page);
        await save(page, outDir, `character-badge-${suffix}`);

        // Continue from here, from the clip page's playhead at 2 s.
        await page.goto(`/clips/${clipId}`);
        await page.getByTestId("clip-player").evaluate(async (v: HTMLVideoElement) => {
          if (v.readyState < 1)
            await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
          v.currentTime = 2;
          await new Promise((r) => v.addEventListener("seeked", r, { once: true }));
        });
        const menu = page.getByTestId("continue-from-here");
        await menu.getByText("Continue from here").click();
        await menu.getByRole("button", { name: /From this frame/ }).waitFor();
        await menu.scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${outDir}/continue-menu-${suffix}.png`, animations: "disabled" });
        console.log(`wrote continue-menu-${suffix}`);
        await menu.getByRole("button", { name: /From this frame/ }).click();
        await page.getByTestId("reference-tile").nth(2).waitFor();
        await settle(page);
        await save(page, outDir, `continue-composer-${suffix}`);
        await page.close();
      }
    }
  });
}

await main();
