import { expect, type Page, test } from "@playwright/test";
import { sequenceWithTakes } from "../support/sequences";
import { seriousViolations } from "../support/studio-page";

// Review links for a sequence and for a whole project, in a real browser: an editor shares a sequence
// from its storyboard, a guest with no account opens the link, watches the chosen takes play end to end,
// and comments on the sequence's timeline, and the comment lands on the take under the playhead (the
// member sees it on that clip); a project link shows the project's sequences and opens one to watch.
// Screenshots of the guest's sequence page at the three sizes go to the test's output folder.

async function guestPage(browser: import("@playwright/test").Browser, url: string, name: string) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    storageState: { cookies: [], origins: [] },
  });
  const guest = await context.newPage();
  await guest.goto(url);
  await guest.getByLabel("Your name").fill(name);
  await guest.getByRole("button", { name: "Continue" }).click();
  return { context, guest };
}

async function makeLink(page: Page, dialogName = "Share for review") {
  const dialog = page.getByRole("dialog", { name: dialogName });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: "Comment" })).toBeChecked();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/r\/shr_[A-Za-z0-9_-]{43}$/);
  await page.keyboard.press("Escape");
  return url;
}

test("a guest watches a shared sequence end to end and comments on the take under the playhead", async ({
  page,
  browser,
}, info) => {
  test.setTimeout(240_000);
  const { sequence, takes } = await sequenceWithTakes(
    page.request,
    "Lighthouse night",
    ["Dock", "Stairs", "Lamp"],
    3,
    7300,
  );

  await page.goto(`/sequences/${sequence.id}`);
  await page.getByRole("button", { name: "Share" }).click();
  const url = await makeLink(page);

  const { context, guest } = await guestPage(browser, url, "Rui");
  const view = guest.getByTestId("guest-sequence");
  await expect(view).toBeVisible();
  await expect(guest.getByTestId("guest-heading")).toHaveText("Lighthouse night");
  await expect(guest.getByTestId("timeline-shot")).toHaveCount(3);
  // Nothing of the studio: no navigation, no export, no storyboard.
  await expect(guest.getByRole("navigation")).toHaveCount(0);
  await expect(guest.getByText("Back to the storyboard")).toHaveCount(0);
  await expect(guest.getByRole("button", { name: /Export/ })).toHaveCount(0);

  // It plays through the cuts, from the link's own media route.
  const player = guest.getByTestId("sequence-player");
  await guest.getByTestId("sequence-play").click();
  await expect(player).toHaveAttribute("data-shot-index", "1", { timeout: 20_000 });
  const src = await guest.getByTestId("sequence-video").first().getAttribute("src");
  expect(src).toMatch(/^\/api\/r\/shr_[A-Za-z0-9_-]{43}\/media\//);
  await guest.getByTestId("sequence-play").click();

  // Jump to the third shot and comment there.
  await guest.getByTestId("timeline-shot").nth(2).focus();
  await guest.keyboard.press("Enter");
  await expect(player).toHaveAttribute("data-shot-index", "2");
  await guest.getByLabel(/^At /).fill("The lamp flickers too early");
  await guest.getByRole("button", { name: "Comment" }).click();
  await expect(guest.getByTestId("sequence-comment")).toContainText("The lamp flickers too early");
  await expect(guest.getByTestId("sequence-comment")).toContainText("Shot 3 · Lamp");
  await expect(guest.getByTestId("sequence-comment")).toContainText("Rui (guest)");

  for (const [w, h] of [
    [1440, 900],
    [1366, 768],
    [390, 844],
  ] as const) {
    await guest.setViewportSize({ width: w, height: h });
    await guest.screenshot({ path: info.outputPath(`guest-sequence-${w}x${h}.png`) });
    // Nothing runs off a phone's width.
    const overflow = await guest.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  expect(await seriousViolations(guest)).toEqual([]);

  // The member finds it on the third shot's take.
  const comments = await page.request.get(`/api/generations/${takes[2]!.id}/comments`);
  expect(comments.status()).toBe(200);
  const items = ((await comments.json()) as { items: { body: string; guest: boolean }[] }).items;
  expect(items).toEqual([expect.objectContaining({ body: "The lamp flickers too early", guest: true })]);

  // The guest's cookie opens nothing of the studio.
  expect((await guest.request.get(`/api/sequences/${sequence.id}`)).status()).toBe(401);
  await context.close();
});

test("a project link shows the project's sequences and opens one to watch", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { sequence } = await sequenceWithTakes(page.request, "Harbour dawn", ["Quay", "Nets"], 3, 7400);

  await page.goto("/");
  await page.getByRole("button", { name: /Switch project/ }).click();
  await page.getByTestId("share-project").click();
  const url = await makeLink(page);

  const { context, guest } = await guestPage(browser, url, "Ines");
  await expect(guest.getByTestId("guest-view")).toHaveAttribute("data-kind", "project");
  const card = guest.getByTestId("guest-sequence-card").filter({ hasText: "Harbour dawn" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("2 of 2 shots chosen");
  await expect(guest.getByTestId("guest-grid")).toBeVisible();
  await card.click();
  await expect(guest.getByTestId("guest-sequence")).toHaveAttribute("data-sequence-id", sequence.id);
  await expect(guest.getByTestId("timeline-shot")).toHaveCount(2);
  await guest.getByRole("link", { name: "All of the project" }).click();
  await expect(guest.getByTestId("guest-view")).toBeVisible();
  await context.close();
});
