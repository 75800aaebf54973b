import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { getClip, uploadReference, waitForStatus } from "../support/clips";
import { GalleryPage } from "../support/gallery-page";
import { pauseAt, playerTime } from "../support/player";

// Clips longer than the first version's 10 s and tiers above 720p on the preview engine: the clip page's
// player, timeline and comments over 15 s, compare's seek bar over the longer clip, and the small copy a
// gallery card hover-plays for a 1080p clip while the clip page plays the stored file.

async function previewClip(
  request: APIRequestContext,
  seed: number,
  settings: { duration: number; resolution: string },
): Promise<GenerationDTO> {
  const ref = await uploadReference(request, "place", `long-${seed}.png`, seed);
  const res = await request.post("/api/generations", {
    data: {
      prompt: "<IMAGE_REF_0> at dusk, a slow push in. Single continuous shot.",
      referenceIds: [ref.id],
      aspectRatio: "16:9",
      model: "preview",
      idempotencyKey: randomUUID(),
      ...settings,
    },
  });
  expect(res.status(), await res.text()).toBe(202);
  const { generation } = (await res.json()) as { generation: GenerationDTO };
  return waitForStatus(request, generation.id, "completed", 120_000);
}

test("a 15 s clip: the player, the timeline and a comment at 14.5 s, a range to the end, compare's seek bar", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const long = await previewClip(request, 611, { duration: 15, resolution: "360p" });
  expect(long.duration).toBe(15);
  expect(long.videoDurationSec).toBeCloseTo(15, 0);
  await page.goto(`/clips/${long.id}`);
  await expect
    .poll(() => page.getByTestId("clip-player").evaluate((v: HTMLVideoElement) => v.duration))
    .toBeCloseTo(15, 0);

  await pauseAt(page, 14.5);
  await page.getByRole("button", { name: "Comment at 0:14.5" }).click();
  await page.getByLabel("Comment at 0:14.5").fill("The last beat holds too long");
  await page.getByRole("button", { name: "Post comment" }).click();
  const comment = page.getByTestId("comment");
  await expect(comment).toHaveCount(1);
  await expect(comment).toContainText("0:14.5");

  // Its marker sits 14.5 / 15 of the way along the timeline, and clicking it seeks there.
  const timeline = page.getByTestId("comment-timeline");
  const marker = page.getByTestId("comment-marker");
  const [bar, dot] = [(await timeline.boundingBox())!, (await marker.boundingBox())!];
  expect((dot.x + dot.width / 2 - bar.x) / bar.width).toBeCloseTo(14.5 / 15, 2);
  await pauseAt(page, 2);
  await marker.click();
  await expect.poll(() => playerTime(page)).toBeCloseTo(14.5, 1);

  // The stored comment says 14.5 s; a range from 12 s to the clip's end is taken too.
  const listed = await request.get(`/api/generations/${long.id}/comments`);
  const { items } = (await listed.json()) as { items: { atSec: number }[] };
  expect(items.map((c) => c.atSec)).toEqual([14.5]);
  const range = await request.post(`/api/generations/${long.id}/comments`, {
    data: { body: "Fade out over these three seconds", atSec: 12, endSec: 15 },
  });
  expect(range.status(), await range.text()).toBe(201);
  await expect(page.getByTestId("comment-range")).toHaveCount(1);
  const span = (await page.getByTestId("comment-range").boundingBox())!;
  expect((span.x - bar.x) / bar.width).toBeCloseTo(12 / 15, 2);
  expect((span.x + span.width - bar.x) / bar.width).toBeCloseTo(1, 2);

  // Compare against a 3 s clip: the seek bar runs to 15 s and reaches the longer clip's last seconds.
  const short = await previewClip(request, 612, { duration: 3, resolution: "360p" });
  await page.goto(`/compare?ids=${long.id},${short.id}`);
  const seek = page.getByRole("slider", { name: "Seek both clips" });
  await expect(seek).toHaveAttribute("max", /^15(\.\d+)?$/);
  const [va, vb] = [page.getByTestId("compare-video-a"), page.getByTestId("compare-video-b")];
  await expect.poll(() => va.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await expect.poll(() => vb.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await seek.fill("14");
  await expect.poll(() => va.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(14, 1);
  // The shorter clip waits on its last frame.
  await expect.poll(() => vb.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(2.8);
});

test("a 1080p clip: the card hover-plays its small copy, the clip page plays the stored file", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const made = await previewClip(request, 613, { duration: 3, resolution: "1080p" });
  // The copy is made after the save; the clip is playable before it exists.
  await expect
    .poll(async () => (await getClip(request, made.id)).hoverUrl, { timeout: 60_000 })
    .not.toBeNull();
  const clip = await getClip(request, made.id);
  expect(clip.hoverUrl).not.toBe(clip.videoUrl);

  const gallery = new GalleryPage(page);
  await gallery.goto();
  const card = gallery.card(clip.id);
  await page.mouse.move(0, 0);
  await card.hover();
  const video = card.getByTestId("generation-video");
  await expect(video).toHaveAttribute("src", clip.hoverUrl!);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]), { timeout: 20_000 })
    .toEqual([854, 480]);

  await page.goto(`/clips/${clip.id}`);
  const player = page.getByTestId("clip-player");
  await expect(player).toHaveAttribute("src", clip.videoUrl!);
  await expect
    .poll(() => player.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]), { timeout: 20_000 })
    .toEqual([1920, 1080]);
});
