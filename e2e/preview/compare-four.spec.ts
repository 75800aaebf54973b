import { expect, type Locator, type Page, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createClip, getClip, uploadReference, waitForStatus } from "../support/clips";

// Compare with up to four clips (issue 17): a take group's four takes in lockstep, each side's review
// (star, status, choose this take) kept over a reload, the input diff of A against a chosen side, and a
// clear refusal of a bad list of clips.

const SIDES = ["a", "b", "c", "d"] as const;

async function fourTakes(page: Page, seed: number, prompt: string): Promise<GenerationDTO[]> {
  const ref = await uploadReference(page.request, "character", `take-${seed}.png`, seed);
  const takes = await createClip(page.request, { prompt, references: [ref], takes: 4 });
  expect(takes).toHaveLength(4);
  return Promise.all(takes.map((g) => waitForStatus(page.request, g.id, "completed")));
}

const videos = (page: Page) => SIDES.map((s) => page.getByTestId(`compare-video-${s}`));
const times = (vs: Locator[]) =>
  Promise.all(vs.map((v) => v.evaluate((el: HTMLVideoElement) => el.currentTime)));
const paused = (vs: Locator[]) => Promise.all(vs.map((v) => v.evaluate((el: HTMLVideoElement) => el.paused)));
const muted = (vs: Locator[]) => Promise.all(vs.map((v) => v.evaluate((el: HTMLVideoElement) => el.muted)));

/** Every side's video and the Play button inside the window, none overlapping another. */
async function expectAllOnScreen(page: Page, size: { width: number; height: number }) {
  const boxes = await Promise.all(videos(page).map((v) => v.boundingBox()));
  for (const [i, box] of boxes.entries()) {
    expect(box, `video ${SIDES[i]}`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(56); // below the sticky header
    expect(box!.x + box!.width, `video ${SIDES[i]} right edge`).toBeLessThanOrEqual(size.width);
    expect(
      box!.y + box!.height,
      `video ${SIDES[i]} bottom at ${size.width}x${size.height}`,
    ).toBeLessThanOrEqual(size.height);
    expect(box!.width, `video ${SIDES[i]} is big enough to judge`).toBeGreaterThan(
      size.width < 500 ? 150 : 380,
    );
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [p, q] = [boxes[i]!, boxes[j]!];
      const apart =
        p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
      expect(apart, `${SIDES[i]} and ${SIDES[j]} overlap`).toBe(true);
    }
  const play = (await page.getByRole("button", { name: /^(Play|Pause) all$/ }).boundingBox())!;
  expect(play.y + play.height, `Play at ${size.width}x${size.height}`).toBeLessThanOrEqual(size.height);
}

test("a take group's four takes: Compare takes opens them, in lockstep and all on screen", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const takes = await fourTakes(page, 1811, "<IMAGE_REF_0> spins a paper lantern by the river; crickets.");
  await page.goto("/");
  const group = page.locator(`[data-testid="take-group"][data-group-id="${takes[0]!.takeGroupId}"]`);
  await group.getByRole("link", { name: "Compare takes" }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?ids=${takes.map((g) => g.id).join(",")}$`));
  await expect(page.getByRole("heading", { name: "Compare four clips" })).toBeVisible();
  const vs = videos(page);
  for (const v of vs)
    await expect.poll(() => v.evaluate((el: HTMLVideoElement) => el.readyState)).toBeGreaterThan(0);

  // One play button drives all four, one pause stops all four, one seek moves all four.
  await page.getByRole("button", { name: "Play all" }).click();
  await expect.poll(async () => (await times(vs)).every((t) => t > 0.3)).toBe(true);
  expect(await paused(vs)).toEqual([false, false, false, false]);
  await page.getByRole("button", { name: "Pause all" }).click();
  await expect.poll(() => paused(vs)).toEqual([true, true, true, true]);
  const [lead, ...rest] = await times(vs);
  for (const t of rest) expect(Math.abs(t - lead!)).toBeLessThan(0.35);
  await page.getByRole("slider", { name: "Seek all clips" }).fill("2");
  await expect.poll(async () => (await times(vs)).map((t) => Math.round(t * 10) / 10)).toEqual([2, 2, 2, 2]);
  // The clip page's keys drive all four: L steps each a second, Space plays all (the button follows),
  // K pauses all; `?` lists them.
  await page.locator("body").click({ position: { x: 5, y: 200 } });
  await page.keyboard.press("l");
  await expect.poll(async () => (await times(vs)).map((t) => Math.round(t * 10) / 10)).toEqual([3, 3, 3, 3]);
  // From the start, so the clips cannot end (and pause) before the check sees them playing.
  await page.getByRole("slider", { name: "Seek all clips" }).fill("0");
  await page.locator("body").click({ position: { x: 5, y: 200 } });
  await page.keyboard.press(" ");
  await expect.poll(() => paused(vs)).toEqual([false, false, false, false]);
  await expect(page.getByRole("button", { name: "Pause all" })).toBeVisible();
  await page.keyboard.press("k");
  await expect.poll(() => paused(vs)).toEqual([true, true, true, true]);
  await expect(page.getByRole("button", { name: "Play all" })).toBeVisible();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: /Keyboard shortcuts/ })).toContainText("every clip at once");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  // Sound from one side at a time: A first, then the one chosen.
  expect(await muted(vs)).toEqual([false, true, true, true]);
  await page.getByRole("radiogroup", { name: "Sound from" }).getByRole("radio", { name: "Sound C" }).click();
  await expect.poll(() => muted(vs)).toEqual([true, true, false, true]);

  // All four and the controls fit the window together at a laptop's and a desktop's size.
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectAllOnScreen(page, size);
  }
});

test("each side's star, review status and chosen take change at once and stay after a reload", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const takes = await fourTakes(page, 1812, "<IMAGE_REF_0> folds a paper boat on the steps; rain.");
  await page.goto(`/compare?ids=${takes.map((g) => g.id).join(",")}`);
  const side = (s: (typeof SIDES)[number]) => page.getByTestId(`compare-side-${s}`);
  await expect(side("d")).toHaveAttribute("data-id", takes[3]!.id);

  await side("c").getByRole("button", { name: "Choose this take" }).click();
  await expect(side("c").getByTestId("chosen-take")).toHaveText("Chosen");
  await side("b").getByRole("button", { name: "Favorite" }).click();
  await expect(side("b").getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "true");
  await side("d").getByRole("combobox", { name: "Review status" }).selectOption("approved");
  await expect.poll(async () => (await getClip(page.request, takes[3]!.id)).reviewStatus).toBe("approved");
  await expect.poll(async () => (await getClip(page.request, takes[2]!.id)).chosen).toBe(true);
  expect((await getClip(page.request, takes[1]!.id)).favorite).toBe(true);

  // Choosing another take moves the choice: C no longer shows Chosen, at once.
  await side("a").getByRole("button", { name: "Choose this take" }).click();
  await expect(side("a").getByTestId("chosen-take")).toBeVisible();
  await expect(side("c").getByTestId("chosen-take")).toHaveCount(0);
  await expect(side("c").getByRole("button", { name: "Choose this take" })).toBeVisible();

  await page.reload();
  await expect(side("a").getByTestId("chosen-take")).toHaveText("Chosen");
  await expect(side("c").getByRole("button", { name: "Choose this take" })).toBeVisible();
  await expect(side("b").getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "true");
  await expect(side("a").getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "false");
  await expect(side("d").getByRole("combobox", { name: "Review status" })).toHaveValue("approved");
  await expect(side("c").getByRole("combobox", { name: "Review status" })).toHaveValue("pending");
});

test("the input diff is A against the side picked: B first, then C", async ({ page }) => {
  const ref = await uploadReference(page.request, "character", "ines.png", 1813);
  const made: GenerationDTO[] = [];
  for (const [verb, duration] of [
    ["runs", 3],
    ["walks", 3],
    ["swims", 5],
  ] as const) {
    const [g] = await createClip(page.request, {
      prompt: `<IMAGE_REF_0> ${verb} along the shore at noon; surf.`,
      references: [ref],
      referenceNames: ["Ines"],
      duration,
    });
    made.push(await waitForStatus(page.request, g!.id, "completed"));
  }
  await page.goto(`/compare?ids=${made.map((g) => g.id).join(",")}`);
  await expect(page.getByRole("heading", { name: "Compare three clips" })).toBeVisible();
  const diff = page.getByTestId("prompt-diff");
  const pair = page.getByRole("radiogroup", { name: "Compare A with" });
  await expect(pair.getByRole("radio", { name: "B" })).toHaveAttribute("aria-checked", "true");
  await expect(diff.locator("del")).toContainText(["runs"]);
  await expect(diff.locator("ins")).toContainText(["walks"]);
  await expect(page.getByTestId("settings-diff").locator("tr[data-changed=true]")).toHaveCount(0);

  await pair.getByRole("radio", { name: "C" }).click();
  await expect(diff.locator("ins")).toContainText(["swims"]);
  await expect(diff.locator("ins").filter({ hasText: "walks" })).toHaveCount(0);
  await expect(page.getByTestId("settings-diff").locator("thead th").nth(2)).toHaveText("C");
  await expect(page.getByTestId("settings-diff").locator("tr[data-changed=true]")).toContainText("Duration");
  await expect(page.getByRole("complementary", { name: "What changed between A and C" })).toBeVisible();
});

test("a bad list of clips is refused with what is wrong, on the page and by the API", async ({ page }) => {
  const ref = await uploadReference(page.request, "place", "quarry.png", 1814);
  const made = await createClip(page.request, {
    prompt: "<IMAGE_REF_0> at the bottom of the quarry; echo.",
    references: [ref],
    takes: 2,
  });
  const [a, b] = await Promise.all(made.map((g) => waitForStatus(page.request, g.id, "completed")));
  const review = async () =>
    Promise.all(
      [a!, b!].map(async (g) => {
        const { favorite, reviewStatus, chosen, status } = await getClip(page.request, g.id);
        return { favorite, reviewStatus, chosen, status };
      }),
    );
  const before = await review();
  const unknown = "nosuchclip00001";
  const cases: [string, number, string][] = [
    [a!.id, 400, "Compare needs at least 2 clips; this link names only 1."],
    [
      [a!.id, b!.id, unknown, "other00000002", "other00000003"].join(","),
      400,
      "Compare shows at most 4 clips at once; this link names 5.",
    ],
    [`${a!.id},${b!.id},${a!.id}`, 400, `Clip ${a!.id} is named twice (as A and C): compare distinct clips.`],
    [`${a!.id},${unknown}`, 404, `Clip B (${unknown}) does not exist (deleted, or a mistyped link).`],
  ];
  for (const [ids, status, message] of cases) {
    const res = await page.request.get(`/api/compare?ids=${ids}`);
    expect(res.status(), ids).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(message);
    await page.goto(`/compare?ids=${ids}`);
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await expect(page.getByTestId("compare-players")).toHaveCount(0);
  }
  // Nothing changed, and the older two-clip link still opens the compare.
  expect(await review()).toEqual(before);
  await page.goto(`/compare?a=${a!.id}&b=${b!.id}`);
  await expect(page).toHaveURL(new RegExp(`/compare\\?ids=${a!.id},${b!.id}$`));
  await expect(page.getByTestId("compare-video-b")).toBeVisible();
  await expect(page.getByRole("button", { name: "Play both" })).toBeVisible();
});
