import { expect, type Locator, type Page, test } from "@playwright/test";
import type { SequenceDTO } from "@/lib/sequences/dto";
import { uploadReference } from "../support/clips";
import { character } from "../support/composer";
import { StudioPage, seriousViolations } from "../support/studio-page";

// The storyboard of a sequence, end to end on the preview engine: make a sequence, add three shots,
// reorder them by keyboard and by drag, duplicate one, remove it and undo, edit a shot in the composer
// (its camera note and dialogue in the payload), generate 2 takes for it, choose one, and see the card's
// state, poster and the sequence's total duration. "Generate all" names the shots that cannot be sent.

const titles = async (request: Page["request"], id: string) => {
  const res = await request.get(`/api/sequences/${id}`);
  return ((await res.json()) as { sequence: SequenceDTO }).sequence.shots.map((s) => s.title);
};

const cardTitles = (cards: Locator) =>
  cards.getByTestId("shot-title").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

test("lay out a storyboard, edit a shot in the composer, generate its takes and choose one", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto("/sequences");
  await page.evaluate(() => localStorage.removeItem("omni-studio:draft:v1"));
  const title = `Harbour ${test.info().retry}-${Date.now().toString(36)}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "New sequence" }).click();
  await expect(page).toHaveURL(/\/sequences\/[\w-]+$/);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const sequenceId = page.url().split("/").pop()!;

  // Three shots, named in place.
  const cards = page.getByTestId("shot-card");
  for (const [i, name] of ["Pier", "Harbour", "Gull"].entries()) {
    await page.getByRole("button", { name: "Add shot" }).click();
    await expect(cards).toHaveCount(i + 1);
    const field = cards.nth(i).getByTestId("shot-title");
    await field.fill(name);
    await field.press("Enter");
  }
  await expect.poll(() => titles(page.request, sequenceId)).toEqual(["Pier", "Harbour", "Gull"]);

  // Keyboard: Gull's handle, Alt+ArrowUp twice, announced; the handle keeps the focus.
  const announcer = page.getByTestId("storyboard-announcer");
  const gullHandle = page.getByRole("button", { name: 'Move Shot 3 "Gull"', exact: true });
  await gullHandle.focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(announcer).toHaveText("Gull moved to position 2 of 3.");
  await page.keyboard.press("Alt+ArrowUp");
  await expect(announcer).toHaveText("Gull moved to position 1 of 3.");
  await expect(page.getByRole("button", { name: 'Move Shot 1 "Gull"', exact: true })).toBeFocused();
  await expect.poll(() => titles(page.request, sequenceId)).toEqual(["Gull", "Pier", "Harbour"]);

  // Drag: Harbour's handle onto the first card.
  const handle = cards.nth(2).getByTestId("shot-handle");
  const from = (await handle.boundingBox())!;
  const to = (await cards.nth(0).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await expect(cards.nth(0)).toHaveClass(/border-accent/);
  await page.mouse.up();
  await expect.poll(() => cardTitles(cards)).toEqual(["Harbour", "Gull", "Pier"]);
  await expect.poll(() => titles(page.request, sequenceId)).toEqual(["Harbour", "Gull", "Pier"]);

  // Duplicate Pier, remove the copy, undo.
  await page.getByRole("button", { name: 'Duplicate Shot 3 "Pier"' }).click();
  await expect.poll(() => cardTitles(cards)).toEqual(["Harbour", "Gull", "Pier", "Pier"]);
  await page.getByRole("button", { name: 'Remove Shot 4 "Pier"' }).click();
  await expect(cards).toHaveCount(3);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => cardTitles(cards)).toEqual(["Harbour", "Gull", "Pier", "Pier"]);

  // Notes on Harbour, then Generate all: every shot is still empty, each named, none sent.
  const harbour = cards.nth(0);
  await harbour.getByTestId("shot-camera").fill("slow push in");
  await harbour.getByTestId("shot-camera").press("Enter");
  await harbour.getByTestId("shot-dialogue").fill("Not again.");
  await harbour.getByTestId("shot-dialogue").press("Enter");
  await page.getByRole("button", { name: "Generate all without a chosen take" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("batch-blocked")).toContainText(
    'Shot 1 "Harbour" has no prompt and no reference yet',
  );
  await expect(dialog.getByTestId("batch-blocked")).toContainText('Shot 2 "Gull"');
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Edit Harbour in the composer: the banner, a reference and a prompt, the notes in the payload.
  await page.getByRole("link", { name: 'Edit Shot 1 "Harbour" in the composer' }).click();
  const banner = page.getByTestId("shot-banner");
  await expect(banner).toContainText('Editing Shot 1 "Harbour"');
  const studio = new StudioPage(page);
  await studio.addReferences([await character("mara.png", 5101 + test.info().retry)]);
  await studio.prompt.fill("<IMAGE_REF_0> looks out over the harbour.");
  await studio.setDuration(3);
  await page.getByRole("radiogroup", { name: "Takes" }).getByRole("radio", { name: "2 takes" }).click();
  await page.getByRole("button", { name: "Payload" }).click();
  const payload = page.getByRole("region", { name: "Payload" });
  const sent = JSON.parse((await payload.getByTestId("payload-json").textContent()) ?? "{}");
  expect(sent.prompt).toBe(
    '<IMAGE_REF_0> looks out over the harbour.\nCamera: slow push in\nDialogue: "Not again."',
  );
  await banner.getByRole("button", { name: "Save to shot" }).click();
  await expect(page.getByText('Saved to Shot 1 "Harbour"')).toBeVisible();
  await studio.generateButton.click();
  await expect(page.getByText("Started 2 takes", { exact: true })).toBeVisible();

  // Back on the storyboard: its two takes, choose the second; state, poster and total duration follow.
  await banner.getByRole("link", { name: "Back to storyboard" }).click();
  await expect(page).toHaveURL(new RegExp(`/sequences/${sequenceId}$`));
  await expect(harbour).toHaveAttribute("data-state", /^(generating|takes)$/);
  await expect(harbour).toHaveAttribute("data-state", "takes", { timeout: 90_000 });
  await harbour.getByTestId("shot-takes-toggle").click();
  const takes = harbour.getByTestId("shot-take");
  await expect(takes).toHaveCount(2);
  await takes.nth(1).getByRole("button", { name: "Choose" }).click();
  await expect(harbour).toHaveAttribute("data-state", "chosen");
  await expect(takes.nth(1)).toHaveAttribute("data-chosen", "true");
  await expect(harbour.getByTestId("shot-poster")).toHaveAttribute("alt", 'Shot 1 "Harbour", chosen take');
  await expect(harbour.getByTestId("shot-duration")).toHaveText("0:03");
  await expect(page.getByTestId("sequence-duration")).toHaveText("0:03");
  await expect(page.getByTestId("sequence-cost")).toHaveText("free");

  const res = await page.request.get(`/api/sequences/${sequenceId}`);
  const { sequence } = (await res.json()) as { sequence: SequenceDTO };
  const chosen = sequence.shots[0]!.chosen!;
  expect(chosen.shotId).toBe(sequence.shots[0]!.id);
  expect(chosen.prompt).toContain('Dialogue: "Not again."');
  expect(chosen.aspectRatio).toBe("16:9");
});

test("the storyboards page, a storyboard with a takes strip open and its Generate confirm have no serious violations, in both themes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const mara = await uploadReference(page.request, "character", "mara.png", 5201 + test.info().retry);
  const made = await page.request.post("/api/sequences", {
    data: { projectId: "first-project", title: `Axe ${Date.now().toString(36)}`, aspectRatio: "9:16" },
  });
  const { sequence } = (await made.json()) as { sequence: SequenceDTO };
  const add = (data: unknown) => page.request.post(`/api/sequences/${sequence.id}/shots`, { data });
  await add({
    title: "Pier",
    content: { prompt: "<IMAGE_REF_0> waits.", referenceIds: [mara.id], duration: 3 },
    cameraNote: "wide",
  });
  await add({});
  for (const theme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto("/sequences");
    await expect(page.getByRole("heading", { name: "Storyboards" })).toBeVisible();
    await expect(page.getByTestId("sequence-row").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/sequences/${sequence.id}`);
    await expect(page.getByTestId("shot-card")).toHaveCount(2);
    await page.getByTestId("shot-card").first().getByTestId("shot-takes-toggle").click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Generate all without a chosen take" }).click();
    await expect(page.getByRole("dialog").getByTestId("batch-blocked")).toContainText("Shot 2 has no prompt");
    expect(await seriousViolations(page)).toEqual([]);
  }
});
