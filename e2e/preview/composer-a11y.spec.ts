import { character, look, place } from "../support/composer";
import { expect, test } from "../support/fixtures";
import { seriousViolations } from "../support/studio-page";

// The composer in use (tiles, chips, the @ menu, the Payload view, lint) checked by axe at desktop and
// phone widths; the screenshots land in test-results for a person to look at.

for (const viewport of [
  { width: 1440, height: 900, name: "desktop" },
  { width: 390, height: 844, name: "phone" },
]) {
  test(`the composer in use has no serious accessibility violation (${viewport.name})`, async ({
    studio,
    page,
  }, info) => {
    await page.setViewportSize(viewport);
    await studio.goto();
    expect(await seriousViolations(page, '[data-testid="composer"]')).toEqual([]);

    await studio.addReferences([
      await character("hero.png", 141),
      await place("rainy-alley.png", 142),
      await look("neon palette.png", 143),
    ]);
    await studio.prompt.click();
    await studio.insertTag(0);
    await page.keyboard.type("walks into @ra");
    await page.keyboard.press("Enter");
    await page.keyboard.type(
      'at dusk. Single continuous handheld shot; soft rain. She says, "We\'re late." ',
    );
    await page.keyboard.type("@");
    await expect(page.getByRole("listbox", { name: "References" })).toBeVisible();
    expect(await seriousViolations(page, '[data-testid="composer"]')).toEqual([]);
    await page.screenshot({ path: info.outputPath(`composer-${viewport.name}-mention.png`) });

    await page.keyboard.press("Escape");
    await page.keyboard.press("Backspace");
    await page.getByRole("button", { name: "Payload" }).click();
    await page.getByRole("radiogroup", { name: "Takes" }).getByRole("radio", { name: "2 takes" }).click();
    await expect(page.getByRole("region", { name: "Payload" })).toBeVisible();
    expect(await seriousViolations(page, '[data-testid="composer"]')).toEqual([]);
    await page.screenshot({ path: info.outputPath(`composer-${viewport.name}-payload.png`), fullPage: true });
  });
}
