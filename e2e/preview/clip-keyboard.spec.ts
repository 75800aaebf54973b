import { expect, type Page, test } from "@playwright/test";
import { createClip, uploadReference, waitForStatus } from "../support/clips";
import { pauseAt, playerTime } from "../support/player";
import { seriousViolations } from "../support/studio-page";

// The clip page from the keyboard (lib/client/use-player-shortcuts.ts): Space/K, J/L (Shift: 5 s) and
// `,`/`.` drive the real player (a video the preview engine made with ffmpeg); C comments at the current
// time; ← → walk the comments; `?` lists the keys. Nothing fires while typing, with Ctrl/Cmd/Alt held, or
// while a dialog is open, and Space on a focused button still presses it. Prev/Next and [ ] are in
// clip-navigation.spec.ts.

const paused = (page: Page) => page.getByTestId("clip-player").evaluate((v: HTMLVideoElement) => v.paused);

/** A 6 s clip's page, its player ready to play, the focus on the page itself. */
async function openClip(page: Page, seed: number, prompt: string) {
  const ref = await uploadReference(page.request, "character", `keys-${seed}.png`, seed);
  const [made] = await createClip(page.request, {
    prompt: `<IMAGE_REF_0> ${prompt}`,
    references: [ref],
    referenceNames: ["Oona"],
    duration: 6,
  });
  const clip = await waitForStatus(page.request, made!.id, "completed");
  await page.goto(`/clips/${clip.id}`);
  const player = page.getByTestId("clip-player");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
  await page.getByRole("heading", { level: 1 }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");
  return clip;
}

test("Space, K, J, L, comma and period drive the real player", async ({ page }) => {
  await openClip(page, 2301, "walks along a pier at dawn; gulls, surf.");

  // Space and K play and pause.
  for (const key of ["k", " "]) {
    await page.keyboard.press(key);
    await expect.poll(() => paused(page), `${key} plays`).toBe(false);
    const t0 = await playerTime(page);
    await expect.poll(() => playerTime(page)).toBeGreaterThan(t0 + 0.1);
    await page.keyboard.press(key);
    await expect.poll(() => paused(page), `${key} pauses`).toBe(true);
  }
  // The page did not scroll for Space: the key went to the player.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // J and L step a second, Shift+J and Shift+L five, kept inside the clip.
  await pauseAt(page, 2);
  await page.keyboard.press("l");
  await expect.poll(() => playerTime(page)).toBeCloseTo(3, 2);
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect.poll(() => playerTime(page)).toBeCloseTo(1, 2);
  await page.keyboard.press("Shift+L");
  await expect.poll(() => playerTime(page)).toBeCloseTo(6, 1);
  await page.keyboard.press("Shift+J");
  await expect.poll(() => playerTime(page)).toBeCloseTo(1, 1);
  await page.keyboard.press("Shift+J");
  await expect.poll(() => playerTime(page)).toBe(0);
  expect(await paused(page)).toBe(true);

  // `.` and `,` step one frame (24 fps) and pause a playing clip first.
  await pauseAt(page, 1);
  await page.keyboard.press(".");
  await expect.poll(() => playerTime(page)).toBeCloseTo(25.01 / 24, 3);
  await page.keyboard.press(",");
  await page.keyboard.press(",");
  await expect.poll(() => playerTime(page)).toBeCloseTo(23.01 / 24, 3);
  await page.keyboard.press("k");
  await expect.poll(() => paused(page)).toBe(false);
  await page.keyboard.press(".");
  await expect.poll(() => paused(page)).toBe(true);

  // With Ctrl, Cmd or Alt held the keys belong to the browser: nothing moves.
  await pauseAt(page, 2);
  for (const key of ["Alt+l", "Control+j", "Meta+k", "Alt+k", "Control+."]) await page.keyboard.press(key);
  expect(await playerTime(page)).toBeCloseTo(2, 2);
  expect(await paused(page)).toBe(true);
});

test("a focused button keeps its Space, the focused player takes the keys, and typing never triggers them", async ({
  page,
}) => {
  await openClip(page, 2302, "reads a letter by a window; rain on glass.");
  await pauseAt(page, 2);

  // Space on a focused button presses it (the shortcuts list opens) and leaves the player alone.
  const shortcuts = page.getByRole("button", { name: "Keyboard shortcuts" });
  await shortcuts.focus();
  await page.keyboard.press(" ");
  const overlay = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(overlay).toBeVisible();
  expect(await paused(page)).toBe(true);
  // While a dialog is open the keys are its own.
  await page.keyboard.press("k");
  await page.keyboard.press("l");
  expect(await paused(page)).toBe(true);
  expect(await playerTime(page)).toBeCloseTo(2, 2);
  await page.keyboard.press("Escape");
  await expect(overlay).toBeHidden();
  await expect(shortcuts).toBeFocused();
  // From a button, the keys that mean nothing to it still reach the player.
  await page.keyboard.press("l");
  await expect.poll(() => playerTime(page)).toBeCloseTo(3, 2);

  // The player itself focused: Space toggles once (not twice, with the browser's own handling).
  const player = page.getByTestId("clip-player");
  await player.focus();
  await page.keyboard.press(" ");
  await expect.poll(() => paused(page)).toBe(false);
  await page.waitForTimeout(300);
  expect(await paused(page)).toBe(false);
  await page.keyboard.press(" ");
  await expect.poll(() => paused(page)).toBe(true);

  // Typing in the comment box: every shortcut letter is just text.
  await pauseAt(page, 1.5);
  await page.getByRole("button", { name: "Comment at 0:01.5" }).click();
  const box = page.getByLabel(/^Comment at 0:01.5/);
  await expect(box).toBeFocused();
  const text = "keep j, l and k. [ ] ? c J L";
  await box.pressSequentially(text);
  await box.press(" ");
  await expect(box).toHaveValue(`${text} `);
  expect(await paused(page)).toBe(true);
  expect(await playerTime(page)).toBeCloseTo(1.5, 2);
  await expect(overlay).toBeHidden();
});

test("C comments at the current time; the arrows walk the comments, from the page and the player", async ({
  page,
}) => {
  await openClip(page, 2303, "climbs a lighthouse stair; wind, a door bangs.");
  for (const [at, body] of [
    [4.2, "Door bang is late"],
    [1, "Hold the first step"],
    [2.5, "Light flickers here"],
  ] as const) {
    await pauseAt(page, at);
    await page.getByRole("heading", { level: 1 }).click();
    await page.keyboard.press("c");
    const box = page.getByLabel(`Comment at ${formatTime(at)}`, { exact: true });
    await expect(box).toBeFocused();
    await box.fill(body);
    await box.press("Control+Enter");
    await expect(page.getByTestId("comment").filter({ hasText: body })).toBeVisible();
  }
  const comments = page.getByTestId("comment");
  await expect(comments).toHaveCount(3);
  const ids = await comments.evaluateAll((els) => els.map((e) => e.getAttribute("data-comment-id")!));

  /** After an arrow: the player is on the comment's moment, it is selected, and its time button has focus. */
  async function expectOn(i: number, at: number) {
    await expect.poll(() => playerTime(page)).toBeCloseTo(at, 1);
    await expect(page.locator(`[data-testid=comment-marker][data-comment-id="${ids[i]}"]`)).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(comments.nth(i).getByTestId("comment-time")).toBeFocused();
  }

  await pauseAt(page, 0);
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("ArrowRight");
  await expectOn(0, 1);
  await page.keyboard.press("ArrowRight");
  await expectOn(1, 2.5);
  await page.keyboard.press("ArrowRight");
  await expectOn(2, 4.2);
  // The last one: nowhere further to go.
  await page.keyboard.press("ArrowRight");
  await expectOn(2, 4.2);
  await page.keyboard.press("ArrowLeft");
  await expectOn(1, 2.5);

  // From the focused player the arrows move between comments too, not by the browser's 5 s.
  await page.getByTestId("clip-player").focus();
  await page.keyboard.press("ArrowLeft");
  await expectOn(0, 1);
  // From between two comments, → goes to the next one after the player's time.
  await pauseAt(page, 3);
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("ArrowRight");
  await expectOn(2, 4.2);
});

test("? and the Shortcuts button list the keys; Escape closes the list; axe finds nothing serious", async ({
  page,
}) => {
  await openClip(page, 2304, "rows a boat across a lake at noon; oars, birds.");
  await page.keyboard.press("?");
  const overlay = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(overlay).toBeVisible();
  const rows = overlay.getByTestId("shortcut");
  await expect(rows).toHaveText([
    /Play or pause\s*Space\s*or\s*K/,
    /Back or forward 1 second\s*J\s*or\s*L/,
    /Back or forward 5 seconds\s*Shift\+J\s*or\s*Shift\+L/,
    /Previous or next frame \(pauses\)\s*,\s*or\s*\./,
    /Comment at the current time\s*C/,
    /Previous or next comment\s*←\s*or\s*→/,
    /Previous or next clip\s*\[\s*or\s*\]/,
    /Show these shortcuts\s*\?/,
  ]);
  for (const theme of ["dark", "light"] as const) {
    await page.evaluate((t) => {
      document.documentElement.classList.remove("dark", "light");
      document.documentElement.classList.add(t);
    }, theme);
    expect(await seriousViolations(page, "[data-testid=shortcuts-overlay]"), theme).toEqual([]);
  }
  await page.keyboard.press("Escape");
  await expect(overlay).toBeHidden();

  // The visible button opens the same list, and its Close button closes it.
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(overlay).toBeVisible();
  await overlay.getByRole("button", { name: "Close" }).click();
  await expect(overlay).toBeHidden();
});

/** "0:04.2", as the clip page writes a moment. */
function formatTime(sec: number) {
  const m = Math.floor(sec / 60);
  return `${m}:${(sec - m * 60).toFixed(1).padStart(4, "0")}`;
}
