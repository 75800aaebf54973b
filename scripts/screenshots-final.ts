// `npx tsx scripts/screenshots-final.ts [--out dir]` (after a build)
// Captures Make final, Use as reference video and a character's video (issue 16's buttons) into
// docs/screenshots/ (or --out), at 1366x768, 1440x900 and 390x844: a 360p draft's page with the Make
// final dialog open (final-make-*.png), its final's page linking back (final-lineage-*.png), the
// reference-video dialog with a range chosen (final-reference-video-*.png) and the library with a
// character holding a video (final-character-video-*.png). A studio on fal through the fake fal server,
// in this process, on SCREENSHOTS_PORT (default: a free port), with a fresh data folder.
import type { Page } from "@playwright/test";
import type { CharacterDTO } from "../lib/characters/dto";
import type { AssetDTO, GenerationDTO } from "../lib/generations/dto";
import {
  type Api,
  json,
  ownerPage,
  post,
  save,
  screenshotDir,
  settle,
  uploadImage,
  VIEWPORTS,
  waitDone,
  withFalStudio,
} from "./screenshot-kit";

const outDir = screenshotDir();
const shot = (page: Page, name: string) => save(page, outDir, name, { animations: "allow" });

/** A 360p draft on Omni Flash 1.2 and its 1080p final. */
async function seed(api: Api, base: string) {
  const hero = await uploadImage(api, base, "character", "mara.png", 3);
  const alley = await uploadImage(api, base, "place", "neon-alley.png", 5);
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

async function main() {
  await withFalStudio("final", async ({ base, owner, api, browser }) => {
    const { draft, final } = await seed(api, base);
    let first = true;
    for (const [width, height] of VIEWPORTS) {
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
  });
}

await main();
