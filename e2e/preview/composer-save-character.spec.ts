import type { APIRequestContext, Page } from "@playwright/test";
import { listClips } from "../support/clips";
import { character, look } from "../support/composer";
import { expect, test } from "../support/fixtures";
import { type FilePayload, type StudioPage, seriousViolations } from "../support/studio-page";

// "Save as character" from the composer. The dialog used to sit inside the composer's <form>: saving
// reloaded the page (a native GET /?) and stored nothing. It now renders outside it, and nothing it does
// reaches the composer (no reload, no clip started, the draft kept).

const PROMPT = "<IMAGE_REF_0> in <IMAGE_REF_1> crosses the rope bridge at dawn; wind, creaking planks.";

/** Marks the window: the mark survives anything but a reload or a navigation away. */
async function markWindow(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __stayed: boolean }).__stayed = true;
  });
}

/** A fresh composer (no stored draft) holding `files` and `prompt`; returns the clips that exist now. */
async function composerWith(
  studio: StudioPage,
  request: APIRequestContext,
  files: FilePayload[],
  prompt: string,
) {
  await studio.goto();
  await studio.page.evaluate(() => localStorage.clear());
  await studio.goto();
  await studio.addReferences(files);
  await studio.prompt.fill(prompt);
  const known = new Set((await listClips(request)).map((g) => g.id));
  await markWindow(studio.page);
  return known;
}

async function expectSameWindow(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
}

test("save the tray's images as a character from the composer and find it in the library", async ({
  studio,
  page,
  request,
}) => {
  // A prompt that could be generated: a submit leaking from the dialog would start a clip.
  const known = await composerWith(
    studio,
    request,
    [await character("mara-face.png", 611), await look("mara-coat.png", 612)],
    PROMPT,
  );

  await page.getByRole("button", { name: "Save as character" }).click();
  const dialog = page.getByRole("dialog", { name: "Save as a character" });
  await expect(dialog).toBeVisible();
  // Both images, each kept unless left out.
  await expect(dialog.getByRole("checkbox", { name: /^Keep / })).toHaveCount(2);
  for (const box of await dialog.getByRole("checkbox", { name: /^Keep / }).all())
    await expect(box).toBeChecked();
  await dialog.getByLabel("Name").fill("Mara");
  await dialog.getByLabel(/Short description/).fill("Bridge keeper, green coat");
  expect(await seriousViolations(page, '[data-testid="character-dialog"]')).toEqual([]);
  await dialog.getByRole("button", { name: "Save character" }).click();

  await expect(page.getByText("Saved Mara to the library")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectSameWindow(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(studio.prompt).toHaveAttribute("data-value", PROMPT);
  await expect(studio.tiles).toHaveCount(2);

  // The composer's own list of characters knows it at once.
  await page.getByText("Insert character").click();
  await expect(page.getByRole("button", { name: "Insert Mara" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).click();
  const card = page.getByTestId("character-card").filter({ hasText: "Mara" });
  await expect(card).toBeVisible();
  await expect(card.getByRole("img")).toHaveCount(2);
  await expect(card).toContainText("Bridge keeper, green coat");

  // The same dialog edits it from the library, starting from what was saved.
  await card.getByRole("button", { name: "Edit Mara" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Mara" });
  await expect(edit.getByLabel("Name")).toHaveValue("Mara");
  await edit.getByLabel(/Short description/).fill("Bridge keeper, grey coat");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(card).toContainText("Bridge keeper, grey coat");

  // Saving started no clip.
  expect((await listClips(request)).filter((g) => !known.has(g.id))).toEqual([]);
});

test("the composer's character dialog by keyboard: Esc cancels, Enter without a name says why, Enter saves", async ({
  studio,
  page,
  request,
}) => {
  const known = await composerWith(
    studio,
    request,
    [await character("oren.png", 621)],
    "<IMAGE_REF_0> waves from the tram window; bell ringing.",
  );

  const open = page.getByRole("button", { name: "Save as character" });
  const dialog = page.getByRole("dialog", { name: "Save as a character" });
  await open.click();
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  await open.click();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("alert")).toHaveText("Give the character a name.");
  await expectSameWindow(page);

  // The composer's Ctrl+Enter (Generate) does not reach through the dialog.
  await dialog.getByLabel(/Short description/).fill("Tram driver");
  await page.keyboard.press("Control+Enter");
  await dialog.getByLabel("Name").fill("Oren");
  await dialog.getByLabel("Name").press("Enter");
  await expect(page.getByText("Saved Oren to the library")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectSameWindow(page);

  await page.goto("/library");
  await expect(page.getByTestId("character-card").filter({ hasText: "Oren" })).toContainText("Tram driver");
  expect((await listClips(request)).filter((g) => !known.has(g.id))).toEqual([]);
});
