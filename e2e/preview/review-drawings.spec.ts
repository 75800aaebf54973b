import { type CDPSession, expect, type Locator, test } from "@playwright/test";
import { finishedClip } from "../support/clips";
import { drag, pauseAt, playerTime } from "../support/player";

// Drawn notes on the frame: a box and an arrow drawn with the mouse on a paused frame, stored on the
// picture's 0-1 plane and shown over the video when the comment is selected; a freehand line drawn with a
// finger on a phone.

/** A finger drawing across `target` (real touch input through the browser, not synthetic DOM events). */
async function touchDrag(cdp: CDPSession, target: Locator, points: [number, number][]) {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const at = ([x, y]: [number, number]) => ({ x: box.x + x * box.width, y: box.y + y * box.height });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [at(points[0]!)] });
  for (const p of points.slice(1)) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [at(p)] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

test("draw a box and an arrow on the frame, then see them over the video when the comment is selected", async ({
  page,
  request,
}) => {
  const clip = await finishedClip(
    request,
    { kind: "character", name: "rider.png", seed: 544 },
    "<IMAGE_REF_0> rides through the square at dusk.",
  );
  await page.goto(`/clips/${clip.id}`);
  await pauseAt(page, 1.2);
  await page.getByRole("button", { name: "Comment at 0:01.2" }).click();
  await page.getByLabel(/^Comment at/).fill("Her scarf should be red");
  await page.getByRole("button", { name: "Draw on frame" }).click();
  const layer = page.getByTestId("drawing-layer");
  await expect(layer).toBeVisible();

  await page.getByRole("button", { name: "Box", exact: true }).click();
  await drag(page, layer, [0.3, 0.3], [0.6, 0.7]);
  await page.getByRole("button", { name: "Arrow", exact: true }).click();
  await page.getByRole("button", { name: "Colour: yellow" }).click();
  await drag(page, layer, [0.9, 0.9], [0.65, 0.72]);
  // A tap draws nothing; Undo takes back the last shape.
  await layer.click({ position: { x: 20, y: 20 } });
  await expect(layer.getByTestId("drawn-shape")).toHaveCount(2);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(layer.getByTestId("drawn-shape")).toHaveCount(1);
  await drag(page, layer, [0.9, 0.9], [0.65, 0.72]);
  await page.getByRole("button", { name: "Done drawing" }).click();
  await expect(page.getByTestId("draft-drawing")).toHaveText("2 shapes attached");
  await page.getByRole("button", { name: "Post comment" }).click();

  const comment = page.getByTestId("comment");
  await expect(comment.getByTestId("comment-drawing-badge")).toBeVisible();
  // Stored on the 0-1 plane of the picture.
  const stored = (await (await page.request.get(`/api/generations/${clip.id}/comments`)).json()).items[0];
  expect(stored.drawing.shapes.map((s: { tool: string; color: string }) => [s.tool, s.color])).toEqual([
    ["box", "red"],
    ["arrow", "yellow"],
  ]);
  const [[x1, y1], [x2, y2]] = stored.drawing.shapes[0].points;
  expect([x1, y1, x2, y2].map((n: number) => Math.round(n * 20) / 20)).toEqual([0.3, 0.3, 0.6, 0.7]);

  // Elsewhere in the clip, nothing is drawn; selecting the comment seeks there and shows its drawing.
  await pauseAt(page, 2.5);
  await expect(page.getByTestId("frame-drawing")).toHaveCount(0);
  await comment.getByTestId("comment-body").click();
  await expect.poll(() => playerTime(page)).toBeCloseTo(1.2, 1);
  const shown = page.getByTestId("frame-drawing");
  await expect(shown).toBeVisible();
  await expect(shown.getByTestId("drawn-shape")).toHaveCount(2);
  // The box sits where it was drawn, relative to the picture.
  const picture = (await page.getByTestId("clip-player").boundingBox())!;
  const rect = (await shown.locator("rect").last().boundingBox())!;
  expect((rect.x - picture.x) / picture.width).toBeCloseTo(0.3, 1);
  expect((rect.y - picture.y) / picture.height).toBeCloseTo(0.3, 1);
  // Playing on hides it.
  await page.getByTestId("clip-player").evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect(shown).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("draws with a finger on a 390 px screen, and the page does not scroll sideways", async ({
    page,
    request,
  }) => {
    const clip = await finishedClip(
      request,
      { kind: "place", name: "alley.png", seed: 545 },
      "<IMAGE_REF_0> a narrow alley, rain on the cobbles.",
    );
    await page.goto(`/clips/${clip.id}`);
    await pauseAt(page, 1);
    await page.getByRole("button", { name: "Comment at 0:01.0" }).tap();
    await page.getByLabel(/^Comment at/).fill("Puddle reflection flickers");
    await page.getByRole("button", { name: "Draw on frame" }).tap();
    await page.getByRole("button", { name: "Freehand" }).tap();
    const layer = page.getByTestId("drawing-layer");
    const cdp = await page.context().newCDPSession(page);
    await touchDrag(cdp, layer, [
      [0.2, 0.6],
      [0.3, 0.65],
      [0.4, 0.6],
      [0.5, 0.7],
      [0.6, 0.62],
    ]);
    await expect(layer.getByTestId("drawn-shape")).toHaveCount(1);
    await expect(layer.locator("polyline").last()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Done drawing" }).tap();
    await page.getByRole("button", { name: "Post comment" }).tap();
    await expect(page.getByTestId("comment-drawing-badge")).toBeVisible();
    const stored = (await (await page.request.get(`/api/generations/${clip.id}/comments`)).json()).items[0];
    expect(stored.drawing.shapes[0].tool).toBe("pen");
    expect(stored.drawing.shapes[0].points.length).toBeGreaterThanOrEqual(4);
  });
});
