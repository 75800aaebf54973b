import { expect, test } from "@playwright/test";
import { createClip, listClips, uploadReference, waitForStatus } from "../support/clips";
import { StudioPage } from "../support/studio-page";

// A character saved from a clip's page, listed in the library, inserted into the composer and used in a
// new clip; the reverse lookups (by character, by image) find the clips that used it, the clip it was
// saved from included (a clip belongs to a character when it used any of its images, before or after).

test("save a character, use it in a new clip, and find both clips by reverse lookup", async ({
  page,
  request,
}) => {
  const face = await uploadReference(request, "character", "juno-face.png", 501);
  const coat = await uploadReference(request, "character", "juno-coat.png", 502);
  const [first] = await createClip(request, {
    prompt: "<IMAGE_REF_0> in <IMAGE_REF_1> walks past the harbour cranes; gulls, wind.",
    references: [face, coat],
    referenceNames: ["Juno", "Coat"],
  });
  await waitForStatus(request, first!.id, "completed");

  // Save from the clip's page.
  await page.goto(`/clips/${first!.id}`);
  await page.getByRole("button", { name: "Save as character" }).click();
  const dialog = page.getByTestId("character-dialog");
  await dialog.getByLabel("Name").fill("Juno");
  await dialog.getByLabel(/Short description/).fill("Harbour pilot, yellow coat");
  await dialog.getByRole("button", { name: "Save character" }).click();
  await expect(dialog).toBeHidden();

  // The library lists it with its images and the clip it was saved from.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).click();
  const card = page.getByTestId("character-card").filter({ hasText: "Juno" });
  await expect(card).toBeVisible();
  await expect(card.getByRole("img")).toHaveCount(2);
  await expect(card).toContainText("Harbour pilot, yellow coat");
  await expect(card.getByTestId("character-usage")).toContainText("1 clip");
  const characterId = (await card.getAttribute("data-id"))!;

  // Insert it into an empty composer: the insert dialog offers all its images (they fit); both join.
  await page.evaluate(() => localStorage.removeItem("omni-studio:draft:v1"));
  await card.getByRole("link", { name: "Insert Juno into the composer" }).click();
  const insert = page.getByRole("dialog", { name: "Insert Juno" });
  await expect(insert.getByRole("radio", { name: "All images (2)" })).toBeChecked();
  await insert.getByRole("button", { name: "Insert", exact: true }).click();
  await expect(insert).toBeHidden();
  const studio = new StudioPage(page);
  await expect(studio.tiles).toHaveCount(2);
  await expect(page).not.toHaveURL(/insert=/);
  await studio.prompt.fill("<IMAGE_REF_0> in <IMAGE_REF_1> waves from the quay; foghorn.");
  const known = new Set((await listClips(request)).map((g) => g.id));
  await studio.generateButton.click();
  const newId = await studio.newCardId(known);
  const made = await waitForStatus(request, newId, "completed");
  expect(made.references.map((r) => r.characterId)).toEqual([characterId, characterId]);

  // From the library: clips using Juno, the one it was saved from and the new one.
  await page.goto("/library");
  await expect(card.getByTestId("character-usage")).toContainText("2 clips");
  await card.getByRole("link", { name: "Clips using Juno" }).click();
  await expect(page).toHaveURL(new RegExp(`character=${characterId}`));
  await expect(page.getByTestId("lookup-header")).toContainText("Clips using Juno");
  await expect(page.getByTestId("generation-card")).toHaveCount(2);
  for (const id of [first!.id, newId])
    await expect(page.locator(`[data-testid="generation-card"][data-id="${id}"]`)).toBeVisible();

  // From a reference image on the clip's page: both clips used that image.
  await page.goto(`/clips/${first!.id}`);
  await page.getByTestId("clip-references").getByRole("link", { name: "Clips using Juno" }).click();
  await expect(page).toHaveURL(new RegExp(`asset=${face.id}`));
  await expect(page.getByTestId("lookup-header")).toContainText("Clips using Juno");
  await expect(page.getByTestId("generation-card")).toHaveCount(2);
  for (const id of [first!.id, newId])
    await expect(page.locator(`[data-testid="generation-card"][data-id="${id}"]`)).toBeVisible();
  await page.getByRole("button", { name: "Show all clips" }).click();
  await expect(page.getByTestId("lookup-header")).toBeHidden();
  await expect(page).not.toHaveURL(/asset=/);
});

test("saving a character from a clip keeps only the references picked, and needs at least one", async ({
  page,
  request,
}) => {
  const face = await uploadReference(request, "character", "odo-face.png", 4621);
  const pier = await uploadReference(request, "place", "odo-pier.png", 4622);
  const [clip] = await createClip(request, {
    prompt: "<IMAGE_REF_0> fishes from <IMAGE_REF_1> at dusk; water laps.",
    references: [face, pier],
    referenceNames: ["Odo", "Pier"],
  });
  await waitForStatus(request, clip!.id, "completed");
  await page.goto(`/clips/${clip!.id}`);
  await page.getByRole("button", { name: "Save as character" }).click();
  const dialog = page.getByTestId("character-dialog");
  await dialog.getByLabel("Name").fill("Odo");
  // The pier is a place, not Odo: left out.
  await dialog.getByRole("checkbox", { name: "Keep Pier" }).uncheck();
  await expect(dialog).toContainText("1 of 2 kept");
  // Leaving out every image is refused with a reason; nothing is saved.
  await dialog.getByRole("checkbox", { name: "Keep Odo" }).uncheck();
  await dialog.getByRole("button", { name: "Save character" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Pick at least one image for the character.");
  await dialog.getByRole("checkbox", { name: "Keep Odo" }).check();
  await dialog.getByRole("button", { name: "Save character" }).click();
  await expect(dialog).toBeHidden();

  const res = await request.get("/api/characters");
  const odo = ((await res.json()) as { items: { name: string; images: { id: string }[] }[] }).items.find(
    (c) => c.name === "Odo",
  );
  expect(odo?.images.map((i) => i.id)).toEqual([face.id]);
});
