import { expect, test } from "@playwright/test";

// The header is on every page. On a 390 px phone the theme toggle used to sit past the right edge (the
// page scrolled sideways to reach it). Signed in, the member's inbox and menu share the row, and the
// theme switch moves into that menu; on a page without the menu it stays in the header.

test.use({ viewport: { width: 390, height: 844 } });

for (const url of ["/", "/library", "/no-such-page"]) {
  test(`the header fits a 390 px phone on ${url}: the theme toggle is on screen, nothing scrolls sideways`, async ({
    page,
  }) => {
    await page.goto(url);
    await expect(page.getByTestId("provider-badge")).toHaveAttribute("data-provider", "preview");
    const banner = page.getByRole("banner");
    if (url !== "/no-such-page") await banner.getByTestId("user-menu").click();
    const toggle = banner.getByRole(url === "/no-such-page" ? "button" : "menuitem", {
      name: /Switch to (dark|light) theme/,
    });
    await expect(toggle).toBeVisible();
    for (const control of [toggle, banner.getByTestId("inbox-button"), banner.getByTestId("user-menu")]) {
      if (url === "/no-such-page" && control !== toggle) continue;
      const edge = await control.boundingBox();
      expect(edge!.x + edge!.width).toBeLessThanOrEqual(390);
    }
    const box = await toggle.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
}
