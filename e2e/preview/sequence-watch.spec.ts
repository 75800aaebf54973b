import { expect, test } from "@playwright/test";
import type { ExportDTO } from "@/lib/exports/dto";
import { sequenceWithTakes, waitForExport } from "../support/sequences";

// A sequence watched end to end: the chosen takes play back to back, each cut onto a take that was
// already loaded (the hidden player holds the next shot), the timeline shows the shots and jumps to one;
// a comment on the timeline lands on the shot under the playhead; the export runs in the background with
// progress and gives one MP4 whose length is the sum of the takes, with a chapter per shot.

test("plays the chosen takes gaplessly, jumps by the timeline, takes a comment, and exports one MP4", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const { sequence, takes } = await sequenceWithTakes(request, "Harbour chase", ["Pier", "Gulls", "Boat"], 3);
  const sum = takes.reduce((s, t) => s + (t.videoDurationSec ?? 0), 0);

  await page.goto(`/sequences/${sequence.id}/watch`);
  await expect(page.getByRole("heading", { name: "Harbour chase" })).toBeVisible();
  const shots = page.getByTestId("timeline-shot");
  await expect(shots).toHaveCount(3);
  await expect(shots.nth(1)).toContainText("Shot 2 · Gulls");

  // Every cut, recorded as the page plays it: which segment ended, and whether the next one was in the
  // hidden player, ready to play (HAVE_FUTURE_DATA or more), when it did.
  await page.evaluate(() => {
    const w = window as unknown as { cuts: { ended: string; next: string | null; ready: number }[] };
    w.cuts = [];
    for (const v of document.querySelectorAll<HTMLVideoElement>('[data-testid="sequence-video"]')) {
      v.addEventListener("ended", () => {
        const other = [...document.querySelectorAll<HTMLVideoElement>('[data-testid="sequence-video"]')].find(
          (o) => o !== v,
        );
        w.cuts.push({
          ended: v.dataset.segment ?? "",
          next: other?.dataset.segment ?? null,
          ready: other?.readyState ?? 0,
        });
      });
    }
  });
  const player = page.getByTestId("sequence-player");
  await page.getByTestId("sequence-play").click();
  await expect(player).toHaveAttribute("data-shot-index", "1", { timeout: 20_000 });
  await expect(page.getByTestId("sequence-now")).toContainText("Shot 2 · Gulls");
  await expect(player).toHaveAttribute("data-shot-index", "2", { timeout: 20_000 });
  // The end: stopped on the last shot.
  await expect(player).not.toHaveAttribute("data-playing", "true", { timeout: 20_000 });
  const cuts = await page.evaluate(() => (window as unknown as { cuts: unknown[] }).cuts);
  expect(cuts.slice(0, 2)).toEqual([
    { ended: "0", next: "1", ready: expect.any(Number) },
    { ended: "1", next: "2", ready: expect.any(Number) },
  ]);
  for (const cut of cuts.slice(0, 2) as { ready: number }[]) expect(cut.ready).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("sequence-clock")).toContainText(/\/ 0:0[89]\.\d/);

  // The timeline jumps to a shot (by keyboard: its start), and the comment form follows the playhead.
  await shots.nth(1).focus();
  await page.keyboard.press("Enter");
  await expect(player).toHaveAttribute("data-shot-index", "1");
  await expect(page.getByText(/Shot 2 · Gulls, 0:00\.0 into its take/)).toBeVisible();
  await page.getByLabel(/At 0:0\d\.\d/).fill("The gulls come in too early");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByTestId("sequence-comment");
  await expect(comment).toHaveCount(1);
  await expect(comment).toContainText("Shot 2 · Gulls");
  await expect(page.getByTestId("timeline-comment")).toHaveCount(1);
  // It is the Gulls take's own comment.
  const onTake = await request.get(`/api/generations/${takes[1]!.id}/comments`);
  expect(((await onTake.json()) as { items: { body: string }[] }).items.map((c) => c.body)).toEqual([
    "The gulls come in too early",
  ]);

  // Export: progress, then the file; its length is the sum of the takes, its chapters the shots.
  await page.getByTestId("export-start").click();
  const row = page.getByTestId("export-row").first();
  await expect(row).toBeVisible();
  await expect(page.getByTestId("export-download")).toBeVisible({ timeout: 120_000 });
  const list = await request.get(`/api/sequences/${sequence.id}/export`);
  const [made] = ((await list.json()) as { exports: ExportDTO[] }).exports;
  const done = await waitForExport(request, made!.id);
  expect(done.chapters.map((c) => c.title)).toEqual(["Pier", "Gulls", "Boat"]);
  expect(Math.abs((done.durationSec ?? 0) - sum)).toBeLessThanOrEqual(3 / 24 + 0.001);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-download").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^omni_\d{4}-\d\d-\d\d_harbour-chase_sequence_3-shots_\d+s_\w{8}\.mp4$/,
  );
});

test("the watch page fits a phone: nothing wider than the screen", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { sequence } = await sequenceWithTakes(
    request,
    "Phone cut",
    ["A long shot title", "Gulls", "Boat", "Dusk"],
    3,
    5200,
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/sequences/${sequence.id}/watch`);
  await expect(page.getByTestId("timeline-shot")).toHaveCount(4);
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
  await expect(page.getByTestId("sequence-clock")).toBeInViewport({ ratio: 1 });
});
