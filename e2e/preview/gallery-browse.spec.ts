import { expect, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createClip, getClip, uploadReference, waitForStatus } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";

// Finding clips: status filter and prompt search (both in the URL), takes shown as one group that updates
// live, and a long history that stays virtualized while infinite scroll loads older pages.

test("filter by status and search the prompt; the view lives in the URL and survives a reload", async ({
  page,
  request,
}) => {
  const word = `quokka${Date.now().toString(36)}`;
  const ref = await uploadReference(request, "place", "island.png", 51);
  const [match] = await createClip(request, {
    prompt: `A ${word} hops across <IMAGE_REF_0> at sunrise. Waves, wind.`,
    references: [ref],
  });
  const [other] = await createClip(request, {
    prompt: "<IMAGE_REF_0> under a storm, lightning on the horizon. Thunder.",
    references: [ref],
  });
  await waitForStatus(request, match!.id, "completed");
  await waitForStatus(request, other!.id, "completed");

  const gallery = new GalleryPage(page);
  await gallery.goto();
  await expect(gallery.card(other!.id)).toBeVisible();

  await gallery.search.fill(word.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word.toUpperCase()}`));
  await expect(gallery.card(match!.id)).toBeVisible();
  await expect(gallery.card(other!.id)).toHaveCount(0);
  await expect(gallery.cards).toHaveCount(1);

  await gallery.filter("Failed");
  await expect(page).toHaveURL(/[?&]status=failed/);
  await expect(page.getByTestId("history-no-match")).toContainText(
    `No failed clips mention “${word.toUpperCase()}”`,
  );

  await gallery.filter("Completed");
  await expect(gallery.card(match!.id)).toBeVisible();
  await page.reload();
  await expect(gallery.search).toHaveValue(word.toUpperCase());
  await expect(gallery.statusFilter.getByRole("radio", { name: "Completed" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(gallery.cards).toHaveCount(1);

  // A shared link opens the same view.
  await page.goto(`/?status=completed&q=${word}`);
  await expect(gallery.card(match!.id)).toBeVisible();
  await expect(gallery.cards).toHaveCount(1);

  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(gallery.card(other!.id)).toBeVisible();
  await gallery.filter("All");
  await expect(page).toHaveURL(/\/$/);
});

test("two takes of the same inputs show as one group, live until both finish", async ({ page, request }) => {
  const hero = await uploadReference(request, "character", "hero.png", 52);
  const takes = await createClip(request, {
    prompt: "<IMAGE_REF_0> tips a hat, then turns away. Two takes. Street noise.",
    references: [hero],
    takes: 2,
  });
  expect(takes).toHaveLength(2);
  expect(new Set(takes.map((t) => t.takeGroupId)).size).toBe(1);

  const gallery = new GalleryPage(page);
  await gallery.goto();
  const group = page.getByTestId("take-group").filter({ has: gallery.card(takes[0]!.id) });
  await expect(group.getByTestId("take-count")).toHaveText("2 takes");
  await expect(group.getByTestId("take-group-prompt")).toHaveText(takes[0]!.prompt);
  await expect(group.getByTestId("generation-card")).toHaveCount(2);
  await expect(group.getByTestId("take-label")).toHaveText(["Take 1/2", "Take 2/2"]);
  await expect(group.getByTestId("generation-card").nth(1)).toHaveAttribute("data-id", takes[1]!.id);

  // No reload: the cards poll while in flight and settle when done.
  for (const t of takes) {
    await expect(gallery.card(t.id)).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  }
  await expect(group.getByTestId("take-summary")).toHaveText("2 done");
  await expect(group.getByTestId("generation-poster")).toHaveCount(2);
});

test("a long history stays virtualized: posters only, a screenful of cards in the DOM, older pages on scroll", async ({
  page,
  request,
}) => {
  const ref = await uploadReference(request, "look", "grade.png", 53);
  const made: GenerationDTO[] = [];
  for (let i = 0; i < 36; i++) {
    const [g] = await createClip(request, { prompt: `<IMAGE_REF_0> archive clip ${i}.`, references: [ref] });
    made.push(g!);
    // Canceled before the preview engine renders most of them: cheap rows for a long list.
    await request.post(`/api/generations/${g!.id}/cancel`);
  }
  for (const g of made) {
    await expect
      .poll(async () => (await getClip(request, g.id)).status, { timeout: 60_000 })
      .toMatch(/^(completed|canceled)$/);
  }
  const newest = made.at(-1)!;
  const oldest = made[0]!;

  const gallery = new GalleryPage(page);
  await gallery.goto();
  await expect(gallery.card(newest.id)).toBeVisible();
  const rendered = await gallery.cards.count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(20);
  await expect(gallery.gallery.locator("video")).toHaveCount(0);

  // Scroll down a screen at a time (older pages load on the way) until the oldest of these clips renders.
  await expect
    .poll(
      async () => {
        await page.evaluate(() => window.scrollBy(0, window.innerHeight * 0.8));
        return gallery.card(oldest.id).count();
      },
      { timeout: 45_000, intervals: [250] },
    )
    .toBe(1);
  await gallery.card(oldest.id).scrollIntoViewIfNeeded();
  await expect(gallery.card(oldest.id)).toBeInViewport();
  // The top of the list has left the DOM.
  await expect(gallery.card(newest.id)).toHaveCount(0);
  expect(await gallery.cards.count()).toBeLessThan(20);
});
