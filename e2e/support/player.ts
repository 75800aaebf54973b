import { expect, type Locator, type Page } from "@playwright/test";

// The clip player and the drawing layer, as the review specs drive them.

/** Pauses the clip's player at `sec` (once it has metadata) and waits until it is there. */
export async function pauseAt(page: Page, sec: number) {
  const player = page.getByTestId("clip-player");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await player.evaluate((v: HTMLVideoElement, t) => {
    v.pause();
    v.currentTime = t;
  }, sec);
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(sec, 1);
}

/** Where the clip's player is, in seconds. */
export const playerTime = (page: Page) =>
  page.getByTestId("clip-player").evaluate((v: HTMLVideoElement) => v.currentTime);

/** Drags with the mouse across `target`, from and to fractions of its box. */
export async function drag(page: Page, target: Locator, from: [number, number], to: [number, number]) {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(
      ...at([from[0] + ((to[0] - from[0]) * i) / 8, from[1] + ((to[1] - from[1]) * i) / 8]),
    );
  }
  await page.mouse.up();
}
