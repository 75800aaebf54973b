import { expect, type Page, test } from "@playwright/test";
import { initialsOf } from "@/lib/accounts/initials";
import { finishedClip } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";

// Every action signed: the maker's avatar on the card, "made by" and the activity trail on the clip's
// page (live, from another browser too), a review change made against a stale view refused with who made
// the change that won, and the gallery's "Mine" filter.

const live = (page: Page) => expect(page.locator("body[data-live=connected]")).toBeAttached();

test("avatars on cards, the activity trail, a stale change refused, and Mine", async ({
  page,
  browser,
  request,
}, info) => {
  const clip = await finishedClip(
    request,
    { kind: "character", name: "noor.png", seed: 941 },
    "<IMAGE_REF_0> looks up from the map as the tram passes.",
  );
  const maker = clip.createdBy;
  expect(maker, "the clip records who asked for it").not.toBeNull();

  // The card shows the maker's initials, named for screen readers and on hover.
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const avatar = gallery.card(clip.id).getByRole("img", { name: `Made by ${maker!.name}` });
  await expect(avatar).toHaveText(initialsOf(maker!.name));
  await expect(avatar).toHaveAttribute("title", `Made by ${maker!.name}`);

  // Mine: only the looker's clips, and the filter lives in the URL.
  await page.getByRole("button", { name: "Mine" }).click();
  await expect(page).toHaveURL(/[?&]creator=me\b/);
  await expect(page.getByRole("button", { name: "Mine" })).toHaveAttribute("aria-pressed", "true");
  await expect(gallery.card(clip.id)).toBeVisible();
  for (const label of await gallery.cards
    .getByTestId("avatar")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))))
    expect(label).toBe(`Made by ${maker!.name}`);
  await gallery.goto("?creator=nobody0000001");
  await expect(page.getByTestId("history-no-match")).toBeVisible();
  await expect(page.getByTestId("creator-filter")).toBeVisible();

  // A second browser has the clip open while it is pending, and its live stream is down (so nothing
  // tells it about the first browser's change): its view goes stale.
  const other = await browser.newContext();
  const stale = await other.newPage();
  await stale.route("**/api/events*", (route) => route.abort());
  await stale.goto(`/clips/${clip.id}`);
  await expect(stale.getByRole("combobox", { name: "Review status" })).toHaveValue("pending");

  // The first browser approves: its activity says so, at once.
  await page.goto(`/clips/${clip.id}`);
  await live(page);
  await expect(page.getByTestId("clip-creator")).toContainText(`made by ${maker!.name}`);
  const activity = page.getByTestId("clip-activity");
  await expect(activity.getByTestId("activity-item")).toHaveText([
    new RegExp(`^${initialsOf(maker!.name)}${maker!.name} made this clip`),
  ]);
  await page.getByRole("combobox", { name: "Review status" }).selectOption("approved");
  await expect(activity.getByTestId("activity-item").first()).toContainText(
    `${maker!.name} approved this clip`,
  );
  await expect(activity.getByTestId("activity-item").first()).toContainText("a moment ago");

  // The stale browser asks for changes against "pending": refused, named, and its view catches up.
  await stale.getByRole("combobox", { name: "Review status" }).selectOption("changes_requested");
  const refusal = stale.locator("[data-sonner-toast]").filter({ hasText: "Your change was not saved" });
  await expect(refusal).toContainText(/changed this to Approved a moment ago/);
  await expect(stale.getByRole("combobox", { name: "Review status" })).toHaveValue("approved");
  await expect(stale.getByTestId("clip-activity").getByTestId("activity-item").first()).toContainText(
    "approved this clip",
  );
  // Nothing changed on the server: the first browser still shows one status change.
  await expect(activity.getByText(/requested changes/)).toHaveCount(0);

  // A change from the other browser (re-applied on what it now sees) reaches this one's trail live.
  await stale.getByRole("button", { name: "Favorite" }).click();
  await expect(activity.getByTestId("activity-item").first()).toContainText("starred this clip", {
    timeout: 3_000,
  });
  await other.close();

  for (const viewport of [
    { name: "1366", width: 1366, height: 768 },
    { name: "390", width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(`/clips/${clip.id}`);
    await expect(activity.getByTestId("activity-item")).toHaveCount(3);
    await activity.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`clip-activity-${viewport.name}.png`) });
    await gallery.goto();
    await expect(gallery.card(clip.id).getByTestId("avatar")).toBeVisible();
    await page.screenshot({ path: info.outputPath(`gallery-avatars-${viewport.name}.png`) });
  }
});
