import { expect, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createClip, getClip, uploadReference, waitForStatus } from "../support/clips";
import { expectPrompt, tileNames } from "../support/composer";
import { StudioPage } from "../support/studio-page";

// "Continue from here" on a clip's page: the frame under the playhead (or the last one) becomes a stored
// reference image marked with its clip, and the composer opens with the next shot: the frame first, the
// clip's references beside it, its settings, the prompt hinting to continue. A draft in the way is asked
// about first. The next clip is made from it.

test("continue from the playhead's frame, then from the last frame over a draft, and make the next shot", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // Pictures of their own on a retry: the same pictures make the same frames, the same (deduplicated)
  // asset, whose source stays the first try's clip.
  const seed = 3301 + 10 * test.info().retry;
  const mara = await uploadReference(request, "character", "mara.png", seed);
  const pier = await uploadReference(request, "place", "pier.png", seed + 1);
  const [made] = await createClip(request, {
    prompt: "<IMAGE_REF_0> runs along <IMAGE_REF_1> at dusk.",
    references: [mara, pier],
    referenceNames: ["Mara", "Pier"],
    duration: 6,
  });
  const clip = await waitForStatus(request, made!.id, "completed");

  await page.goto(`/clips/${clip.id}`);
  await page.evaluate(() => localStorage.removeItem("omni-studio:draft:v1"));
  const player = page.getByTestId("clip-player");
  await player.evaluate(async (v: HTMLVideoElement) => {
    if (v.readyState < 1) await new Promise((r) => v.addEventListener("loadedmetadata", r, { once: true }));
    v.currentTime = 2;
    await new Promise((r) => v.addEventListener("seeked", r, { once: true }));
  });
  const menu = page.getByTestId("continue-from-here");
  await menu.getByText("Continue from here").click();
  await expect(menu.getByRole("button", { name: /From this frame/ })).toContainText("0:02.0");
  await menu.getByRole("button", { name: /From this frame/ }).click();

  const studio = new StudioPage(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(studio.tiles).toHaveCount(3);
  expect(await tileNames(studio)).toEqual(["Frame 0:02.0", "Mara", "Pier"]);
  await expectPrompt(
    studio,
    "Continue the action from <IMAGE_REF_0>, the frame of the previous shot, in one continuous move. <IMAGE_REF_1> runs along <IMAGE_REF_2> at dusk.",
  );
  await expect(page.getByText("Continuing from the frame 0:02.0")).toBeVisible();

  // With that draft in the composer, continue again from the last frame: asked first, then replaced.
  await page.goto(`/clips/${clip.id}`);
  await menu.getByText("Continue from here").click();
  await menu.getByRole("button", { name: /^From the last frame \d/ }).click();
  const ask = page.getByTestId("replace-draft-dialog");
  await expect(ask).toContainText("This starts the next shot from the last frame of the clip");
  await ask.getByRole("button", { name: "Replace" }).click();
  expect(await tileNames(studio)).toEqual(["Last frame", "Mara", "Pier"]);

  // The next shot: its first reference is the frame, marked with the clip it came from.
  const known = new Set([clip.id]);
  await studio.generateButton.click();
  const id = await studio.newCardId(known);
  const next: GenerationDTO = await getClip(request, id);
  expect(next.references.map((r) => r.label)).toEqual(["Last frame", "Mara", "Pier"]);
  expect(next.references[0]?.frameOf?.generationId).toBe(clip.id);
  expect(next.references[0]?.frameOf?.atSec).toBeGreaterThan(5.5);
  expect([next.references[0]?.width, next.references[0]?.height]).toEqual([1280, 720]);
  expect(next.duration).toBe(6);
});

test("continue from the last frame with the clip's last seconds as a reference video", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const seed = 3401 + 10 * test.info().retry;
  const mara = await uploadReference(request, "character", "mara.png", seed);
  const [made] = await createClip(request, {
    prompt: "<IMAGE_REF_0> dives off the pier.",
    references: [mara],
    referenceNames: ["Mara"],
    duration: 5,
  });
  const clip = await waitForStatus(request, made!.id, "completed");

  await page.goto(`/clips/${clip.id}`);
  await page.evaluate(() => localStorage.removeItem("omni-studio:draft:v1"));
  const menu = page.getByTestId("continue-from-here");
  await menu.getByText("Continue from here").click();
  // The preview engine's version takes reference videos of at most 3 s.
  await menu.getByRole("button", { name: /From the last frame, with its last 3 s/ }).click();

  const studio = new StudioPage(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(studio.tiles).toHaveCount(2);
  expect(await tileNames(studio)).toEqual(["Last frame", "Mara"]);
  const video = page.getByTestId("reference-video-tile");
  await expect(video).toHaveCount(1);
  await expect(video.getByTestId("reference-name")).toHaveValue("Last seconds");
  await expectPrompt(
    studio,
    "Continue the action from <IMAGE_REF_0>, the last frame of the previous shot, carrying on the motion and sound of <VIDEO_REF_0>, its last seconds, in one continuous move. <IMAGE_REF_1> dives off the pier.",
  );

  const known = new Set([clip.id]);
  await studio.generateButton.click();
  const id = await studio.newCardId(known);
  const next: GenerationDTO = await getClip(request, id);
  expect(next.referenceVideos?.map((v) => v.label)).toEqual(["Last seconds"]);
  expect(next.referenceVideos?.[0]?.video?.durationSec).toBeCloseTo(3, 1);
});
