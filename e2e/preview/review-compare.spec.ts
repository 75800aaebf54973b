import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ffprobe from "@ffprobe-installer/ffprobe";
import { expect, test } from "@playwright/test";
import { createClip, uploadReference, waitForStatus } from "../support/clips";

// Compare two clips (picked in the gallery; four: compare-four.spec.ts) with the prompt diff; takes with a chosen one; the downloaded
// MP4 carries its record in its metadata.

test("pick two clips, compare them in sync and see the prompt diff", async ({ page, request }) => {
  const ref = await uploadReference(request, "character", "otto.png", 521);
  const [a] = await createClip(request, {
    prompt: "<IMAGE_REF_0> runs along the pier at sunset; waves.",
    references: [ref],
    referenceNames: ["Otto"],
  });
  const [b] = await createClip(request, {
    prompt: "<IMAGE_REF_0> walks along the pier at night; waves.",
    references: [ref],
    referenceNames: ["Otto"],
    duration: 4,
  });
  for (const g of [a!, b!]) await waitForStatus(request, g.id, "completed");

  await page.goto("/");
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  for (const g of [a!, b!])
    await page.locator(`[data-testid="generation-card"][data-id="${g.id}"]`).getByLabel("Compare").check();
  await page.getByRole("link", { name: "Compare 2 clips" }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?ids=${a!.id},${b!.id}$`));

  const diff = page.getByTestId("prompt-diff");
  await expect(diff.locator("del")).toContainText(["runs"]);
  await expect(diff.locator("ins")).toContainText(["walks"]);
  await expect(diff.locator("del").filter({ hasText: "sunset" })).toHaveCount(1);
  await expect(diff.locator("ins").filter({ hasText: "night" })).toHaveCount(1);
  await expect(page.getByTestId("reference-diff").locator("li")).toHaveAttribute("data-status", "same");
  await expect(page.getByTestId("settings-diff").locator("tr[data-changed=true]")).toContainText("Duration");

  // One play button drives both, one seek bar moves both, sound from one side at a time.
  const va = page.getByTestId("compare-video-a");
  const vb = page.getByTestId("compare-video-b");
  await page.getByRole("button", { name: "Play both" }).click();
  await expect.poll(() => vb.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0.2)).toBe(true);
  expect(await va.evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);
  await page.getByRole("button", { name: "Pause both" }).click();
  await expect.poll(() => va.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  expect(await vb.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  await page.getByRole("slider", { name: "Seek both clips" }).fill("2");
  await expect.poll(() => va.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(2, 1);
  await expect.poll(() => vb.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(2, 1);
  expect(await va.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);
  expect(await vb.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
  await page.getByRole("radio", { name: "Sound B" }).click();
  await expect.poll(() => va.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
  expect(await vb.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);
});

test("choose a take and show only chosen takes", async ({ page, request }) => {
  const ref = await uploadReference(request, "place", "mesa.png", 522);
  const takes = await createClip(request, {
    prompt: "<IMAGE_REF_0> under a red sky, dust rising; wind.",
    references: [ref],
    takes: 2,
  });
  for (const g of takes) await waitForStatus(request, g.id, "completed");
  await page.goto("/");
  const group = page.locator(`[data-testid="take-group"][data-group-id="${takes[0]!.takeGroupId}"]`);
  const second = group.locator(`[data-testid="generation-card"][data-id="${takes[1]!.id}"]`);
  await second.getByRole("button", { name: "Choose this take" }).click();
  await expect(second.getByTestId("chosen-take")).toHaveText("Chosen");
  await expect(second).toHaveAttribute("data-chosen", "true");

  await page.getByRole("button", { name: "Chosen takes only" }).click();
  await expect(page).toHaveURL(/takes=chosen/);
  await expect(page.locator(`[data-testid="generation-card"][data-id="${takes[0]!.id}"]`)).toBeHidden();
  await expect(page.locator(`[data-testid="generation-card"][data-id="${takes[1]!.id}"]`)).toBeVisible();
});

test("the downloaded MP4 carries the prompt and provider in its metadata", async ({ request }) => {
  const ref = await uploadReference(request, "character", "lena.png", 523);
  const prompt = "<IMAGE_REF_0> lights a lantern in the cave; dripping water.";
  const [clip] = await createClip(request, { prompt, references: [ref] });
  const done = await waitForStatus(request, clip!.id, "completed");
  const res = await request.get(`/api/generations/${done.id}/download`);
  expect(res.status()).toBe(200);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "omni-dl-")), "clip.mp4");
  writeFileSync(file, await res.body());
  const probe = JSON.parse(
    execFileSync(ffprobe.path, ["-v", "error", "-show_format", "-of", "json", file], { encoding: "utf8" }),
  ) as { format: { tags: Record<string, string> } };
  expect(probe.format.tags.omni_prompt).toBe(prompt);
  expect(probe.format.tags.omni_provider).toBe(done.provider);
  expect(probe.format.tags.omni_references).toContain(ref.sha256);
});
