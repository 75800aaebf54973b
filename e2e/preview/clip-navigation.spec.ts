import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { createClip, uploadReference, waitForStatus } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";

// Moving around from a clip's page: the take switcher ("Take 1 of 3" as links to the group's takes),
// Previous/Next and [ ] through the gallery view the clip was opened from (a search here; the whole
// gallery without one), Copy link, and all of it on a 390 px phone. The neighbours' order itself, for
// every filter, is test/integration/neighbors.test.ts's.

const clipId = (page: Page) => page.getByTestId("clip-detail").getAttribute("data-id");

test("the take switcher lists the group's takes, marks this one and the chosen one, and goes to each", async ({
  page,
}) => {
  const ref = await uploadReference(page.request, "character", "takes-nav.png", 2401);
  const takes = await createClip(page.request, {
    prompt: "<IMAGE_REF_0> juggles three oranges in a market; chatter, a radio.",
    references: [ref],
    referenceNames: ["Pim"],
    takes: 3,
  });
  for (const t of takes) await waitForStatus(page.request, t.id, "completed");

  await page.goto(`/clips/${takes[1]!.id}`);
  const switcher = page.getByRole("navigation", { name: "Takes of this clip: take 2 of 3" });
  const links = switcher.getByRole("link");
  await expect(links).toHaveText(["Take 1", "Take 2", "Take 3"]);
  await expect(switcher.getByRole("link", { name: "Take 2" })).toHaveAttribute("aria-current", "page");
  await expect(switcher.locator("[aria-current]")).toHaveCount(1);
  for (const [i, t] of takes.entries()) {
    await expect(links.nth(i)).toHaveAttribute("href", `/clips/${t.id}`);
  }

  // Choosing take 3 on its page marks it in the switcher, here and on the other takes' pages.
  await switcher.getByRole("link", { name: "Take 3" }).click();
  await expect(page).toHaveURL(`/clips/${takes[2]!.id}`);
  const onThree = page.getByRole("navigation", { name: "Takes of this clip: take 3 of 3" });
  await expect(onThree.getByRole("link", { name: "Take 3" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Choose this take" }).click();
  await expect(onThree.getByRole("link", { name: "Take 3 (chosen)" })).toBeVisible();
  await onThree.getByRole("link", { name: "Take 1" }).click();
  await expect(page).toHaveURL(`/clips/${takes[0]!.id}`);
  const onOne = page.getByRole("navigation", { name: "Takes of this clip: take 1 of 3" });
  await expect(onOne.getByRole("link")).toHaveText(["Take 1", "Take 2", /^Take 3/]);
  await expect(onOne.getByRole("link", { name: "Take 3 (chosen)" })).toBeVisible();
  await expect(onOne.locator("[data-chosen]")).toHaveAttribute("data-take", "2");
});

test("[ and ] walk a searched gallery in its order and stop at its ends; the buttons say why", async ({
  page,
}) => {
  const word = `wayfind${randomUUID().slice(0, 6)}`;
  const ref = await uploadReference(page.request, "place", "nav-field.png", 2402);
  const made: string[] = [];
  for (const prompt of [
    `<IMAGE_REF_0> a ${word} kite over a field; wind.`,
    "<IMAGE_REF_0> an empty field at dusk; crickets.",
    `<IMAGE_REF_0> a ${word} balloon drifts past; quiet.`,
    `<IMAGE_REF_0> a ${word} flag snaps on its pole; gusts.`,
  ]) {
    const [g] = await createClip(page.request, { prompt, references: [ref], referenceNames: ["Field"] });
    made.push(g!.id);
  }
  for (const id of made) await waitForStatus(page.request, id, "completed");
  // Newest first, only the clips the search finds.
  const view = [made[3]!, made[2]!, made[0]!];

  const gallery = new GalleryPage(page);
  await gallery.goto(`?q=${word}`);
  await expect(gallery.cards).toHaveCount(3);
  // The card's link carries the gallery's view to the clip's page.
  await gallery
    .card(view[0]!)
    .getByRole("link", { name: /^Open clip/ })
    .click();
  await expect(page).toHaveURL(`/clips/${view[0]}?q=${word}`);
  await expect(page.getByTestId("clip-view")).toContainText(`“${word}”`);
  await expect(page.getByRole("link", { name: "Gallery" })).toHaveAttribute("href", `/?q=${word}`);

  const prev = page.getByTestId("clip-prev");
  const next = page.getByTestId("clip-next");
  // The first clip of the view: Previous is disabled and says why.
  await expect(prev).toHaveAttribute("aria-disabled", "true");
  await expect(prev).toHaveAccessibleDescription("This is the first clip in this view.");
  await expect(next).toHaveAttribute("href", `/clips/${view[1]}?q=${word}`);
  await page.keyboard.press("[");

  await page.getByRole("heading", { level: 1 }).click();
  for (const id of view.slice(1)) {
    await expect(next).toHaveAttribute("href", `/clips/${id}?q=${word}`);
    await page.keyboard.press("]");
    await expect(page).toHaveURL(`/clips/${id}?q=${word}`);
    expect(await clipId(page)).toBe(id);
  }
  // The last clip of the view: Next is disabled, says why, and ] stays.
  await expect(next).toHaveAttribute("aria-disabled", "true");
  await expect(next).toHaveAccessibleDescription("This is the last clip in this view.");
  await expect(prev).toHaveAttribute("href", `/clips/${view[1]}?q=${word}`);
  await page.keyboard.press("]");
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(`/clips/${view[2]}?q=${word}`);
  // The clip the search does not find is never on the way back either.
  for (const id of [view[1]!, view[0]!]) {
    await page.keyboard.press("[");
    await expect(page).toHaveURL(`/clips/${id}?q=${word}`);
  }
  await expect(prev).toHaveAttribute("aria-disabled", "true");
  // The Previous and Next buttons go the same way.
  await next.click();
  await expect(page).toHaveURL(`/clips/${view[1]}?q=${word}`);
  await page.getByTestId("clip-prev").click();
  await expect(page).toHaveURL(`/clips/${view[0]}?q=${word}`);

  // Without a filter, Previous and Next walk the whole gallery: the newest clip is its first.
  await page.goto(`/clips/${made[3]}`);
  await expect(page.getByTestId("clip-view")).toHaveCount(0);
  await expect(prev).toHaveAccessibleDescription("This is the newest clip.");
  await expect(next).toHaveAttribute("href", `/clips/${made[2]}`);
  await page.goto(`/clips/${made[2]}`);
  await expect(next).toHaveAttribute("href", `/clips/${made[1]}`);
  await expect(prev).toHaveAttribute("href", `/clips/${made[3]}`);
});

test("Copy link copies the clip's own address, without the gallery view", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const ref = await uploadReference(page.request, "look", "copy-link.png", 2403);
  const [g] = await createClip(page.request, {
    prompt: "<IMAGE_REF_0> a slow pan over snow.",
    references: [ref],
  });
  await waitForStatus(page.request, g!.id, "completed");
  await page.goto(`/clips/${g!.id}?q=snow&status=completed`);
  // Named by what it shows: "Copied" for a moment after the click.
  const copy = page.getByTestId("clip-actions").getByRole("button", { name: /^(Copy link|Copied)$/ });
  await expect(copy).toHaveText("Copy link");
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/clips/${g!.id}`);
  await expect(copy).toHaveText("Copy link");
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a take's page in a filtered view fits the screen, its switcher, pager and shortcuts on it", async ({
    page,
  }) => {
    const ref = await uploadReference(page.request, "character", "phone-nav.png", 2404);
    const takes = await createClip(page.request, {
      prompt: "<IMAGE_REF_0> skips stones on a river; water, laughter.",
      references: [ref],
      referenceNames: ["Rafe"],
      takes: 4,
    });
    for (const t of takes) await waitForStatus(page.request, t.id, "completed");
    await page.goto(`/clips/${takes[3]!.id}?q=stones&status=completed&favorite=false&takes=`);
    await expect(page.getByRole("navigation", { name: /^Takes of this clip/ }).getByRole("link")).toHaveCount(
      4,
    );
    await expect(page.getByTestId("clip-next")).toBeVisible();
    for (const id of ["take-switcher", "clip-pager", "shortcuts-button", "clip-view"]) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
    }
    await page.waitForLoadState("networkidle").catch(() => undefined);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    // The list of keys fits too.
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    const overlay = (await page.getByRole("dialog", { name: "Keyboard shortcuts" }).boundingBox())!;
    expect(overlay.x).toBeGreaterThanOrEqual(0);
    expect(overlay.x + overlay.width).toBeLessThanOrEqual(390);
  });
});
