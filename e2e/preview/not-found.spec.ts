import { expect, test } from "@playwright/test";
import { seriousViolations } from "../support/studio-page";

// An address the studio does not have gets the studio's own page (its header, what happened, the way
// back), answered with 404, not Next's bare one.

test("an unknown path answers 404 with the studio's not-found page and a way home", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page).toHaveTitle(/Page not found/);
  const main = page.getByTestId("not-found");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("This page isn’t here");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${colorScheme}\\b`));
    expect(await seriousViolations(page)).toEqual([]);
  }
  const home = main.getByRole("link", { name: "Back to the studio" });
  await expect(home).toHaveAttribute("href", "/");
  await home.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("composer")).toBeVisible();
});
