import { expect, type Page, test } from "@playwright/test";
import { createClip, uploadReference, waitForStatus } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";
import { seriousViolations } from "../support/studio-page";

// axe on the studio (with clips in the gallery, including a take group) and on a clip's page, in both
// themes: no serious or critical violations. Plus the theme toggle: persisted, and applied before paint.

async function useTheme(page: Page, theme: "dark" | "light") {
  const html = page.locator("html");
  if ((await html.getAttribute("class"))?.includes(theme)) return;
  await page.getByRole("button", { name: `Switch to ${theme} theme` }).click();
  await expect(html).toHaveClass(new RegExp(`\\b${theme}\\b`));
}

test.describe("accessibility", () => {
  let clipId = "";
  let otherId = "";

  test.beforeAll(async ({ request }) => {
    const hero = await uploadReference(request, "character", "mara.png", 61);
    const alley = await uploadReference(request, "place", "alley.png", 62);
    const [single] = await createClip(request, {
      prompt: "<IMAGE_REF_0> steps into <IMAGE_REF_1>; neon hum, distant rain.",
      references: [hero, alley],
      referenceNames: ["Mara", "Alley"],
    });
    const takes = await createClip(request, {
      prompt: "<IMAGE_REF_0> looks up at the sky. Wind.",
      references: [hero],
      aspectRatio: "9:16",
      takes: 2,
    });
    for (const g of [single!, ...takes]) await waitForStatus(request, g.id, "completed");
    clipId = single!.id;
    otherId = takes[0]!.id;
  });

  for (const theme of ["dark", "light"] as const) {
    test(`the studio page has no serious violations (${theme})`, async ({ page }) => {
      const gallery = new GalleryPage(page);
      await gallery.goto();
      await expect(gallery.card(clipId).getByTestId("generation-poster")).toBeVisible();
      await expect(page.getByTestId("take-group").first()).toBeVisible();
      await useTheme(page, theme);
      expect(await seriousViolations(page)).toEqual([]);
    });

    test(`the compact grid and list rows, with a collapsed take group, have no serious violations (${theme})`, async ({
      page,
    }) => {
      const gallery = new GalleryPage(page);
      await gallery.goto();
      await useTheme(page, theme);
      const group = page.getByTestId("take-group").filter({ has: gallery.card(otherId) });
      await group.getByRole("button", { name: "Collapse" }).click();
      await expect(gallery.card(otherId).getByTestId("more-takes")).toBeVisible();
      for (const density of ["Compact", "List"]) {
        await page
          .getByRole("radiogroup", { name: "Gallery density" })
          .getByRole("radio", { name: density })
          .click();
        await expect(gallery.card(clipId).getByTestId("generation-poster")).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      }
    });

    test(`a clip's page has no serious violations (${theme})`, async ({ page }) => {
      await page.goto(`/clips/${clipId}`);
      await expect(page.getByTestId("clip-player")).toBeVisible();
      await useTheme(page, theme);
      expect(await seriousViolations(page)).toEqual([]);
      // A take's page from a search: the take switcher, Previous/Next in that view, the shortcuts list.
      await page.goto(`/clips/${otherId}?q=sky`);
      await expect(
        page.getByRole("navigation", { name: /^Takes of this clip/ }).getByRole("link"),
      ).toHaveCount(2);
      await expect(page.getByTestId("clip-pager").getByRole("link").first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  for (const theme of ["dark", "light"] as const) {
    test(`the library, spend and compare pages have no serious violations (${theme})`, async ({ page }) => {
      await page.goto("/library");
      await expect(page.getByRole("heading", { name: "Character library" })).toBeVisible();
      await useTheme(page, theme);
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto("/spend");
      await expect(page.getByTestId("spend-totals")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`/compare?ids=${clipId},${otherId}`);
      await expect(page.getByTestId("prompt-diff")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test("the theme follows the system, the toggle overrides it, and the choice is applied before paint", async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme: "light" });
    const page = await context.newPage();
    // Records the theme class at the moment <body> is created, before anything renders.
    await page.addInitScript(() => {
      const seen = new MutationObserver(() => {
        if (!document.body) return;
        (window as unknown as { themeAtBody: string }).themeAtBody = document.documentElement.className;
        seen.disconnect();
      });
      seen.observe(document, { childList: true, subtree: true });
    });
    const atBody = () => page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody);

    await page.goto("/");
    expect(await atBody()).toContain("light");
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.reload();
    expect(await atBody()).toContain("dark");
    await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
    // Back to the system's theme: the choice is dropped, so the system is followed again.
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    expect(await page.evaluate(() => localStorage.getItem("omni-theme"))).toBeNull();
    await context.close();
  });
});
