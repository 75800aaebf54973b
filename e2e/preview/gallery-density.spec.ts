import { expect, type Locator, type Page, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createClip, getClip, uploadReference, waitForStatus } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";

// The gallery's density (comfortable, compact grid, list rows) and collapsible take groups: both kept per
// browser (cookies the server reads, so the first HTML is already in the chosen layout), measured by
// boxes at 1440x900 and on a 390 px phone.

test.use({ viewport: { width: 1440, height: 900 } });

const densitySwitch = (page: Page) => page.getByRole("radiogroup", { name: "Gallery density" });
const radio = (page: Page, name: "Comfortable" | "Compact" | "List") =>
  densitySwitch(page).getByRole("radio", { name });

async function boxes(cards: Locator, ids: readonly string[]) {
  const out = [];
  for (const id of ids) {
    const box = await cards.page().locator(`[data-testid="generation-card"][data-id="${id}"]`).boundingBox();
    expect(box, `card ${id} is on the page`).not.toBeNull();
    out.push(box!);
  }
  return out;
}

/** Whether the server's HTML for `/` (with this browser's cookies: what the first paint shows) has `text`. */
async function inServerHtml(page: Page, text: string): Promise<boolean> {
  const res = await page.request.get("/");
  expect(res.status()).toBe(200);
  return (await res.text()).includes(text);
}

async function newestClips(page: Page, count: number, seed: number): Promise<GenerationDTO[]> {
  const ref = await uploadReference(page.request, "place", "dune.png", seed);
  const made: GenerationDTO[] = [];
  for (let i = 0; i < count; i++) {
    const [g] = await createClip(page.request, {
      prompt: `Clip ${i + 1} of the density test: wind over <IMAGE_REF_0>, one slow pan.`,
      references: [ref],
      referenceNames: ["Dune"],
    });
    made.push(g!);
  }
  for (const g of made) await waitForStatus(page.request, g.id, "completed");
  // Newest first, as the gallery shows them.
  return made.reverse();
}

test("comfortable by default; compact has four columns at 1440 px, list one clip a row; the choice survives a reload and is in the server's HTML", async ({
  page,
}) => {
  const clips = await newestClips(page, 8, 1801);
  const ids = clips.map((g) => g.id);
  const gallery = new GalleryPage(page);
  await gallery.goto();
  await expect(gallery.card(ids[0]!)).toBeVisible();

  // Comfortable: today's two columns beside the composer.
  await expect(radio(page, "Comfortable")).toHaveAttribute("aria-checked", "true");
  let row = await boxes(gallery.cards, ids.slice(0, 4));
  expect(row.filter((b) => Math.abs(b.y - row[0]!.y) < 2)).toHaveLength(2);
  expect(await inServerHtml(page, 'data-density="comfortable"'), "comfortable in the server HTML").toBe(true);

  await radio(page, "Compact").click();
  await expect(radio(page, "Compact")).toHaveAttribute("aria-checked", "true");
  row = await boxes(gallery.cards, ids);
  const firstRow = row.filter((b) => Math.abs(b.y - row[0]!.y) < 2);
  expect(firstRow.length).toBeGreaterThanOrEqual(4);
  for (const b of firstRow) expect(b.width).toBeLessThan(260);
  // Each compact card still shows its poster, prompt and star.
  const compact = gallery.card(ids[0]!);
  await expect(compact.getByTestId("generation-poster")).toBeVisible();
  await expect(compact.getByTestId("generation-prompt")).toContainText("Clip 8 of the density test");
  await expect(compact.getByRole("button", { name: "Favorite" })).toBeVisible();

  await page.reload();
  await expect(radio(page, "Compact")).toHaveAttribute("aria-checked", "true");
  expect(await inServerHtml(page, 'data-density="compact"'), "compact in the server HTML").toBe(true);
  expect(await inServerHtml(page, 'data-density="comfortable"')).toBe(false);

  // Keyboard: the switch is one tab stop; arrows move and choose.
  await radio(page, "Compact").focus();
  await page.keyboard.press("ArrowRight");
  await expect(radio(page, "List")).toHaveAttribute("aria-checked", "true");
  await expect(radio(page, "List")).toBeFocused();
  row = await boxes(gallery.cards, ids);
  for (let i = 1; i < row.length; i++) {
    // One clip a row: each below the last, all at the same left edge, as wide as the gallery.
    expect(row[i]!.y).toBeGreaterThanOrEqual(row[i - 1]!.y + row[i - 1]!.height);
    expect(Math.abs(row[i]!.x - row[0]!.x)).toBeLessThan(1);
  }
  expect(row[0]!.width).toBeGreaterThan(800);
  expect(row[0]!.height).toBeLessThan(90);
  await page.reload();
  await expect(radio(page, "List")).toHaveAttribute("aria-checked", "true");
  expect(await inServerHtml(page, 'data-density="list"'), "list in the server HTML").toBe(true);
  expect((await boxes(gallery.cards, ids.slice(0, 1)))[0]!.height).toBeLessThan(90);

  await radio(page, "Comfortable").click();
  await page.reload();
  await expect(radio(page, "Comfortable")).toHaveAttribute("aria-checked", "true");
  expect(await inServerHtml(page, 'data-density="comfortable"'), "comfortable in the server HTML").toBe(true);
});

test("a take group collapses to its chosen take with “+2 more”, opens again, and stays as left after a reload", async ({
  page,
}) => {
  const ref = await uploadReference(page.request, "character", "ines.png", 1802);
  const takes = await createClip(page.request, {
    prompt: "<IMAGE_REF_0> turns to the window; three takes of the density test. Rain.",
    references: [ref],
    referenceNames: ["Ines"],
    takes: 3,
  });
  for (const t of takes) await waitForStatus(page.request, t.id, "completed");
  const groupId = takes[0]!.takeGroupId!;
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const group = page.locator(`[data-testid="take-group"][data-group-id="${groupId}"]`);
  await expect(group.getByTestId("generation-card")).toHaveCount(3);

  // None chosen: collapsed, the group is take 1's card.
  await group.getByRole("button", { name: "Collapse" }).click();
  await expect(group).toHaveCount(0);
  await expect(gallery.card(takes[0]!.id)).toHaveAttribute("data-collapsed", "");
  await expect(gallery.card(takes[1]!.id)).toHaveCount(0);
  await expect(gallery.card(takes[2]!.id)).toHaveCount(0);
  const more = gallery.card(takes[0]!.id).getByRole("button", { name: "+2 more takes" });
  await expect(more).toHaveText("+2 more takes");
  await expect(more).toBeFocused();

  // Opened again: all three takes, focus on the group's Collapse.
  await more.click();
  await expect(group.getByTestId("generation-card")).toHaveCount(3);
  await expect(group.getByRole("button", { name: "Collapse" })).toBeFocused();

  // With take 3 chosen, the collapsed group is take 3; it stays collapsed after a reload, in the HTML.
  await gallery.card(takes[2]!.id).getByRole("button", { name: "Choose this take" }).click();
  await expect(gallery.card(takes[2]!.id).getByTestId("chosen-take")).toBeVisible();
  await group.getByRole("button", { name: "Collapse" }).click();
  await expect(gallery.card(takes[2]!.id)).toHaveAttribute("data-collapsed", "");
  await expect(gallery.card(takes[0]!.id)).toHaveCount(0);
  await page.reload();
  await expect(gallery.card(takes[2]!.id)).toHaveAttribute("data-collapsed", "");
  await expect(group).toHaveCount(0);
  // The server's HTML already has the group collapsed: its card's toggle, no open group.
  expect(await inServerHtml(page, `data-take-toggle="${groupId}"`), "the toggle in the server HTML").toBe(
    true,
  );
  expect(await inServerHtml(page, `data-group-id="${groupId}"`), "no open group in the server HTML").toBe(
    false,
  );

  // In the list it is one row with "+2 more".
  await radio(page, "List").click();
  const row = gallery.card(takes[2]!.id);
  await expect(row).toHaveAttribute("data-density", "list");
  await expect(row.getByRole("button", { name: "+2 more takes" })).toHaveText("+2 more");
  await expect(gallery.cards.filter({ hasText: "three takes of the density test" })).toHaveCount(1);

  // Opened, and still open after a reload.
  await row.getByRole("button", { name: "+2 more takes" }).click();
  await expect(group.getByTestId("generation-card")).toHaveCount(3);
  await page.reload();
  await expect(group.getByTestId("generation-card")).toHaveCount(3);
  expect(await inServerHtml(page, `data-group-id="${groupId}"`), "the open group in the server HTML").toBe(
    true,
  );
});

test("compact and list stay virtualized: older pages on scroll, the top of the list leaves the DOM", async ({
  page,
}) => {
  const ref = await uploadReference(page.request, "look", "grade.png", 1804);
  const made: GenerationDTO[] = [];
  // Enough that, scrolled to the oldest, the newest (in the head) are far past the overscan in both.
  for (let i = 0; i < 80; i++) {
    const [g] = await createClip(page.request, {
      prompt: `<IMAGE_REF_0> density archive clip ${i}.`,
      references: [ref],
    });
    made.push(g!);
    // Canceled before the preview engine renders most of them: cheap rows for a long list.
    await page.request.post(`/api/generations/${g!.id}/cancel`);
  }
  for (const g of made) {
    await expect
      .poll(() => getClip(page.request, g.id).then((c) => c.status), { timeout: 60_000 })
      .toMatch(/^(completed|canceled)$/);
  }
  const newest = made.at(-1)!;
  const oldest = made[0]!;
  const gallery = new GalleryPage(page);
  for (const density of ["Compact", "List"] as const) {
    await gallery.goto();
    await radio(page, density).click();
    await expect(gallery.card(newest.id)).toBeVisible();
    expect(await gallery.cards.count()).toBeLessThan(made.length * 0.6);
    await expect
      .poll(
        async () => {
          await page.evaluate(() => window.scrollBy(0, window.innerHeight * 0.8));
          return gallery.card(oldest.id).count();
        },
        { timeout: 60_000, intervals: [250] },
      )
      .toBe(1);
    await gallery.card(oldest.id).scrollIntoViewIfNeeded();
    await expect(gallery.card(oldest.id)).toBeInViewport();
    await expect(gallery.card(newest.id)).toHaveCount(0);
    expect(await gallery.cards.count()).toBeLessThan(made.length * 0.6);
  }
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("compact is two columns and list rows fit the screen", async ({ page }) => {
    const clips = await newestClips(page, 4, 1803);
    const ids = clips.map((g) => g.id);
    const gallery = new GalleryPage(page);
    await gallery.goto();
    await radio(page, "Compact").click();
    await gallery.card(ids[0]!).scrollIntoViewIfNeeded();
    const row = await boxes(gallery.cards, ids);
    expect(row.filter((b) => Math.abs(b.y - row[0]!.y) < 2)).toHaveLength(2);
    for (const b of row) expect(b.x + b.width).toBeLessThanOrEqual(390);

    await radio(page, "List").click();
    const rows = await boxes(gallery.cards, ids);
    for (const b of rows) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
      expect(b.height).toBeLessThan(110);
    }
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits, "the page is no wider than the phone").toBe(true);
  });
});
