import { expect, test } from "@playwright/test";
import { portrait } from "@/test/support/faces";
import { createClip, getClip, waitForStatus } from "../support/clips";
import { dropFiles, tileNames } from "../support/composer";
import { referenceFile } from "../support/images";
import { StudioPage } from "../support/studio-page";

// Characters made and curated in the library: "New character" with two images (the main one chosen),
// inserted into the composer by its main image only, a clip of it scored for identity, its badge on the
// card and the clip page, the strip that seeks, and a clip made before it was saved counted as its own.
// Then images dropped on the library page, and an edit that reorders, changes the main image, removes and
// adds.

const files = async () => ({
  front: { name: "cara.png", mimeType: "image/png", buffer: await portrait("cara") },
  side: { name: "cara-side.png", mimeType: "image/png", buffer: await portrait("cara", { mirror: true }) },
});

test("a character made in the library: main image inserted alone, its clip's badge and score, the strip seeks, earlier clips count", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const { front, side } = await files();
  // A clip of Cara made before any character holds her picture (the same bytes: the same stored image).
  const upload = await request.post("/api/uploads", {
    multipart: { file: { name: front.name, mimeType: front.mimeType, buffer: front.buffer } },
  });
  expect(upload.status()).toBe(201);
  const [before] = await createClip(request, {
    prompt: "<IMAGE_REF_0> looks up from a book.",
    references: [(await upload.json()).asset],
  });
  await waitForStatus(request, before!.id, "completed");

  await page.goto("/library");
  await page.getByRole("button", { name: "New character" }).click();
  const dialog = page.getByTestId("character-dialog");
  await expect(dialog.getByRole("heading")).toHaveText("New character");
  await dialog.getByLabel("Name").fill("Cara Lind");
  // The side view first, the front view made the main image.
  await dialog.getByLabel("Add images to the character").setInputFiles([side, front]);
  const tiles = dialog.getByTestId("character-image");
  await expect(tiles).toHaveCount(2);
  await expect(dialog.getByLabel("Keep cara", { exact: true })).toBeVisible(); // uploaded: the checkbox replaces the progress
  await expect(dialog.getByLabel("Keep cara-side")).toBeVisible();
  await expect(tiles.first()).toHaveAttribute("data-main", "true");
  await dialog.getByLabel("Main image: cara", { exact: true }).check();
  await expect(tiles.nth(1)).toHaveAttribute("data-main", "true");
  await dialog.getByLabel(/^Voice/).fill("A quick, bright voice with a slight rasp");
  await dialog.getByRole("button", { name: "Save character" }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByTestId("character-card").filter({ hasText: "Cara Lind" });
  await expect(card.getByRole("list", { name: "Cara Lind's images" }).getByRole("img")).toHaveCount(2);
  await expect(card.getByRole("img", { name: "cara (main image)" })).toBeVisible();
  await expect(card.getByTestId("character-voice")).toContainText("slight rasp");
  // The clip made before she was saved already counts.
  await expect(card.getByTestId("character-usage")).toContainText("1 clip");

  // Insert only the main image into an empty composer.
  await page.evaluate(() => localStorage.removeItem("omni-studio:draft:v1"));
  await card.getByRole("link", { name: "Insert Cara Lind into the composer" }).click();
  const pick = page.getByTestId("insert-character-dialog");
  await pick.getByLabel("Main image only").check();
  await pick.getByRole("button", { name: /^Insert/ }).click();
  const studio = new StudioPage(page);
  await expect(studio.tiles).toHaveCount(1);
  expect(await tileNames(studio)).toEqual(["cara"]);
  // Dana joins for the second half, so Cara's face is lost there and the strip marks it.
  await studio.addReferences([{ name: "dana.png", mimeType: "image/png", buffer: await portrait("dana") }]);
  await studio.prompt.fill("<IMAGE_REF_0> smiles, then <IMAGE_REF_1> answers from the window.");
  await studio.setDuration(6);
  const known = new Set([before!.id]);
  await studio.generateButton.click();
  const id = await studio.newCardId(known);
  const made = await waitForStatus(request, id, "completed");
  expect(made.references.map((r) => r.label)).toEqual(["cara", "dana"]);

  // The card: the character's badge, then the identity score once measured.
  const clipCard = page.locator(`[data-testid="generation-card"][data-id="${id}"]`);
  await expect(clipCard.getByTestId("character-badge")).toHaveText(/Cara Lind/);
  await expect
    .poll(async () => (await getClip(request, id)).identity?.state, { timeout: 90_000 })
    .toBe("done");
  const scored = await getClip(request, id);
  // Cara holds while she is on screen and is lost when Dana answers; the clip of her alone scores high.
  const caraFace = scored.identity?.faces.find((f) => f.position === 0);
  expect(caraFace?.samples.some((x) => x.d !== null && x.d < 0.4)).toBe(true);
  expect(caraFace?.samples.some((x) => x.d !== null && x.d > 0.5)).toBe(true);
  await expect
    .poll(async () => (await getClip(request, before!.id)).identity?.state, { timeout: 90_000 })
    .toBe("done");
  expect((await getClip(request, before!.id)).identity?.score).toBeGreaterThanOrEqual(70);
  await expect(clipCard.getByTestId("identity-badge")).toHaveAttribute(
    "data-score",
    String(scored.identity?.score),
    { timeout: 30_000 },
  );

  // The clip page: the badge links to her clips; the strip's samples seek the player.
  await page.goto(`/clips/${id}`);
  await expect(page.getByTestId("character-badge")).toHaveText(/Cara Lind/);
  const strip = page.getByTestId("identity-strip");
  await expect(strip.getByTestId("identity-face")).toHaveCount(2);
  const cara = strip.locator(`[data-testid="identity-face"][data-position="0"]`);
  const playhead = () =>
    page
      .locator("video")
      .first()
      .evaluate((v: HTMLVideoElement) => v.currentTime);
  const low = cara.getByTestId("identity-low").last();
  const at = Number(await low.getAttribute("data-t"));
  expect(at).toBeGreaterThan(2);
  await low.click();
  await expect.poll(playhead).toBeCloseTo(at, 1);
  // Anywhere along the bar seeks too: a quarter of the way in.
  const bar = cara.getByTestId("identity-bar");
  const box = (await bar.boundingBox())!;
  await bar.click({ position: { x: box.width / 4, y: box.height / 2 } });
  await expect.poll(playhead).toBeCloseTo(6 / 4, 0);

  // Her clips: the one made before she was saved and the new one.
  await page.getByTestId("character-badge").click();
  await expect(page.getByTestId("lookup-header")).toContainText("Clips using Cara Lind");
  await expect(page.locator(`[data-testid="generation-card"][data-id="${before!.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="generation-card"][data-id="${id}"]`)).toBeVisible();
});

test("images dropped on the library make a new character; edit reorders, changes the main image, removes and adds", async ({
  page,
  request,
}) => {
  const one = await referenceFile("character", "wren-1.png", 3101);
  const two = await referenceFile("character", "wren-2.png", 3102);
  const notImage = { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") };
  await page.goto("/library");
  await dropFiles(page.locator("main"), [one, two, notImage]);
  const dialog = page.getByTestId("character-dialog");
  await expect(dialog.getByRole("heading")).toHaveText("New character");
  await expect(dialog.getByTestId("character-image")).toHaveCount(2);
  await expect(dialog.getByRole("alert")).toContainText(
    "notes.txt was not added: it is not a PNG, JPEG or WebP",
  );
  await dialog.getByLabel("Name").fill("Wren");
  await expect(dialog.getByLabel("Keep wren-2")).toBeVisible();
  await dialog.getByRole("button", { name: "Save character" }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByTestId("character-card").filter({ hasText: "Wren" });
  const characterId = (await card.getAttribute("data-id"))!;

  // Edit: the second image moved first and made main, a third added, the first one left out.
  await card.getByRole("button", { name: "Edit Wren" }).click();
  await expect(dialog.getByRole("heading")).toHaveText("Edit Wren");
  await dialog.getByRole("button", { name: "Move wren-2 earlier" }).click();
  await dialog.getByLabel("Main image: wren-2").check();
  await dialog
    .getByLabel("Add images to the character")
    .setInputFiles([await referenceFile("character", "wren-3.png", 3103)]);
  await expect(dialog.getByLabel("Keep wren-3")).toBeVisible();
  await dialog.getByLabel("Keep wren-1").uncheck();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();

  const saved = (await (await request.get(`/api/characters/${characterId}`)).json()).character as {
    images: { id: string; label: string }[];
    mainImageId: string;
  };
  expect(saved.images.map((i) => i.label)).toEqual(["wren-2", "wren-3"]);
  expect(saved.mainImageId).toBe(saved.images[0]!.id);
  await expect(card.getByRole("list", { name: "Wren's images" }).getByRole("img")).toHaveCount(2);
  await expect(card.getByRole("img", { name: "wren-2 (main image)" })).toBeVisible();
});
