import { expect, type Page, test } from "@playwright/test";
import { finishedClip } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";

// Two people on two browsers: what one changes shows in the other without a reload, through the live
// event stream (GET /api/events), well before any fallback poll could bring it.

/** Within this, or the change came from somewhere other than the stream (nothing polls a finished clip). */
const LIVE_MS = 3_000;

const live = (page: Page) => expect(page.locator("body[data-live=connected]")).toBeAttached();

test("a comment, a review status and a delete in one browser appear in another without a reload", async ({
  page,
  browser,
  request,
}) => {
  const clip = await finishedClip(
    request,
    { kind: "place", name: "harbour.png", seed: 531 },
    "<IMAGE_REF_0> at dusk, lights come on along the quay.",
  );
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(`/clips/${clip.id}`);
  await live(theirs);
  await expect(theirs.getByTestId("comment")).toHaveCount(0);
  await page.goto(`/clips/${clip.id}`);
  await live(page);

  // A comments; B sees it.
  const player = page.getByTestId("clip-player");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await player.evaluate((v: HTMLVideoElement) => v.pause());
  await page.getByRole("button", { name: /^Comment at/ }).click();
  await page.getByLabel(/^Comment at/).fill("The lights come on too late");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(theirs.getByTestId("comment")).toHaveCount(1, { timeout: LIVE_MS });
  await expect(theirs.getByTestId("comment")).toContainText("The lights come on too late");

  // A replies and resolves the thread; B sees the reply, then the thread fold away.
  await page.getByRole("button", { name: /^Reply to comment at/ }).click();
  await page.getByRole("textbox", { name: /^Reply to/ }).fill("Fixed in the next take");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(theirs.getByTestId("comment-replies")).toContainText("Fixed in the next take", {
    timeout: LIVE_MS,
  });
  await page.getByRole("button", { name: /^Resolve comment at/ }).click();
  await expect(theirs.getByTestId("comment-thread")).toHaveCount(0, { timeout: LIVE_MS });
  await expect(theirs.getByRole("button", { name: "Show resolved (1)" })).toBeVisible();

  // A approves; B's control follows.
  await page
    .getByTestId("clip-review")
    .getByRole("combobox", { name: "Review status" })
    .selectOption("approved");
  await expect(
    theirs.getByTestId("clip-review").getByRole("combobox", { name: "Review status" }),
  ).toHaveValue("approved", { timeout: LIVE_MS });

  // B goes to the gallery; A deletes the clip; it leaves B's gallery.
  const gallery = new GalleryPage(theirs);
  await gallery.goto();
  await live(theirs);
  await expect(gallery.card(clip.id)).toBeVisible();
  await page.getByTestId("clip-actions").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(gallery.card(clip.id)).toHaveCount(0, { timeout: LIVE_MS });
  await other.close();
});
