// `npx tsx scripts/screenshots-identity.ts [--out dir]` (after a build)
// Captures issue 18's face identity screens into docs/screenshots/ (or --out), at 1366x768, 1440x900 and
// 390x844, dark and light: the library with a character's identity trend (identity-library-<width>) and a
// clip page with the identity strip (identity-clip-<width>), "-light" for the light theme. A studio on the
// preview engine (its clips show their references) with real faces from the face model's sample photos.
import type { AssetDTO, GenerationDTO } from "../lib/generations/dto";
import { portrait } from "../test/support/faces";
import {
  type Api,
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

async function scored(api: Api, base: string, id: string): Promise<GenerationDTO> {
  for (let i = 0; i < 240; i++) {
    const { generation } = await json<{ generation: GenerationDTO }>(
      await api(`${base}/api/generations/${id}`),
      id,
    );
    if (generation.identity?.state === "done" || generation.identity?.state === "failed") return generation;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`clip ${id} was not scored`);
}

async function clip(
  api: Api,
  base: string,
  prompt: string,
  refs: AssetDTO[],
  names: string[],
  duration: number,
) {
  const { generation } = await json<{ generation: GenerationDTO }>(
    await post(api, `${base}/api/generations`, {
      prompt,
      referenceIds: refs.map((r) => r.id),
      referenceNames: names,
      duration,
      aspectRatio: "16:9",
      idempotencyKey: crypto.randomUUID(),
    }),
    prompt,
  );
  await waitDone(api, base, generation.id);
  return scored(api, base, generation.id);
}

async function main() {
  await withPreviewStudio("identity", async ({ base, owner, api, browser }) => {
    const ana = await uploadBytes(api, base, "ana.png", await portrait("ana"));
    const anaSide = await uploadBytes(api, base, "ana-mirrored.png", await portrait("ana", { mirror: true }));
    const bea = await uploadBytes(api, base, "bea.png", await portrait("bea"));
    // Ana saved as a character from the composer, with both pictures.
    const setup = await ownerPage(browser, base, owner, 1440, 900);
    await setup.goto("/");
    await setup.getByLabel("Reference images").setInputFiles([
      { name: "ana.png", mimeType: "image/png", buffer: await portrait("ana") },
      { name: "ana-mirrored.png", mimeType: "image/png", buffer: await portrait("ana", { mirror: true }) },
    ]);
    await setup.locator('[data-testid="reference-tile"][data-status="ready"]').nth(1).waitFor();
    await setup.getByRole("button", { name: "Save as character" }).click();
    const dialog = setup.getByTestId("character-dialog");
    await dialog.getByLabel("Name").fill("Ana");
    await dialog.getByLabel(/Short description/).fill("Laughing, long fair hair");
    await dialog.getByRole("button", { name: "Save character" }).click();
    await dialog.waitFor({ state: "hidden" });
    await setup.close();
    // A few clips over time: Ana alone, Ana then Bea (her face is lost half way), Ana mirrored.
    await clip(api, base, "<IMAGE_REF_0> laughs at the camera.", [ana], ["Ana"], 4);
    await clip(api, base, "<IMAGE_REF_0> turns her head, laughing.", [anaSide], ["Ana"], 4);
    const mixed = await clip(
      api,
      base,
      "<IMAGE_REF_0> talks, then <IMAGE_REF_1> answers from across the table.",
      [ana, bea],
      ["Ana", "Bea"],
      8,
    );
    await clip(api, base, "<IMAGE_REF_0> waves goodbye.", [ana], ["Ana"], 3);

    for (const [width, height] of VIEWPORTS) {
      for (const theme of ["dark", "light"] as const) {
        const suffix = `${width}${theme === "light" ? "-light" : ""}`;
        const page = await ownerPage(browser, base, owner, width, height);
        await page.emulateMedia({ colorScheme: theme });
        await page.goto("/library");
        await page.getByTestId("identity-trend").first().waitFor();
        await settle(page);
        await save(page, outDir, `identity-library-${suffix}`);
        await page.goto(`/clips/${mixed.id}`);
        const strip = page.getByTestId("identity-strip");
        await strip.waitFor();
        await strip.getByTestId("identity-low").first().click();
        await strip.scrollIntoViewIfNeeded();
        await settle(page);
        await save(page, outDir, `identity-clip-${suffix}`);
        await page.close();
      }
    }
  });
}

await main();
