// `npx tsx scripts/screenshots-density.ts [--out dir]` (after a build)
// Issue 17's gallery densities into docs/screenshots/ (or --out): the compact grid (gallery-compact-*)
// and list rows (gallery-list-*) at 1366x768, 1440x900 and 390x844, dark and light (-light), with
// starred and reviewed clips, a take group with a chosen take, and a collapsed group ("+2 more"). Its own
// studio on fal through the fake fal server (screenshot-kit's withFalStudio), clips made through the API,
// reviews and the collapse done in the page as a user does them.
import type { Browser, Page } from "@playwright/test";
import type { Density } from "../components/gallery/layout-prefs";
import type { SignedIn } from "../e2e/support/accounts";
import type { GenerationDTO } from "../lib/generations/dto";
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

const PROMPTS = [
  "<IMAGE_REF_0> crosses <IMAGE_REF_1> at dusk, lit like <IMAGE_REF_2>. One slow dolly.",
  "<IMAGE_REF_0> looks up at the rain in <IMAGE_REF_1>. Handheld, one shot.",
  "<IMAGE_REF_1> empty at night, graded like <IMAGE_REF_2>; a crane down to the wet street.",
  "<IMAGE_REF_0> runs through <IMAGE_REF_1>, neon reflections in puddles; drums.",
  "Close on <IMAGE_REF_0>, breath fogging in the cold, graded like <IMAGE_REF_2>.",
  "<IMAGE_REF_0> lights a match in <IMAGE_REF_1>; the flame flares, then dies.",
  "Top-down over <IMAGE_REF_1>, umbrellas drifting past, graded like <IMAGE_REF_2>.",
  "<IMAGE_REF_0> turns at the end of <IMAGE_REF_1> and smiles at the camera.",
  "A tram slides through <IMAGE_REF_1>; <IMAGE_REF_0> steps off, coat collar up.",
  "<IMAGE_REF_0> reads a letter under a flickering sign in <IMAGE_REF_1>.",
];

async function generate(api: Api, base: string, body: Record<string, unknown>): Promise<GenerationDTO[]> {
  const res = await post(api, `${base}/api/generations`, {
    aspectRatio: "16:9",
    duration: 5,
    ...body,
    idempotencyKey: crypto.randomUUID(),
  });
  return (await json<{ generations: GenerationDTO[] }>(res, "generate")).generations;
}

/** Ten single clips and two groups of three takes, all finished. */
async function seed(api: Api, base: string) {
  const mara = await uploadImage(api, base, "character", "mara.png", 3);
  const alley = await uploadImage(api, base, "place", "neon-alley.png", 5);
  const look = await uploadImage(api, base, "look", "film-grade.png", 8);
  const refs = {
    referenceIds: [mara.id, alley.id, look.id],
    referenceNames: ["Mara", "Neon alley", "Film grade"],
  };
  const made: GenerationDTO[] = [];
  const groups: GenerationDTO[][] = [];
  for (const [i, prompt] of PROMPTS.entries()) {
    made.push(...(await generate(api, base, { ...refs, prompt })));
    if (i === 3 || i === 7) {
      const takes = await generate(api, base, {
        ...refs,
        prompt: `${i === 3 ? "<IMAGE_REF_0> walks into <IMAGE_REF_1>" : "<IMAGE_REF_0> waits in <IMAGE_REF_1>"}, three takes; rain.`,
        takes: 3,
      });
      groups.push(takes);
      made.push(...takes);
    }
  }
  for (const g of made) await waitDone(api, base, g.id);
  return groups;
}

/** Stars, reviews and a chosen take, set in the page (comfortable, the default) as a user sets them. */
async function review(page: Page, groups: GenerationDTO[][]) {
  await page.goto("/");
  const cards = page.getByTestId("generation-card");
  await cards.first().waitFor();
  for (const [n, status] of [
    [0, "Approved"],
    [2, "Changes requested"],
    [5, "Approved"],
  ] as const) {
    const card = cards.nth(n);
    await card.getByTestId("review-status").selectOption({ label: status });
    await page.waitForTimeout(400);
    await card.getByRole("button", { name: "Favorite" }).click();
    await card.locator('[data-testid="favorite"][aria-pressed="true"]').waitFor();
    await page.waitForTimeout(400);
  }
  const chosen = groups[1]![1]!;
  await page
    .locator(`[data-testid="generation-card"][data-id="${chosen.id}"]`)
    .getByRole("button", { name: "Choose this take" })
    .click();
  await page.locator(`[data-id="${chosen.id}"] [data-testid="chosen-take"]`).waitFor();
}

async function shoot(browser: Browser, base: string, owner: SignedIn, density: Density, collapsed: string) {
  for (const [width, height] of VIEWPORTS) {
    for (const theme of ["dark", "light"] as const) {
      const page = await ownerPage(browser, base, owner, width, height);
      page.on("pageerror", (err) => console.error(`page error (${density} ${width}): ${err.message}`));
      page.on("crash", () => console.error(`page crashed (${density} ${width})`));
      await page.emulateMedia({ colorScheme: theme });
      await page.context().addCookies([
        { name: "omni-density", value: density, url: base },
        { name: "omni-collapsed", value: collapsed, url: base },
      ]);
      await page.goto("/");
      await page.getByTestId("generation-card").first().waitFor();
      if (width < 600) {
        // The gallery, just under the sticky header, on a phone where the composer comes first.
        await page.locator("#history-heading").evaluate((el) => el.scrollIntoView({ block: "start" }));
        await page.evaluate(() => window.scrollBy(0, -72));
      }
      await settle(page);
      await save(page, outDir, `gallery-${density}-${width}${theme === "light" ? "-light" : ""}`);
      await page.close();
    }
  }
}

await withFalStudio("density", async ({ base, owner, api, browser }) => {
  const groups = await seed(api, base);
  const page = await ownerPage(browser, base, owner, 1440, 900);
  await review(page, groups);
  await page.close();
  // The newer group (take 2 chosen) collapsed to that take; the older one open.
  const collapsed = groups[1]![0]!.takeGroupId!;
  const only = process.env.DENSITY as Density | undefined;
  for (const density of only ? [only] : (["compact", "list"] as const))
    await shoot(browser, base, owner, density, collapsed);
});
