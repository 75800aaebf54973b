import { expect, type Page, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createClip, uploadReference, waitForStatus } from "../support/clips";

// The gallery's compare picks (issue 17): up to four, a bar that covers no card's text, and picks used up
// once the user leaves the compare they opened.

/** Every line of card text on screen that the bar's box overlaps (text nodes' own boxes, not the cards'). */
async function textUnderBar(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector('[data-testid="compare-bar"]')?.getBoundingClientRect();
    if (!bar) throw new Error("no compare bar");
    const hits: string[] = [];
    for (const card of document.querySelectorAll('[data-testid="generation-card"]')) {
      const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.top >= window.innerHeight) continue;
          const overlaps =
            r.left < bar.right && r.right > bar.left && r.top < bar.bottom && r.bottom > bar.top;
          if (overlaps) hits.push(node.textContent.trim().slice(0, 40));
        }
      }
    }
    return hits;
  });
}

const card = (page: Page, id: string) => page.locator(`[data-testid="generation-card"][data-id="${id}"]`);

test("pick up to four clips; the bar covers no card text and the picks are used up by the compare", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const ref = await uploadReference(request, "character", "pia.png", 1801);
  const clips: GenerationDTO[] = [];
  for (const verb of ["rows", "paddles", "drifts", "sails", "swims", "dives"]) {
    const [made] = await createClip(request, {
      prompt: `<IMAGE_REF_0> ${verb} across a quiet lake at dawn; loons calling.`,
      references: [ref],
      referenceNames: ["Pia"],
    });
    clips.push(made!);
  }
  for (const g of clips) await waitForStatus(request, g.id, "completed");

  await page.goto("/");
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  const bar = page.getByTestId("compare-bar");
  await expect(bar).toBeHidden();
  // Five picks: the oldest drops out, four stay.
  for (const g of clips.slice(0, 5)) await card(page, g.id).getByLabel("Compare").check();
  await expect(card(page, clips[0]!.id).getByLabel("Compare")).not.toBeChecked();
  await expect(bar).toContainText("4 clips picked");
  const picked = clips.slice(1, 5).map((g) => g.id);

  // Scrolled to the very bottom: the bar sits after the last card, no line of any card's text under it.
  // (Rows below are drawn, and measured, as they come near: scroll until the page stops growing.)
  await expect
    .poll(async () => {
      const y = await page.evaluate(() => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return window.scrollY;
      });
      await page.waitForTimeout(250);
      return (
        y === (await page.evaluate(() => window.scrollY)) &&
        (await page.evaluate(
          () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 1,
        ))
      );
    })
    .toBe(true);
  await expect(bar).toBeInViewport();
  expect(await textUnderBar(page), "card text under the bar at the bottom").toEqual([]);

  // Halfway: docked to the window's bottom edge across the gallery's width, not floating over the cards
  // with their text showing around it.
  await page.evaluate(() =>
    window.scrollTo(0, Math.round((document.documentElement.scrollHeight - window.innerHeight) / 2)),
  );
  await page.waitForTimeout(300);
  const docked = await page.evaluate(() => {
    const b = document.querySelector('[data-testid="compare-bar"]')!.getBoundingClientRect();
    const g = document.querySelector('[data-testid="history"]')!.getBoundingClientRect();
    return { gap: window.innerHeight - b.bottom, left: b.left - g.left, right: g.right - b.right };
  });
  expect(docked.gap).toBeCloseTo(0, 0);
  expect(Math.abs(docked.left)).toBeLessThan(1);
  expect(Math.abs(docked.right)).toBeLessThan(1);

  // A card's control under the bar, focused (as Tab does): the page scrolls it above the bar.
  const under = await page.evaluate(() => {
    const b = document.querySelector('[data-testid="compare-bar"]')!.getBoundingClientRect();
    const stars = [
      ...document.querySelectorAll<HTMLElement>('[data-testid="generation-card"] [data-testid="favorite"]'),
    ];
    const star = stars.find((el) => el.getBoundingClientRect().top > 100);
    if (!star) return null;
    window.scrollBy(0, star.getBoundingClientRect().top - (b.top + 6));
    return star.closest<HTMLElement>('[data-testid="generation-card"]')!.dataset.id!;
  });
  expect(under).not.toBeNull();
  const star = card(page, under!).getByTestId("favorite");
  const hidden = await star.evaluate((el) => {
    const b = document.querySelector('[data-testid="compare-bar"]')!.getBoundingClientRect();
    return el.getBoundingClientRect().bottom > b.top;
  });
  expect(hidden, "the star starts under the bar").toBe(true);
  await star.focus();
  await expect
    .poll(() =>
      star.evaluate((el) => {
        const b = document.querySelector('[data-testid="compare-bar"]')!.getBoundingClientRect();
        return b.top - el.getBoundingClientRect().bottom;
      }),
    )
    .toBeGreaterThanOrEqual(0);

  await bar.getByRole("link", { name: "Compare 4 clips" }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?ids=${picked.join(",")}$`));
  await expect(page.getByTestId("compare-video-d")).toBeVisible();
  // Still picked while the compare is open.
  expect(await page.evaluate(() => sessionStorage.getItem("omni-studio:compare:v1"))).toContain(picked[0]);
  await page.getByRole("link", { name: "Gallery" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(card(page, clips[1]!.id)).toBeVisible();
  await expect(bar).toBeHidden();
  await expect(card(page, clips[1]!.id).getByLabel("Compare")).not.toBeChecked();
  await page.reload();
  await expect(card(page, clips[1]!.id)).toBeVisible();
  await expect(bar).toBeHidden();
});
