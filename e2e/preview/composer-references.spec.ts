import {
  character,
  dropFiles,
  expectChips,
  expectPrompt,
  look,
  paste,
  place,
  tileNames,
} from "../support/composer";
import { expect, test } from "../support/fixtures";

const TAGGED = "<IMAGE_REF_0> walks into <IMAGE_REF_1> at dusk in <IMAGE_REF_2>. Single continuous shot.";

test("drop three images, tag them by button and by @, reorder (buttons and drag) and the chips follow, remove and undo", async ({
  studio,
  page,
}) => {
  await studio.goto();
  await dropFiles(page.getByTestId("dropzone"), [
    await character("hero.png", 31),
    await place("alley.png", 32),
    await look("neon_look.png", 33),
  ]);
  // Each appears at once, then is stored.
  await expect(studio.tiles).toHaveCount(3);
  await expect(studio.tiles.and(page.locator("[data-status=ready]"))).toHaveCount(3, { timeout: 30_000 });
  expect(await tileNames(studio)).toEqual(["hero", "alley", "neon_look"]);
  await expect(studio.tiles.getByTestId("reference-tag")).toHaveText([
    "<IMAGE_REF_0>",
    "<IMAGE_REF_1>",
    "<IMAGE_REF_2>",
  ]);

  // A short editable name; the chips show it.
  await studio.tile(2).getByTestId("reference-name").fill("neon look");

  // Insert by button at the caret, then by typing @ and choosing with the keyboard.
  await studio.prompt.click();
  await studio.insertTag(0);
  await page.keyboard.type("walks into ");
  await page.keyboard.type("@");
  const menu = page.getByRole("listbox", { name: "References" });
  // The references first (saved characters, if any, follow in a group of their own).
  const references = menu.getByRole("group", { name: "References" }).getByRole("option");
  await expect(references).toHaveText([/hero/, /alley/, /neon look/]);
  await page.keyboard.type("al");
  await expect(references).toHaveText([/alley/]);
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  await page.keyboard.type("at dusk in @");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("option", { selected: true })).toContainText("neon look");
  await page.keyboard.press("Enter");
  // Punctuation typed right after an inserted tag takes the place of its trailing space.
  await page.keyboard.type(". Single continuous shot.");
  await expectPrompt(studio, TAGGED);
  await expectChips(studio, [
    [0, "hero"],
    [1, "alley"],
    [2, "neon look"],
  ]);

  // Escape closes the menu and leaves the @ as text.
  await page.keyboard.type(" @");
  await expect(menu).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("mention-menu")).toBeHidden();
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await expectPrompt(studio, TAGGED);

  // Reorder by button: hero moves right, every tag is renumbered so each chip keeps its image.
  await studio.tile(0).getByRole("button", { name: "Move right" }).click();
  expect(await tileNames(studio)).toEqual(["alley", "hero", "neon look"]);
  await expectPrompt(
    studio,
    "<IMAGE_REF_1> walks into <IMAGE_REF_0> at dusk in <IMAGE_REF_2>. Single continuous shot.",
  );
  await expectChips(studio, [
    [1, "hero"],
    [0, "alley"],
    [2, "neon look"],
  ]);
  // Focus stays on the moved tile's control, so a keyboard user can keep moving it.
  await expect(studio.tile(1).getByRole("button", { name: "Move right" })).toBeFocused();

  // Reorder by drag: neon look onto the first tile.
  await studio.tile(2).locator("img").first().dragTo(studio.tile(0));
  expect(await tileNames(studio)).toEqual(["neon look", "alley", "hero"]);
  await expectPrompt(
    studio,
    "<IMAGE_REF_2> walks into <IMAGE_REF_1> at dusk in <IMAGE_REF_0>. Single continuous shot.",
  );
  await expectChips(studio, [
    [2, "hero"],
    [1, "alley"],
    [0, "neon look"],
  ]);

  // Remove alley: its chip leaves the prompt and later tags shift down; Undo brings both back exactly.
  await studio.tile(1).getByRole("button", { name: "Remove" }).click();
  expect(await tileNames(studio)).toEqual(["neon look", "hero"]);
  await expectPrompt(studio, "<IMAGE_REF_1> walks into at dusk in <IMAGE_REF_0>. Single continuous shot.");
  await expect(page.getByText("Removed alley")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  expect(await tileNames(studio)).toEqual(["neon look", "alley", "hero"]);
  await expectPrompt(
    studio,
    "<IMAGE_REF_2> walks into <IMAGE_REF_1> at dusk in <IMAGE_REF_0>. Single continuous shot.",
  );
});

test("paste an image anywhere on the page and drag a thumbnail into the prompt", async ({ studio, page }) => {
  await studio.goto();
  await paste(page, { files: [await character("pasted-face.png", 41)] });
  await expect(studio.tiles).toHaveCount(1);
  await expect(studio.tile(0)).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  expect(await tileNames(studio)).toEqual(["pasted-face"]);

  // An image pasted into the prompt becomes a reference too; text pasted there keeps its raw tags.
  await paste(page, { files: [await place("pasted-street.png", 42)] }, studio.prompt);
  await expect(studio.tiles).toHaveCount(2);
  await expect(studio.tiles.and(page.locator("[data-status=ready]"))).toHaveCount(2, { timeout: 30_000 });

  await studio.prompt.click();
  await paste(page, { text: "Night. <IMAGE_REF_1> glows.\r\n" }, studio.prompt);
  await expectPrompt(studio, "Night. <IMAGE_REF_1> glows.\n");
  await expectChips(studio, [[1, "pasted-street"]]);

  // Drag the first thumbnail to the start of the prompt.
  await studio
    .tile(0)
    .locator("img")
    .first()
    .dragTo(studio.prompt, { targetPosition: { x: 12, y: 14 } });
  await expectPrompt(studio, "<IMAGE_REF_0> Night. <IMAGE_REF_1> glows.\n");
});
