import type { Locator, Page } from "@playwright/test";
import { makeVideo } from "../../test/support/videos";
import { character, look, place } from "../support/composer";
import { expect, test } from "../support/fixtures";
import type { FilePayload, StudioPage } from "../support/studio-page";

// The composer's layout (issue 17), measured as boxes: with five references at 1366x768, and with the
// most a version takes (ten images and three videos: the preview engine's profile takes as many as fal's
// Omni Flash 1.2), the prompt's first lines, the settings summary and Generate are on screen without
// scrolling, each actually visible at its own spot (not under the sticky footer or off the column).

const makers = [character, place, look];
const images = (count: number, seed: number): Promise<FilePayload[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => makers[i % 3]!(`ref ${i + 1}.png`, seed + i)));

async function ready(studio: StudioPage) {
  await studio.goto();
  await expect(studio.page.getByTestId("composer")).toHaveAttribute("data-ready", "true");
}

/** The element at a point inside `target` is `target` or inside it: nothing covers that spot. */
async function uncoveredAt(target: Locator, dx: number, dy: number): Promise<boolean> {
  return target.evaluate(
    (el, [x, y]) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + x!, r.top + y!);
      return hit !== null && (el === hit || el.contains(hit));
    },
    [dx, dy],
  );
}

/** Nothing scrolled: neither the page nor the composer's own column. */
async function unscrolled(page: Page) {
  const scrolls = await page.getByTestId("composer").evaluate((form) => {
    const out = [window.scrollY];
    for (let el = form.parentElement; el; el = el.parentElement) out.push(el.scrollTop);
    return out;
  });
  expect(scrolls.every((s) => s === 0)).toBe(true);
}

async function expectPromptSummaryAndGenerateInView(studio: StudioPage) {
  const { page } = studio;
  const viewport = page.viewportSize()!;
  await unscrolled(page);
  const prompt = (await studio.prompt.boundingBox())!;
  const summary = page.getByTestId("settings-summary");
  const generate = (await studio.generateButton.boundingBox())!;
  const footer = (await page.getByTestId("generate-bar").boundingBox())!;
  const summaryBox = (await summary.boundingBox())!;
  // The prompt's first two lines (28 px each) sit above the footer and inside the window.
  expect(prompt.y).toBeGreaterThanOrEqual(0);
  expect(prompt.y + 2 * 28).toBeLessThanOrEqual(Math.min(footer.y, viewport.height));
  expect(await uncoveredAt(studio.prompt, 24, 2 * 28 - 6)).toBe(true);
  for (const box of [summaryBox, generate]) {
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  }
  expect(await uncoveredAt(summary, 12, summaryBox.height / 2)).toBe(true);
  expect(await uncoveredAt(studio.generateButton, generate.width / 2, generate.height / 2)).toBe(true);
  await expect(summary).toContainText(/\d+ s · (16:9|9:16) · \d takes?/);
}

test("at 1366x768 with five references the prompt's first lines, the settings summary and Generate are in view", async ({
  studio,
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await ready(studio);
  await studio.addReferences(await images(5, 401));
  await expectPromptSummaryAndGenerateInView(studio);
  // The five tiles take one row.
  const tops = await studio.tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  expect(new Set(tops).size).toBe(1);

  // The summary brings the settings into view.
  await page.getByTestId("settings-summary").click();
  await expect(page.getByRole("radiogroup", { name: "Duration" })).toBeInViewport();
});

test("at 1366x768 with ten images and three reference videos the prompt, the summary and Generate are still in view", async ({
  studio,
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await ready(studio);
  await studio.addReferences(await images(10, 411));
  // Three different files (a twin of a stored one is refused).
  const clips = await Promise.all(
    [1, 2, 3].map((i) => makeVideo({ seconds: 1 + i / 2, width: 160 * i, height: 90 * i })),
  );
  const videos = page.getByTestId("reference-video-tile");
  for (const [i, name] of ["walk", "turn", "rain"].entries()) {
    await page
      .getByLabel("Reference images or videos")
      .setInputFiles([{ name: `${name}.mp4`, mimeType: "video/mp4", buffer: clips[i]! }]);
    await expect(videos).toHaveCount(i + 1);
  }
  await expect(videos).toHaveCount(3);
  await expect(videos.and(page.locator("[data-status=ready]"))).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByTestId("reference-count")).toHaveText("10 / 10");
  await expect(page.getByTestId("reference-video-count")).toContainText("3 / 3");
  // The header's Add says the tray is full instead of opening a picker whose every file would be refused.
  await expect(page.getByRole("button", { name: "Full", exact: true })).toHaveAttribute(
    "aria-disabled",
    "true",
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectPromptSummaryAndGenerateInView(studio);
});

test("on a phone (390x844) three references take a short strip and the prompt starts on the first screen", async ({
  studio,
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await ready(studio);
  await studio.addReferences(await images(3, 421));
  const tray = (await page.getByTestId("dropzone").boundingBox())!;
  expect(tray.height).toBeLessThan(844 / 4);
  const prompt = (await studio.prompt.boundingBox())!;
  expect(prompt.y + 2 * 28).toBeLessThan(844);
  // Nothing is wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // A tile's actions (hidden until hover) show while one of them has keyboard focus.
  const moveLeft = studio.tile(1).getByRole("button", { name: "Move left" });
  await expect(moveLeft.locator("..")).toHaveCSS("opacity", "0");
  await moveLeft.focus();
  await expect(moveLeft.locator("..")).toHaveCSS("opacity", "1");
});

test("Tips and Payload open where they are seen", async ({ studio, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await ready(studio);
  await studio.addReferences(await images(5, 431));
  await page.getByRole("button", { name: "Tips" }).click();
  await expect(page.getByTestId("prompt-tips")).toBeInViewport({ ratio: 0.5 });
  await page.getByRole("button", { name: "Payload" }).click();
  await expect(page.getByTestId("payload-json")).toBeInViewport();
  await expect(page.getByRole("region", { name: "Payload" })).toBeInViewport({ ratio: 0.3 });
});

test("refused files make one dismissible summary, not a stack above the prompt", async ({ studio, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await ready(studio);
  await studio.addReferences(await images(1, 441));
  const before = (await studio.prompt.boundingBox())!.y;
  const refuse = (name: string) =>
    studio.referenceInput.setInputFiles([
      { name, mimeType: "text/plain", buffer: Buffer.from("not an image") },
    ]);
  const notices = page.getByTestId("upload-notices");
  await refuse("a.png");
  await expect(notices).toContainText("a.png was not added");
  const withOne = (await studio.prompt.boundingBox())!.y;
  for (const name of ["b.png", "c.png", "d.png"]) {
    await refuse(name);
    await expect(notices).toContainText(`${name} was not added`);
  }
  await expect(notices).toHaveCount(1);
  await expect(page.getByTestId("upload-notices-summary")).toHaveText("4 files were not added");
  await expect(notices).toContainText("d.png was not added: it is not a PNG, JPEG or WebP image");
  // Four refusals take one line more than one: the earlier reasons wait behind a disclosure.
  const withFour = (await studio.prompt.boundingBox())!.y;
  expect(withFour - withOne).toBeLessThanOrEqual(24);
  await expect(notices.getByText("a.png was not added")).toBeHidden();
  await notices.getByText("show the other 3").click();
  await expect(notices.getByText("a.png was not added")).toBeVisible();
  await notices.getByRole("button", { name: "Dismiss all 4" }).click();
  await expect(notices).toHaveCount(0);
  expect((await studio.prompt.boundingBox())!.y).toBe(before);
});

test("adding images from the keyboard keeps focus on a visible control; the file input is never a tab stop", async ({
  studio,
  page,
}) => {
  await ready(studio);
  const input = page.locator('input[type="file"]').first();
  await expect(input).toHaveAttribute("tabindex", "-1");
  const add = page.getByRole("button", { name: /^Drop 1 to \d+ images|^Drop up to/ });
  await add.focus();
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Enter");
  await (await chooser).setFiles([await character("hero.png", 451)]);
  await expect(studio.tiles.and(page.locator("[data-status=ready]"))).toHaveCount(1, { timeout: 30_000 });
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const r = el?.getBoundingClientRect();
      return {
        tag: el?.tagName.toLowerCase(),
        type: el?.getAttribute("type"),
        text: el?.textContent?.trim() ?? "",
        visible: Boolean(r && r.width > 0 && r.height > 0),
      };
    });
  expect(await focused()).toMatchObject({
    tag: "button",
    visible: true,
    text: expect.stringMatching(/Add image/),
  });
  // Tab goes on to the tile's controls, never to the hidden input.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    const f = await focused();
    expect(f.type).not.toBe("file");
    expect(f.visible).toBe(true);
  }
});
