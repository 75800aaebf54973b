import { character, expectPrompt, look, paste, place, tileNames } from "../support/composer";
import { expect, test } from "../support/fixtures";

// Issue 17's small composer things, in the browser: @ completes names with spaces and hints at an @word
// nothing matches, inserts never leave a doubled or trailing space, pasted images are named "pasted n",
// and the Insert character list is not cut off by the composer's edge.

test("@ completes a name with a space; an @word that names no reference gets a hint", async ({
  studio,
  page,
}) => {
  await studio.goto();
  await studio.addReferences([await character("nova.png", 501), await place("alley.png", 502)]);
  await studio.tile(0).getByTestId("reference-name").fill("nova face");
  await studio.tile(1).getByTestId("reference-name").fill("nova alley");
  await studio.prompt.click();
  await page.keyboard.type("@nova f");
  const menu = page.getByRole("listbox", { name: "References" });
  await expect(menu.getByRole("option")).toHaveText([/nova face/]);
  await page.keyboard.press("Enter");
  await page.keyboard.type(" walks past @herro.");
  // The user's own space replaced the one the completion added: one space, not two.
  await expectPrompt(studio, "<IMAGE_REF_0> walks past @herro.");
  await expect(page.getByTestId("prompt-unknown-mention")).toContainText(
    "@herro names no reference, so the model reads it as plain text.",
  );
  // Typed out with its space, a name counts as a match.
  await page.keyboard.type(" Then @nova alley");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("prompt-unknown-mention")).not.toContainText("@nova");
});

test("Insert and @ completion leave no doubled space, and the payload no trailing one", async ({
  studio,
  page,
}) => {
  await studio.goto();
  await studio.addReferences([await character("hero.png", 511), await look("neon.png", 512)]);
  await studio.prompt.click();
  await page.keyboard.type("A shot of");
  await studio.insertTag(0);
  // Inserted at the end: what is sent has no trailing space.
  await page.getByRole("button", { name: "Payload" }).click();
  await expect(page.getByTestId("payload-json")).toContainText('"prompt": "A shot of <IMAGE_REF_0>"');
  await studio.prompt.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" runs in @ne");
  await page.keyboard.press("Enter");
  await page.keyboard.type(" light.");
  await expectPrompt(studio, "A shot of <IMAGE_REF_0> runs in <IMAGE_REF_1> light.");
  await expect(page.getByTestId("payload-json")).toContainText(
    '"prompt": "A shot of <IMAGE_REF_0> runs in <IMAGE_REF_1> light."',
  );
});

test("pasted images are named pasted 1, pasted 2, ...", async ({ studio, page }) => {
  await studio.goto();
  await expect(page.getByTestId("composer")).toHaveAttribute("data-ready", "true");
  const clipboardImage = async (seed: number) => ({ ...(await look("x.png", seed)), name: "image.png" });
  await paste(page, { files: [await clipboardImage(521)] });
  await expect(studio.tiles).toHaveCount(1);
  await paste(page, { files: [await clipboardImage(522)] }, studio.prompt);
  await expect(studio.tiles).toHaveCount(2);
  await expect(studio.tiles.and(page.locator("[data-status=ready]"))).toHaveCount(2, { timeout: 30_000 });
  expect(await tileNames(studio)).toEqual(["pasted 1", "pasted 2"]);
  // A freed number is used again rather than repeating one still in the draft.
  await studio.tile(0).getByRole("button", { name: "Remove" }).click();
  await paste(page, { files: [await clipboardImage(523)] });
  await expect(studio.tiles).toHaveCount(2);
  expect(await tileNames(studio)).toEqual(["pasted 2", "pasted 1"]);
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test(`the Insert character list is not cut off by the composer's edge at ${viewport.width}x${viewport.height}`, async ({
    studio,
    page,
  }) => {
    await page.setViewportSize(viewport);
    await studio.goto();
    await studio.addReferences([await character("hero.png", 531)]);
    await page.getByText("Insert character").click();
    const panel = page.getByTestId("insert-character").locator("div").first();
    await expect(panel).toBeVisible();
    // The composer brings the list into view itself (below the fold, or under the sticky footer).
    await expect(panel).toBeInViewport({ ratio: 1 });
    const box = (await panel.boundingBox())!;
    const composer = (await page.getByTestId("composer").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(composer.x);
    expect(box.x + box.width).toBeLessThanOrEqual(composer.x + composer.width);
    expect(box.y + box.height).toBeLessThanOrEqual(composer.y + composer.height);
    // Every part of it can be seen: nothing covers or clips its corners (inside the rounded edge).
    const corners = () =>
      panel.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return [
          [r.left + 12, r.top + 12],
          [r.right - 12, r.bottom - 12],
        ].map(([x, y]) => {
          const hit = document.elementFromPoint(x!, y!);
          return hit !== null && el.contains(hit);
        });
      });
    await expect.poll(corners).toEqual([true, true]);
  });
}
