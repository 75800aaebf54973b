import { character, copySelection, expectChips, expectPrompt, paste, place } from "../support/composer";
import { expect, test } from "../support/fixtures";

test("chips are atomic: the caret steps over one, one Backspace removes it, undo and redo, copy and paste keep raw tags", async ({
  studio,
  page,
}) => {
  await studio.goto();
  await studio.addReferences([await character("hero.png", 51), await place("harbor.png", 52)]);
  await studio.prompt.click();
  await page.keyboard.type("A ");
  await studio.insertTag(0);
  await page.keyboard.type("meets");
  await studio.insertTag(1);
  await expectPrompt(studio, "A <IMAGE_REF_0> meets <IMAGE_REF_1> ");
  await expectChips(studio, [
    [0, "hero"],
    [1, "harbor"],
  ]);

  // One Backspace for the space, one for the whole chip.
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await expectPrompt(studio, "A <IMAGE_REF_0> meets ");
  await expectChips(studio, [[0, "hero"]]);
  await page.keyboard.press("ControlOrMeta+z");
  await expectPrompt(studio, "A <IMAGE_REF_0> meets <IMAGE_REF_1>");
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expectPrompt(studio, "A <IMAGE_REF_0> meets ");
  await page.keyboard.press("ControlOrMeta+z");
  await page.keyboard.press("ControlOrMeta+z");
  await expectPrompt(studio, "A <IMAGE_REF_0> meets <IMAGE_REF_1> ");

  // The caret crosses a chip in one arrow press, both ways.
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("!");
  await expectPrompt(studio, "A <IMAGE_REF_0>! meets <IMAGE_REF_1> ");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("x");
  await expectPrompt(studio, "A x<IMAGE_REF_0>! meets <IMAGE_REF_1> ");
  // Undo takes back the insertion by button too.
  await page.keyboard.press("ControlOrMeta+z");
  await page.keyboard.press("ControlOrMeta+z");
  await expectPrompt(studio, "A <IMAGE_REF_0> meets <IMAGE_REF_1> ");
  await page.keyboard.press("ControlOrMeta+z");
  await expectPrompt(studio, "A <IMAGE_REF_0> meets");

  // Copy carries the raw tags; pasting them back makes chips.
  await page.keyboard.press("ControlOrMeta+a");
  expect(await copySelection(studio.prompt)).toBe("A <IMAGE_REF_0> meets");
  await page.keyboard.press("End");
  await paste(page, { text: " <IMAGE_REF_1> at night" }, studio.prompt);
  await expectPrompt(studio, "A <IMAGE_REF_0> meets <IMAGE_REF_1> at night");
  await expectChips(studio, [
    [0, "hero"],
    [1, "harbor"],
  ]);
});

test("lint: a tag with no image blocks Generate; lookalike tags, unused references, empty and over-long prompts are flagged", async ({
  studio,
  page,
}) => {
  await studio.goto();
  await studio.addReferences([await character("hero.png", 61)]);
  await expect(page.getByTestId("prompt-empty")).toBeVisible();

  await studio.prompt.fill("<IMAGE_REF_0> meets <IMAGE_REF_3> at the pier.");
  await expect(page.getByTestId("prompt-error")).toContainText(
    "<IMAGE_REF_3> has no reference image: with 1 reference use <IMAGE_REF_0>.",
  );
  await expect(studio.prompt).toHaveAttribute("aria-invalid", "true");
  await expect(studio.prompt.locator('[data-tag="<IMAGE_REF_3>"]')).toHaveText("<IMAGE_REF_3>");
  await expect(studio.generateButton).toHaveAttribute("aria-disabled", "true");
  await expect(studio.generateBlocker).toContainText("<IMAGE_REF_3> has no reference image");
  await page.getByRole("button", { name: "Remove it" }).click();
  await expectPrompt(studio, "<IMAGE_REF_0> meets at the pier.");
  await expect(page.getByTestId("prompt-error")).toHaveCount(0);
  await expect(studio.generateButton).toBeEnabled();
  await expect(studio.generateButton).not.toHaveAttribute("aria-disabled");

  // A lookalike tag is a warning (the model would read it as text), with a fix.
  await studio.prompt.fill("<image_ref_0> at the pier.");
  await expect(page.getByTestId("prompt-malformed")).toContainText("“<image_ref_0>” is read as plain text");
  await expect(page.getByTestId("prompt-unused")).toContainText("hero (<IMAGE_REF_0>)");
  await page.getByTestId("prompt-malformed").getByRole("button", { name: "Fix" }).click();
  await expectPrompt(studio, "<IMAGE_REF_0> at the pier.");
  await expect(page.getByTestId("prompt-malformed")).toHaveCount(0);
  await expect(page.getByTestId("prompt-unused")).toHaveCount(0);

  // The counter warns near the limit and blocks past it.
  const counter = page.getByTestId("prompt-counter");
  await studio.prompt.fill(`<IMAGE_REF_0> ${"a".repeat(18_500)}`);
  await expect(counter).toHaveAttribute("data-state", "near");
  await expect(studio.generateButton).not.toHaveAttribute("aria-disabled");
  await studio.prompt.fill(`<IMAGE_REF_0> ${"a".repeat(19_990)}`);
  await expect(counter).toHaveText("20,004 / 20,000");
  await expect(counter).toHaveAttribute("data-state", "over");
  await expect(page.getByTestId("prompt-too-long")).toContainText("4 characters over the limit of 20,000");
  await expect(studio.generateButton).toHaveAttribute("aria-disabled", "true");
});

test("the Payload view shows the exact JSON the provider receives, in reference order; tips are one click away", async ({
  studio,
  page,
}) => {
  await studio.goto();
  await studio.addReferences([await character("hero.png", 71), await place("harbor.png", 72)]);
  await studio.prompt.fill("<IMAGE_REF_0> waits at <IMAGE_REF_1>. No dialogue.");
  await studio.setDuration(5);
  await studio.setAspectRatio("9:16");

  await page.getByRole("button", { name: "Payload" }).click();
  const view = page.getByRole("region", { name: "Payload" });
  const read = async () => JSON.parse((await view.getByTestId("payload-json").textContent()) ?? "");
  const first = await read();
  expect(Object.keys(first)).toEqual(["prompt", "image_urls", "aspect_ratio", "duration"]);
  expect(first).toMatchObject({
    prompt: "<IMAGE_REF_0> waits at <IMAGE_REF_1>. No dialogue.",
    aspect_ratio: "9:16",
    duration: 5,
  });
  expect(first.image_urls).toHaveLength(2);
  for (const url of first.image_urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/media\//);
  await expect(view.getByTestId("payload-image")).toHaveText([
    /image_urls\[0\].*hero/,
    /image_urls\[1\].*harbor/,
  ]);

  // Reordering changes both the order of image_urls and the tags, consistently.
  await studio.tile(0).getByRole("button", { name: "Move right" }).click();
  await expect(view.getByTestId("payload-image")).toHaveText([/harbor/, /hero/]);
  const second = await read();
  expect(second.image_urls).toEqual([first.image_urls[1], first.image_urls[0]]);
  expect(second.prompt).toBe("<IMAGE_REF_1> waits at <IMAGE_REF_0>. No dialogue.");

  await page.getByRole("button", { name: "Tips" }).click();
  const tips = page.getByRole("region", { name: "Prompt tips" });
  await expect(tips).toContainText("One continuous shot");
  await expect(tips).toContainText("Dialogue in quotes");
  await expect(tips).toContainText("No dialogue.");
  await expect(tips).toContainText("[0-3s]");
});
