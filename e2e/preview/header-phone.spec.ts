import { expect, test } from "@playwright/test";

// The header is on every page. On a 390 px phone the theme toggle used to sit past the right edge (the
// page scrolled sideways to reach it).

test.use({ viewport: { width: 390, height: 844 } });

for (const url of ["/", "/library", "/no-such-page"]) {
  test(`the header fits a 390 px phone on ${url}: the theme toggle is on screen, nothing scrolls sideways`, async ({
    page,
  }) => {
    await page.goto(url);
    await expect(page.getByTestId("provider-badge")).toHaveAttribute("data-provider", "preview");
    const toggle = page.getByRole("banner").getByRole("button", { name: /Switch to (dark|light) theme/ });
    const box = await toggle.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
}
