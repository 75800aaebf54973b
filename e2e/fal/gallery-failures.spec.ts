import { expect, test } from "@playwright/test";
import { createClip, listClips, uploadReference, waitForStatus } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";

// Through the fake fal server: a content-policy refusal reads as words on the card and Retry makes exactly
// one new clip (even on a double click); a job held in fal's queue is live on its card and can be canceled.

test("a failed card says why and Retry creates one new clip with the same inputs", async ({
  page,
  request,
}) => {
  const ref = await uploadReference(request, "character", "rider.png", 71);
  const [failed] = await createClip(request, {
    prompt: "<IMAGE_REF_0> rides through the market. [fake:content_policy]",
    references: [ref],
  });
  await waitForStatus(request, failed!.id, "failed");

  const gallery = new GalleryPage(page);
  await gallery.goto();
  const card = gallery.card(failed!.id);
  await expect(card).toHaveAttribute("data-status", "failed");
  await expect(card.getByTestId("generation-error")).toContainText("Blocked by the content policy");
  await expect(card.getByTestId("generation-error")).toContainText("content policy refused");
  await expect(gallery.gallery.getByTestId("generation-status").first()).toBeVisible();

  const before = new Set((await listClips(request)).map((g) => g.id));
  await card.getByRole("button", { name: "Retry" }).dblclick();
  await expect(gallery.toast("Retry started")).toBeVisible();

  await expect.poll(async () => (await listClips(request)).filter((g) => !before.has(g.id)).length).toBe(1);
  const retried = (await listClips(request)).find((g) => !before.has(g.id))!;
  expect(retried).toMatchObject({
    retryOfId: failed!.id,
    prompt: failed!.prompt,
    duration: failed!.duration,
  });
  // The new clip leads the gallery; the failed one stays where it was.
  await expect(gallery.cards.first()).toHaveAttribute("data-id", retried.id);
  await expect(card).toBeVisible();

  // The clip's page of a failed clip explains too, and offers Retry.
  await page.goto(`/clips/${failed!.id}`);
  await expect(page.getByTestId("generation-error")).toContainText("Blocked by the content policy");
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
});

test("a job in fal's queue is live on its card (stage, elapsed, log) and Cancel stops it", async ({
  page,
  request,
}) => {
  const ref = await uploadReference(request, "place", "dock.png", 72);
  const [held] = await createClip(request, {
    prompt: "<IMAGE_REF_0> at dawn, boats leaving. [fake:hold]",
    references: [ref],
  });
  await waitForStatus(request, held!.id, "submitted");

  const gallery = new GalleryPage(page);
  await gallery.goto();
  const card = gallery.card(held!.id);
  await expect(card).toHaveAttribute("data-status", "submitted");
  await expect(card.getByTestId("generation-stage")).toHaveText(/queue/i);
  const elapsed = card.getByTestId("generation-elapsed");
  const first = await elapsed.textContent();
  await expect(elapsed).not.toHaveText(first!);
  await expect(page.getByTestId("history-active")).toBeVisible();

  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(card).toHaveAttribute("data-status", "canceled", { timeout: 30_000 });
  await expect(card.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Retry" })).toBeVisible();
});
