import { expect, test } from "@playwright/test";
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";
import { portrait } from "@/test/support/faces";
import { createClip, getClip, waitForStatus } from "../support/clips";
import { StudioPage } from "../support/studio-page";

// Face identity end to end on real faces (the face model's own sample photos): a character saved in the
// composer, a clip of it and another person, the card's score, the clip page's strip that seeks to where
// the face is lost, the library's trend, and a clip made before the character was saved counted as its.

async function upload(request: import("@playwright/test").APIRequestContext, name: string, bytes: Buffer) {
  const res = await request.post("/api/uploads", {
    multipart: { file: { name, mimeType: "image/png", buffer: bytes } },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { asset: AssetDTO }).asset;
}

/** Waits until the clip's identity score is measured (the scoring process runs in the background). */
async function scored(
  request: import("@playwright/test").APIRequestContext,
  id: string,
): Promise<GenerationDTO> {
  let clip: GenerationDTO | undefined;
  await expect
    .poll(
      async () => {
        clip = await getClip(request, id);
        return clip.identity?.state;
      },
      { timeout: 90_000, intervals: [250, 500, 1000] },
    )
    .toBe("done");
  return clip as GenerationDTO;
}

test("a character's clips get a face identity score: card badge, clip page strip that seeks, library trend", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const ana = await upload(request, "ana.png", await portrait("ana"));
  const bea = await upload(request, "bea.png", await portrait("bea"));

  // A clip of Ana made before any character holds her picture.
  const [before] = await createClip(request, {
    prompt: "<IMAGE_REF_0> laughs at the camera.",
    references: [ana],
  });
  await waitForStatus(request, before!.id, "completed");
  const early = await scored(request, before!.id);
  expect(early.identity?.kind).toBe("scored");
  expect(early.identity?.score).toBeGreaterThanOrEqual(70);

  // Save Ana as a character from the composer, then make a clip of her and Bea through the UI.
  const studio = new StudioPage(page);
  await studio.goto();
  await page.evaluate(() => localStorage.removeItem("omni-studio:draft:v1"));
  await studio.goto();
  await studio.addReferences([{ name: "ana.png", mimeType: "image/png", buffer: await portrait("ana") }]);
  await page.getByRole("button", { name: "Save as character" }).click();
  const dialog = page.getByTestId("character-dialog");
  await dialog.getByLabel("Name").fill("Ana");
  await dialog.getByRole("button", { name: "Save character" }).click();
  await expect(dialog).toBeHidden();
  await studio.addReferences([{ name: "bea.png", mimeType: "image/png", buffer: await portrait("bea") }]);
  await studio.prompt.fill("<IMAGE_REF_0> talks, then <IMAGE_REF_1> answers.");
  await studio.setDuration(6);
  const known = new Set([before!.id]);
  await studio.generateButton.click();
  const id = await studio.newCardId(known);
  await waitForStatus(request, id, "completed");

  // The card says it is scoring, then shows the score with what it measures.
  const card = page.locator(`[data-testid="generation-card"][data-id="${id}"]`);
  const badge = card.getByTestId("identity-badge");
  await expect(badge).toBeVisible({ timeout: 90_000 });
  const clip = await scored(request, id);
  await expect(badge).toHaveAttribute("data-score", String(clip.identity?.score), { timeout: 30_000 });
  await expect(badge).toContainText(`Face ${clip.identity?.score}`);
  await expect(badge).toHaveAttribute("title", /not quality/);
  await expect(badge).toContainText("preview");
  // Ana is on screen for the first part only: each face is scored, and Ana's row has low moments.
  const anaFace = clip.identity?.faces.find((f) => f.assetId === ana.id);
  const beaFace = clip.identity?.faces.find((f) => f.assetId === bea.id);
  expect(anaFace?.samples.some((s) => s.d !== null && s.d < 0.4)).toBe(true);
  expect(anaFace?.samples.some((s) => s.d !== null && s.d > 0.5)).toBe(true);
  expect(beaFace?.score).not.toBeNull();

  // The clip page's strip marks where Ana's face is lost; a marker seeks the player there.
  await page.goto(`/clips/${id}`);
  const strip = page.getByTestId("identity-strip");
  await expect(strip.getByTestId("identity-face")).toHaveCount(2);
  const anaRow = strip.locator(`[data-testid="identity-face"][data-position="0"]`);
  const low = anaRow.getByTestId("identity-low").first();
  const at = Number(await low.getAttribute("data-t"));
  await low.click();
  await expect
    .poll(() =>
      page
        .locator("video")
        .first()
        .evaluate((v: HTMLVideoElement) => v.currentTime),
    )
    .toBeCloseTo(at, 1);

  // The library: Ana's clips include the one made before she was saved, and her trend has both scores.
  await page.goto("/library");
  const character = page.getByTestId("character-card").filter({ hasText: "Ana" });
  await expect(character.getByTestId("character-usage")).toContainText("2 clips");
  await expect(character.getByTestId("identity-trend")).toHaveAttribute("data-points", "2");
  await character.getByRole("link", { name: "Clips using Ana" }).click();
  await expect(page.locator(`[data-testid="generation-card"][data-id="${before!.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="generation-card"][data-id="${id}"]`)).toBeVisible();
});
