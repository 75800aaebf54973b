// `npx tsx scripts/screenshots-phone.ts [--out dir]` (after a build)
// Issue 17's phone and review items into docs/screenshots/ (or --out): at 390x844 the studio right after
// Generate (the new card brought into view, phone-studio-generated-*), compare side by side with named
// chips (phone-compare-*), Spend (phone-spend-*) and a search by a reference's name (phone-search-*); at
// 1366x768 and 1440x900 compare (compare-chips-*) and a take group whose approved take is not the chosen
// one (take-hint-*). Dark and light. A preview-engine studio in a child process on SCREENSHOTS_PORT
// (default: a free port), with a fresh data folder (scripts/screenshot-kit.ts).
import type { Page } from "@playwright/test";
import { referenceImage } from "../e2e/support/images";
import {
  generate,
  ownerPage,
  save,
  screenshotDir,
  settle,
  uploadImage,
  withPreviewStudio,
} from "./screenshot-kit";

const outDir = screenshotDir();
const shot = (page: Page, name: string) => save(page, outDir, name);

/** The owner's page at this size in this theme. */
async function themed(
  ...[browser, base, owner, width, height, scheme]: [...Parameters<typeof ownerPage>, "dark" | "light"]
) {
  const page = await ownerPage(browser, base, owner, width, height);
  await page.emulateMedia({ colorScheme: scheme });
  return page;
}

async function main() {
  await withPreviewStudio("phone", async ({ base, owner, api, browser }) => {
    const mara = await uploadImage(api, base, "character", "mara.png", 3);
    const pier = await uploadImage(api, base, "place", "pier.png", 5);
    const [a] = await generate(api, base, {
      duration: 4,
      prompt: "<IMAGE_REF_0> runs along <IMAGE_REF_1> at sunset; waves, gulls.",
      referenceIds: [mara.id, pier.id],
      referenceNames: ["Mara", "Old pier"],
    });
    const [b] = await generate(api, base, {
      duration: 4,
      prompt: "<IMAGE_REF_0> walks along <IMAGE_REF_1> at night; waves.",
      referenceIds: [mara.id, pier.id],
      referenceNames: ["Mara", "Old pier"],
      aspectRatio: "9:16",
    });
    const takes = await generate(api, base, {
      duration: 4,
      prompt: "<IMAGE_REF_0> looks back over her shoulder; rain.",
      referenceIds: [mara.id],
      referenceNames: ["Mara"],
      takes: 3,
    });

    for (const scheme of ["dark", "light"] as const) {
      const suffix = scheme === "dark" ? "" : "-light";
      const phone = await themed(browser, base, owner, 390, 844, scheme);
      if (scheme === "dark") {
        // The take group: take 1 chosen, take 3 approved (through the UI, as a team would).
        await phone.goto(`/clips/${takes[2]!.id}`);
        await phone
          .getByTestId("clip-review")
          .getByRole("combobox", { name: "Review status" })
          .selectOption("approved");
        await phone.waitForTimeout(800);
        await phone.goto("/");
        await phone
          .locator(`[data-testid="generation-card"][data-id="${takes[0]!.id}"]`)
          .getByRole("button", { name: "Choose this take" })
          .click();
        await phone.getByTestId("take-approval-hint").waitFor();
      }

      await phone.goto(`/compare?ids=${a!.id},${b!.id}`);
      await phone.getByTestId("compare-video-b").waitFor();
      await settle(phone);
      await shot(phone, `phone-compare-390${suffix}`);
      await phone.getByTestId("prompt-diff").scrollIntoViewIfNeeded();
      await settle(phone);
      await shot(phone, `phone-compare-diff-390${suffix}`);

      await phone.goto("/spend");
      await phone.getByTestId("spend-totals").waitFor();
      await settle(phone);
      await shot(phone, `phone-spend-390${suffix}`);

      await phone.goto("/?q=old%20pier");
      await phone.getByTestId("generation-card").first().waitFor();
      // The search box and its answer together: the gallery's heading at the top, below the header.
      await phone.getByTestId("history").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await settle(phone);
      await shot(phone, `phone-search-390${suffix}`);

      // Generate from the composer: the page brings the user down to the new card.
      await phone.goto("/");
      await phone.getByLabel("Reference images").setInputFiles({
        name: "juno.png",
        mimeType: "image/png",
        buffer: await referenceImage("character", { seed: scheme === "dark" ? 11 : 12 }),
      });
      await phone.locator('[data-testid="reference-tile"][data-status="ready"]').first().waitFor();
      await phone
        .getByRole("textbox", { name: "Prompt" })
        .fill("<IMAGE_REF_0> turns to the camera and smiles; soft rain.");
      await phone.getByRole("button", { name: /^Generate/ }).click();
      await phone.getByTestId("new-clip-note").waitFor();
      await phone.waitForTimeout(900);
      await shot(phone, `phone-studio-generated-390${suffix}`);
      await phone.close();

      for (const [width, height] of [
        [1366, 768],
        [1440, 900],
      ] as const) {
        const page = await themed(browser, base, owner, width, height, scheme);
        await page.goto(`/compare?ids=${a!.id},${b!.id}`);
        await page.getByTestId("prompt-diff").waitFor();
        await settle(page);
        await shot(page, `compare-chips-${width}${suffix}`);
        await page.goto("/");
        const group = page.locator(`[data-testid="take-group"][data-group-id="${takes[0]!.takeGroupId}"]`);
        await group.getByTestId("take-approval-hint").waitFor();
        await group.scrollIntoViewIfNeeded();
        await settle(page);
        await shot(page, `take-hint-${width}${suffix}`);
        await page.close();
      }
    }
  });
}

await main();
