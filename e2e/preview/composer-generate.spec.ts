import type { GenerationPage } from "@/lib/generations/dto";
import {
  character,
  createClip,
  expectChips,
  expectPrompt,
  place,
  tileNames,
  uploadAsset,
} from "../support/composer";
import { expect, test } from "../support/fixtures";

const PROMPT = "<IMAGE_REF_0> rows across <IMAGE_REF_1> at first light. Single continuous shot. Oars, gulls.";

test("two takes with the preview engine: a double click makes one group of two clips; the draft stays and survives a reload", async ({
  studio,
  page,
  request,
}) => {
  await studio.goto();
  await studio.addReferences([await character("rower.png", 121), await place("lake.png", 122)]);
  await studio.tile(0).getByTestId("reference-name").fill("Rower");
  await studio.prompt.fill(PROMPT);
  await page.getByRole("radiogroup", { name: "Takes" }).getByRole("radio", { name: "2 takes" }).click();
  await studio.setDuration(4);
  await expect(page.getByRole("radiogroup", { name: "Duration" })).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: "Aspect ratio" })).toBeVisible();
  await expect(studio.costEstimate).toContainText("Free");
  await expect(studio.costEstimate).toContainText("2 takes");
  await expect(page.getByTestId("spend-today")).toHaveText(/^Today \$\d+\.\d\d$/);
  await expect(studio.generateButton).toContainText("2 takes");

  const list = async () =>
    ((await (await request.get("/api/generations?limit=100")).json()) as GenerationPage).items;
  const known = new Set((await list()).map((g) => g.id));
  const spendRefetch = page.waitForRequest((r) => r.url().endsWith("/api/spend"));
  await studio.generateButton.dblclick();
  await spendRefetch;

  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Started 2 takes" })).toBeVisible();
  let created = (await list()).filter((g) => !known.has(g.id));
  expect(created).toHaveLength(2);
  expect(new Set(created.map((g) => g.takeGroupId)).size).toBe(1);
  expect(created.map((g) => g.takeCount)).toEqual([2, 2]);
  expect(created[0]!.references.map((r) => r.label)).toEqual(["Rower", "lake"]);
  expect(created[0]).toMatchObject({ prompt: PROMPT, duration: 4, isPreview: true });
  for (const g of created) await expect(studio.card(g.id)).toBeVisible();

  // The composer keeps everything for the next variation, and so does a reload.
  await expectPrompt(studio, PROMPT);
  await page.reload();
  await expect(studio.tiles).toHaveCount(2);
  expect(await tileNames(studio)).toEqual(["Rower", "lake"]);
  await expectPrompt(studio, PROMPT);
  await expectChips(studio, [
    [0, "Rower"],
    [1, "lake"],
  ]);
  await expect(page.getByRole("radio", { name: "2 takes" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("radio", { name: "4 seconds", exact: true })).toHaveAttribute(
    "aria-checked",
    "true",
  );

  // Ctrl/Cmd+Enter submits the same draft again as a new group (a new key after the first success).
  await studio.prompt.click();
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect.poll(async () => (await list()).filter((g) => !known.has(g.id)).length).toBe(4);
  created = (await list()).filter((g) => !known.has(g.id));
  expect(new Set(created.map((g) => g.takeGroupId)).size).toBe(2);
});

test("“Use these settings” (/?use=<id>) asks before replacing a draft, then loads prompt, named references and settings", async ({
  studio,
  page,
  request,
}) => {
  const mara = await uploadAsset(request, await character("mara-final-v2.png", 131));
  const dock = await uploadAsset(request, await place("dock.png", 132));
  const clip = await createClip(request, {
    prompt: "<IMAGE_REF_1> at dawn; <IMAGE_REF_0> walks in. No dialogue.",
    referenceIds: [mara.id, dock.id],
    referenceNames: ["Mara", "The dock"],
    duration: 4,
    aspectRatio: "9:16",
    takes: 2,
    idempotencyKey: `use-settings-${Date.now()}`,
  });

  await studio.goto();
  await studio.addReferences([await character("hero.png", 133)]);
  await studio.prompt.fill("My own idea with <IMAGE_REF_0>");

  const dialog = page.getByRole("dialog", { name: "Replace your current draft?" });
  await page.goto(`/?use=${clip.id}`);
  await expect(dialog).toBeVisible();
  // The clip's prompt with its tags as named chips, in prompt order, not raw <IMAGE_REF_n>.
  const chips = dialog.getByTestId("replace-draft-prompt").getByTestId("prompt-chip");
  await expect(chips).toHaveCount(2);
  expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute("data-label")))).toEqual([
    "The dock",
    "Mara",
  ]);
  await expect(page).toHaveURL((url) => !url.searchParams.has("use"));
  await dialog.getByRole("button", { name: "Keep my draft" }).click();
  await expect(dialog).toBeHidden();
  expect(await tileNames(studio)).toEqual(["hero"]);
  await expectPrompt(studio, "My own idea with <IMAGE_REF_0>");

  await page.goto(`/?use=${clip.id}`);
  await dialog.getByRole("button", { name: "Replace" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => tileNames(studio)).toEqual(["Mara", "The dock"]);
  await expectPrompt(studio, clip.prompt);
  await expectChips(studio, [
    [1, "The dock"],
    [0, "Mara"],
  ]);
  await expect(page.getByRole("radio", { name: "4 seconds", exact: true })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(page.getByRole("radio", { name: /^9:16/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("radio", { name: "2 takes" })).toHaveAttribute("aria-checked", "true");
  await expect(page).toHaveURL((url) => !url.searchParams.has("use"));

  // Changed your mind: the toast's Undo brings the draft back.
  await page
    .locator("[data-sonner-toast]")
    .filter({ hasText: "Settings loaded" })
    .getByRole("button", { name: "Undo" })
    .click();
  expect(await tileNames(studio)).toEqual(["hero"]);
  await expectPrompt(studio, "My own idea with <IMAGE_REF_0>");
});
