// `npx tsx scripts/screenshots-storage.ts [--out dir]` (after a build)
// Issue 20's storage per project on the Spend page into docs/screenshots/ (or --out), at 1366x768,
// 1440x900 and 390x844, dark and light ("-light"): two projects with clips of different lengths, the
// storage table in view (spend-storage-<width>). A studio on the preview engine.
import {
  generate,
  json,
  ownerPage,
  post,
  save,
  screenshotDir,
  settle,
  uploadImage,
  VIEWPORTS,
  withPreviewStudio,
} from "./screenshot-kit";

const outDir = screenshotDir();

async function main() {
  await withPreviewStudio("storage", async ({ base, owner, api, browser }) => {
    const { project } = await json<{ project: { id: string } }>(
      await post(api, `${base}/api/projects`, { name: "Lighthouse teaser" }),
      "project",
    );
    const pier = await uploadImage(api, base, "place", "Old pier.png", 8100);
    const keeper = await uploadImage(api, base, "character", "Keeper.png", 8101);
    await generate(api, base, { prompt: "Fog rolls over <IMAGE_REF_0>.", referenceIds: [pier.id] });
    await generate(api, base, {
      prompt: "<IMAGE_REF_0> climbs the stairs of the lighthouse.",
      referenceIds: [keeper.id],
      duration: 8,
      projectId: project.id,
    });
    await generate(api, base, {
      prompt: "<IMAGE_REF_0> lights the lamp at dusk.",
      referenceIds: [keeper.id],
      duration: 4,
      projectId: project.id,
    });
    for (const [width, height] of VIEWPORTS) {
      for (const theme of ["dark", "light"] as const) {
        const page = await ownerPage(browser, base, owner, width, height);
        await page.emulateMedia({ colorScheme: theme });
        await page.goto("/spend");
        const table = page.getByTestId("spend-storage");
        await table.waitFor();
        await table.scrollIntoViewIfNeeded();
        await settle(page);
        await save(page, outDir, `spend-storage-${width}${theme === "light" ? "-light" : ""}`);
        await page.close();
      }
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
