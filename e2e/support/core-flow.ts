import type { APIRequestContext } from "@playwright/test";
import type { GenerationPage } from "@/lib/generations/dto";
import { expect } from "./fixtures";
import { referenceFile } from "./images";
import type { StudioPage } from "./studio-page";

export interface CoreFlowExpectations {
  providerBadge: string;
  isPreview: boolean;
  /** What the cost line says for a 3 s clip. */
  cost: RegExp;
}

const PROMPT =
  "<IMAGE_REF_0> walks into <IMAGE_REF_1> at dusk, one continuous shot. Soft rain, distant traffic.";

/**
 * The core flow: drop two images, write a prompt that uses both tags (inserted at the caret),
 * pick 3 s and 9:16, generate (a double click still makes one job), watch it finish, play the video,
 * reload and find it again.
 */
export async function runCoreFlow(
  studio: StudioPage,
  request: APIRequestContext,
  expected: CoreFlowExpectations,
) {
  const { page } = studio;
  await studio.goto();
  await expect(studio.providerBadge).toHaveText(expected.providerBadge);
  await expect(studio.generateButton).toBeDisabled();
  await expect(studio.generateBlocker).toHaveText("Add at least one reference image");

  await studio.addReferences([
    await referenceFile("character", "hero.png", 11),
    await referenceFile("place", "alley.png", 12),
  ]);
  await expect(studio.tile(0).getByTestId("reference-tag")).toHaveText("<IMAGE_REF_0>");
  await expect(studio.tile(1).getByTestId("reference-tag")).toHaveText("<IMAGE_REF_1>");
  await expect(studio.generateBlocker).toHaveText("Write a prompt");

  await studio.prompt.click();
  await studio.insertTag(0);
  await page.keyboard.type("walks into");
  await studio.insertTag(1);
  await page.keyboard.type("at dusk, one continuous shot. Soft rain, distant traffic.");
  await expect(studio.prompt).toHaveAttribute("data-value", PROMPT);
  await expect(page.getByTestId("prompt-counter")).toHaveText(`${PROMPT.length} / 20,000`);

  await studio.setDuration(3);
  await studio.setAspectRatio("9:16");
  await expect(studio.costEstimate).toContainText(expected.cost);
  await expect(studio.generateButton).toBeEnabled();

  const before = (await (await request.get("/api/generations?limit=100")).json()) as GenerationPage;
  await studio.generateButton.dblclick();
  const id = await studio.newCardId(new Set(before.items.map((g) => g.id)));
  const card = studio.card(id);
  await expect(card.getByTestId("generation-prompt")).toHaveText(PROMPT);
  await expect(card.getByTestId("generation-meta")).toContainText("3 s");
  await expect(card.getByTestId("generation-meta")).toContainText("9:16");

  await studio.expectCompleted(card);
  if (expected.isPreview) await expect(card.getByTestId("preview-badge")).toBeVisible();
  else await expect(card.getByTestId("preview-badge")).toHaveCount(0);
  await studio.expectVideoPlays(card, { width: 720, height: 1280 });

  // One job for the double click, stored with both references in order.
  const after = (await (await request.get("/api/generations?limit=100")).json()) as GenerationPage;
  expect(after.items.length - before.items.length).toBe(1);
  const stored = after.items.find((g) => g.id === id)!;
  expect(stored.references.map((r) => r.name)).toEqual(["hero.png", "alley.png"]);
  expect(stored).toMatchObject({
    status: "completed",
    duration: 3,
    aspectRatio: "9:16",
    isPreview: expected.isPreview,
  });

  // The composer keeps the draft for the next variation.
  await expect(studio.prompt).toHaveAttribute("data-value", PROMPT);

  await page.reload();
  const again = studio.card(id);
  await studio.expectCompleted(again, 15_000);
  await expect(again.getByTestId("generation-prompt")).toHaveText(PROMPT);
  await studio.expectVideoPlays(again, { width: 720, height: 1280 });
}
