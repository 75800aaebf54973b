// `npx tsx scripts/screenshots-compare.ts [--out dir]` (after a build)
// Captures compare with a take group's four takes (issue 17) into docs/screenshots/ (or --out), at
// 1366x768, 1440x900 and 390x844, dark and light: compare-four-<width>.png and compare-four-<width>-light.png,
// the window as first seen after a seek to 1.5 s, with one take chosen, one approved and one starred. A
// studio on fal through the fake fal server, in this process, on SCREENSHOTS_PORT (default: a free port),
// with a fresh data folder.
import type { GenerationDTO } from "../lib/generations/dto";
import {
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

async function main() {
  await withFalStudio("compare", async ({ base, owner, api, browser }) => {
    const hero = await uploadImage(api, base, "character", "mara.png", 3);
    const alley = await uploadImage(api, base, "place", "neon-alley.png", 5);
    const { generations } = await json<{ generations: GenerationDTO[] }>(
      await post(api, `${base}/api/generations`, {
        prompt: "<IMAGE_REF_0> runs through <IMAGE_REF_1> in the rain, one continuous tracking shot.",
        referenceIds: [hero.id, alley.id],
        referenceNames: ["Mara", "Neon alley"],
        duration: 5,
        aspectRatio: "16:9",
        takes: 4,
        idempotencyKey: crypto.randomUUID(),
      }),
      "four takes",
    );
    const takes = await Promise.all(generations.map((g) => waitDone(api, base, g.id)));
    const ids = takes.map((g) => g.id);

    // A review in progress: B chosen and approved, C starred, D sent back.
    const first = await ownerPage(browser, base, owner, 1440, 900);
    await first.goto(`/compare?ids=${ids.join(",")}`);
    const side = (s: string) => first.getByTestId(`compare-side-${s}`);
    await side("b").getByRole("button", { name: "Choose this take" }).click();
    await side("b").getByTestId("chosen-take").waitFor();
    await side("b").getByRole("combobox", { name: "Review status" }).selectOption("approved");
    await side("c").getByRole("button", { name: "Favorite" }).click();
    await side("d").getByRole("combobox", { name: "Review status" }).selectOption("changes_requested");
    await first.waitForTimeout(500);
    await first.close();

    for (const [width, height] of VIEWPORTS) {
      for (const theme of ["dark", "light"] as const) {
        const page = await ownerPage(browser, base, owner, width, height);
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`/compare?ids=${ids.join(",")}`);
        await page.getByTestId("compare-video-d").waitFor();
        await page.getByRole("slider", { name: "Seek all clips" }).fill("1.5");
        await settle(page);
        await save(page, outDir, `compare-four-${width}${theme === "light" ? "-light" : ""}`);
        await page.close();
      }
    }
  });
}

await main();
