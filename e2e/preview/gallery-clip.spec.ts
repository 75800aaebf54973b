import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createClip, listClips, uploadReference, waitForStatus } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";

// One finished clip, seen from the gallery and from its own page: poster, hover-play, the detail view and
// its player, the named download, and delete with undo (from the card and from the clip's page).

async function finishedClip(request: Parameters<typeof createClip>[0], word: string, seed: number) {
  const keeper = await uploadReference(request, "character", "keeper.png", seed);
  const [clip] = await createClip(request, {
    prompt: `<IMAGE_REF_0> waves at the ${word} from the rocks. One continuous shot; gulls, surf.`,
    references: [keeper],
    referenceNames: ["Keeper"],
  });
  return waitForStatus(request, clip!.id, "completed");
}

test("a card shows a poster, plays muted on hover, and opens the clip's own page with a working player", async ({
  page,
  request,
}) => {
  const clip = await finishedClip(request, "lighthouse", 41);
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const card = gallery.card(clip.id);

  // A poster image (with its size reserved), not a video, until the card is hovered.
  const poster = card.getByTestId("generation-poster");
  await expect(poster).toHaveAttribute("src", clip.posterUrl!);
  await expect
    .poll(() =>
      poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth / img.naturalHeight),
    )
    .toBeCloseTo(16 / 9, 1);
  // Its box is the 16:9 frame the card reserves before the image arrives, so nothing shifts.
  const box = (await poster.boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(16 / 9, 1);
  await expect(gallery.gallery.locator("video")).toHaveCount(0);

  // The prompt keeps its raw tags as text and shows each as a chip with the reference's name.
  await expect(card.getByTestId("generation-prompt")).toHaveText(clip.prompt);
  await expect(card.getByTestId("prompt-chip")).toHaveAttribute("data-label", "Keeper");
  await expect(card.getByTestId("generation-meta")).toContainText("3 s");
  await expect(card.getByTestId("generation-cost")).toHaveText("Free");
  await expect(card.getByTestId("preview-badge")).toBeVisible();

  await page.mouse.move(0, 0);
  await card.hover();
  const video = card.getByTestId("generation-video");
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => ({ paused: v.paused, muted: v.muted, loop: v.loop })))
    .toEqual({ paused: false, muted: true, loop: true });
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(t0 + 0.2);
  // Moving away puts the poster back and frees the decoder.
  await page.mouse.move(0, 0);
  await expect(video).toHaveCount(0);

  await card.getByRole("link", { name: /^Open clip/ }).click();
  await expect(page).toHaveURL(new RegExp(`/clips/${clip.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Keeper waves at the lighthouse");
  await expect(page.getByTestId("clip-prompt")).toHaveText(clip.prompt);
  await expect(page.getByTestId("clip-references")).toContainText("Keeper");
  await expect(page.getByTestId("clip-references")).toContainText("<IMAGE_REF_0>");
  await expect(page.getByTestId("clip-request-id")).toContainText(clip.requestId!);
  await expect(page.getByTestId("clip-cost")).toContainText("Free");
  await expect(page.getByTestId("clip-timings")).toContainText("Completed");

  const player = page.getByTestId("clip-player");
  await expect(player).toHaveAttribute("src", clip.videoUrl!);
  await player.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    await v.play();
  });
  const start = await player.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect
    .poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeGreaterThan(start + 0.2);
  expect(await player.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([1280, 720]);

  // The URL is the clip's: a fresh load (someone opening a shared link) shows the same page.
  await page.goto(`/clips/${clip.id}`);
  await expect(page.getByTestId("clip-detail")).toHaveAttribute("data-status", "completed");
});

test("Download saves an MP4 whose file name says what it is", async ({ page, request }) => {
  const clip = await finishedClip(request, "harbor", 42);
  await page.goto(`/clips/${clip.id}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(
      `^omni_\\d{4}-\\d{2}-\\d{2}_keeper-waves-at-the-harbor[a-z0-9-]*_16x9_3s_preview_${clip.id.slice(-8)}\\.mp4$`,
    ),
  );
  const bytes = readFileSync((await download.path())!);
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");

  // The card offers the same download.
  const gallery = new GalleryPage(page);
  await gallery.goto();
  await expect(gallery.card(clip.id).getByRole("link", { name: "Download" })).toHaveAttribute(
    "href",
    `/api/generations/${clip.id}/download`,
  );
});

test("Delete on a card hides the clip at once; Undo in the toast brings it back, and a reload agrees", async ({
  page,
  request,
}) => {
  const clip = await finishedClip(request, "pier", 43);
  const gallery = new GalleryPage(page);
  await gallery.goto();
  const card = gallery.card(clip.id);
  await expect(card).toBeVisible();

  await card.getByRole("button", { name: "Delete" }).click();
  await expect(card).toHaveCount(0);
  const toast = gallery.toast("Clip deleted");
  await expect(toast).toBeVisible();
  expect((await listClips(request)).some((g) => g.id === clip.id)).toBe(false);

  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(gallery.toast("Clip restored")).toBeVisible();
  await expect(card).toBeVisible();
  await page.reload();
  await expect(gallery.card(clip.id)).toBeVisible();
  expect((await listClips(request)).some((g) => g.id === clip.id)).toBe(true);
});

test("Delete on the clip's page returns to the gallery; Undo restores it; a deleted clip's page is a friendly 404", async ({
  page,
  request,
}) => {
  const clip = await finishedClip(request, "breakwater", 44);
  const gallery = new GalleryPage(page);
  await page.goto(`/clips/${clip.id}`);
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(gallery.cards.first()).toBeVisible();
  await expect(gallery.card(clip.id)).toHaveCount(0);

  await gallery.toast("Clip deleted").getByRole("button", { name: "Undo" }).click();
  await expect(gallery.card(clip.id)).toBeVisible();
  await page.reload();
  await expect(gallery.card(clip.id)).toBeVisible();

  // Deleted for good (no undo): its link now explains instead of erroring.
  await gallery.card(clip.id).getByRole("button", { name: "Delete" }).click();
  await expect(gallery.card(clip.id)).toHaveCount(0);
  const res = await page.goto(`/clips/${clip.id}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("clip-not-found")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This clip isn’t here");
  await page.getByRole("link", { name: "Back to the gallery" }).click();
  await expect(page).toHaveURL(/\/$/);

  const unknown = await page.goto("/clips/nosuchclip123");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByTestId("clip-not-found")).toBeVisible();
});
