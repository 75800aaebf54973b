import { expect, type Page, test } from "@playwright/test";
import { createClip, uploadReference, waitForStatus } from "../support/clips";

// Comments pinned to a moment, clicking one seeks the player, only the author edits or deletes; star,
// review status and the gallery's review filters.

async function pauseAt(page: Page, sec: number) {
  const player = page.getByTestId("clip-player");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await player.evaluate((v: HTMLVideoElement, t) => {
    v.pause();
    v.currentTime = t;
  }, sec);
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(sec, 1);
}

const playerTime = (page: Page) =>
  page.getByTestId("clip-player").evaluate((v: HTMLVideoElement) => v.currentTime);

test("comment at a moment, seek by clicking it, edit and delete only your own", async ({
  page,
  browser,
  request,
}) => {
  const ref = await uploadReference(request, "character", "ines.png", 511);
  const [clip] = await createClip(request, {
    prompt: "<IMAGE_REF_0> turns to the window as the rain starts.",
    references: [ref],
    referenceNames: ["Ines"],
    duration: 5,
  });
  await waitForStatus(request, clip!.id, "completed");
  await page.goto(`/clips/${clip!.id}`);

  await pauseAt(page, 3.2);
  await page.getByRole("button", { name: "Comment at 0:03.2" }).click();
  // The first comment asks for a display name, kept in this browser.
  await page.getByLabel(/Your display name/).fill("Ana");
  await page.getByRole("button", { name: "Save name" }).click();
  await page.getByLabel(/Comment at 0:03.2/).fill("Hold the turn a beat longer");
  await page.getByRole("button", { name: "Post comment" }).click();

  await pauseAt(page, 1);
  await page.getByRole("button", { name: "Comment at 0:01.0" }).click();
  await page.getByLabel(/Comment at 0:01.0/).fill("Rain starts too early");
  await page.getByRole("button", { name: "Post comment" }).click();

  // Time order, with a marker each on the timeline.
  const comments = page.getByTestId("comment");
  await expect(comments).toHaveCount(2);
  await expect(comments.nth(0)).toContainText("0:01.0");
  await expect(comments.nth(0)).toContainText("Rain starts too early");
  await expect(comments.nth(1)).toContainText("0:03.2");
  await expect(comments.nth(1)).toContainText("Ana");
  await expect(page.getByTestId("comment-marker")).toHaveCount(2);

  // Clicking a comment seeks the player there.
  await pauseAt(page, 0);
  await comments.nth(1).getByTestId("comment-body").click();
  await expect.poll(() => playerTime(page)).toBeCloseTo(3.2, 1);
  await page.getByRole("button", { name: /Go to comment at 0:01.0/ }).click();
  await expect.poll(() => playerTime(page)).toBeCloseTo(1, 1);

  // Edit your own.
  await comments.nth(0).getByRole("button", { name: "Edit comment at 0:01.0" }).click();
  await comments.nth(0).getByLabel("Edit comment").fill("Rain starts a second too early");
  await comments.nth(0).getByRole("button", { name: "Save" }).click();
  await expect(comments.nth(0)).toContainText("Rain starts a second too early");

  // Someone else (another browser) sees the comments but cannot edit or delete them.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(`/clips/${clip!.id}`);
  await expect(theirs.getByTestId("comment")).toHaveCount(2);
  await expect(theirs.getByRole("button", { name: /^Edit comment/ })).toHaveCount(0);
  await expect(theirs.getByRole("button", { name: /^Delete comment/ })).toHaveCount(0);
  await other.close();

  // Delete your own.
  await comments.nth(0).getByRole("button", { name: "Delete comment at 0:01.0" }).click();
  await expect(comments).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("comment")).toHaveCount(1);
  await expect(page.getByText("as Ana")).toBeVisible();
});

test("star and approve a clip, then find it with the gallery's review filters", async ({ page, request }) => {
  const ref = await uploadReference(request, "place", "dock.png", 512);
  const [clip] = await createClip(request, {
    prompt: "<IMAGE_REF_0> at dawn, a single boat leaves; oars, water.",
    references: [ref],
  });
  await waitForStatus(request, clip!.id, "completed");
  await page.goto(`/clips/${clip!.id}`);
  const review = page.getByTestId("clip-review");
  const star = review.getByRole("button", { name: "Favorite" });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await review.getByRole("combobox", { name: "Review status" }).selectOption("approved");
  // The controls answer at once; the server actions behind them run one after another. Reloading before
  // they are saved would cancel the second, so wait until the server has both.
  await expect
    .poll(async () => {
      const { generation } = await (await request.get(`/api/generations/${clip!.id}`)).json();
      return [generation.favorite, generation.reviewStatus];
    })
    .toEqual([true, "approved"]);
  await page.reload();
  await expect(review.getByRole("combobox", { name: "Review status" })).toHaveValue("approved");
  await expect(review.getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "true");

  await page.goto("/");
  const card = page.locator(`[data-testid="generation-card"][data-id="${clip!.id}"]`);
  const filter = page.getByRole("combobox", { name: "Filter by review" });
  await filter.selectOption("approved");
  await expect(page).toHaveURL(/review=approved/);
  await expect(card).toBeVisible();
  await expect(card.getByRole("combobox", { name: "Review status" })).toHaveValue("approved");
  await filter.selectOption("changes_requested");
  await expect(card).toBeHidden();
  await filter.selectOption("favorite");
  await expect(page).toHaveURL(/favorite=true/);
  await expect(card).toBeVisible();
  // Unstar from the card: it leaves the favorites view.
  await card.getByRole("button", { name: "Favorite" }).click();
  await expect(card).toBeHidden();
});
