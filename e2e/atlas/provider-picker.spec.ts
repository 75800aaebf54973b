import type { Page } from "@playwright/test";
import type { GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import { expect, test } from "../support/fixtures";
import { referenceFile } from "../support/images";
import type { StudioPage } from "../support/studio-page";

// A studio with fal and AtlasCloud both configured, each through its fake server: the user picks the
// provider per clip, and AtlasCloud's seed and thinking level go with the clip and come back with it.

const PROMPT = "<IMAGE_REF_0> waves at the camera, one continuous shot. No dialogue.";

const providerGroup = (page: Page) => page.getByRole("radiogroup", { name: "Provider" });
const providerRadio = (page: Page, name: "fal.ai" | "AtlasCloud") =>
  providerGroup(page).getByRole("radio", { name: new RegExp(`^${name.replace(".", "\\.")},`) });
const seedInput = (page: Page) => page.getByRole("textbox", { name: "Seed" });
const thinkingGroup = (page: Page) => page.getByRole("radiogroup", { name: "Thinking level" });
const payloadJson = async (page: Page) =>
  JSON.parse((await page.getByTestId("payload-json").textContent()) ?? "") as Record<string, unknown>;

async function openPayload(page: Page) {
  const toggle = page.getByRole("button", { name: "Payload" });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(page.getByTestId("payload-json")).toBeVisible();
}

async function startFresh(studio: StudioPage) {
  await studio.goto();
  await studio.page.evaluate(() => window.localStorage.clear());
  await studio.goto();
  await expect(providerGroup(studio.page)).toBeVisible();
}

test("AtlasCloud: pick it, set a seed and thinking level, generate, and get them back from the clip", async ({
  studio,
  request,
}) => {
  const { page } = studio;
  await startFresh(studio);

  // fal is the server's default: 8 s, fal's price, no AtlasCloud controls.
  await expect(providerRadio(page, "fal.ai")).toHaveAttribute("aria-checked", "true");
  // fal serves three versions: its label names the lowest price (v1.2 at 360p).
  await expect(providerRadio(page, "fal.ai")).toContainText("from $0.0273/s");
  await expect(providerRadio(page, "AtlasCloud")).toContainText("$0.135/s");
  await expect(page.getByTestId("duration-value")).toHaveText("8 seconds");
  await expect(studio.costEstimate).toContainText("≈ $1.04");
  await expect(seedInput(page)).toHaveCount(0);

  // AtlasCloud: its 10 s default (the user has not picked a duration) and its price.
  await providerRadio(page, "AtlasCloud").click();
  await expect(providerRadio(page, "AtlasCloud")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("duration-value")).toHaveText("10 seconds");
  await expect(studio.costEstimate).toContainText("≈ $1.35");
  await expect(studio.costEstimate).toContainText("10 s × $0.135 per second on AtlasCloud");

  await studio.addReferences([await referenceFile("character", "hero.png", 31)]);
  await studio.prompt.click();
  await studio.insertTag(0);
  await page.keyboard.type("waves at the camera, one continuous shot. No dialogue.");
  await expect(studio.prompt).toHaveAttribute("data-value", PROMPT);

  // A seed that is not a whole number is refused inline and blocks Generate.
  await seedInput(page).fill("12.5");
  await expect(page.getByTestId("seed-error")).toContainText("Seed must be a whole number");
  await expect(seedInput(page)).toHaveAttribute("aria-invalid", "true");
  await expect(studio.generateButton).toHaveAttribute("aria-disabled", "true");
  await page.getByRole("button", { name: "Pick a random seed" }).click();
  await expect(seedInput(page)).toHaveValue(/^\d+$/);
  await seedInput(page).fill("1234");
  await expect(page.getByTestId("seed-error")).toHaveCount(0);
  await thinkingGroup(page).getByRole("radio", { name: /^High/ }).click();
  await expect(thinkingGroup(page).getByRole("radio", { name: /^High/ })).toHaveAttribute(
    "aria-checked",
    "true",
  );

  // The Payload view shows AtlasCloud's flat body.
  await openPayload(page);
  await expect(page.getByTestId("payload-view")).toContainText("What AtlasCloud receives");
  const body = await payloadJson(page);
  expect(Object.keys(body)).toEqual([
    "model",
    "prompt",
    "images",
    "duration",
    "aspect_ratio",
    "resolution",
    "thinking_level",
    "seed",
  ]);
  expect(body).toMatchObject({
    model: "google/gemini-omni-flash/reference-to-video",
    prompt: PROMPT,
    duration: 10,
    aspect_ratio: "16:9",
    resolution: "720p",
    thinking_level: "high",
    seed: 1234,
  });
  expect(body.images).toHaveLength(1);

  const before = (await (await request.get("/api/generations?limit=100")).json()) as GenerationPage;
  await expect(studio.generateButton).toBeEnabled();
  await studio.generateButton.click();
  const id = await studio.newCardId(new Set(before.items.map((g) => g.id)));
  const card = studio.card(id);
  await studio.expectCompleted(card);
  await expect(card.getByTestId("clip-provider-badge")).toHaveText("AtlasCloud");
  await expect(card.getByTestId("generation-cost")).toContainText("$1.35");

  const stored = (
    (await (await request.get(`/api/generations/${id}`)).json()) as { generation: GenerationDTO }
  ).generation;
  expect(stored).toMatchObject({ provider: "atlas", seed: 1234, thinkingLevel: "high", duration: 10 });

  // Change the composer, so "Use these settings" has something to restore.
  await providerRadio(page, "fal.ai").click();
  await expect(seedInput(page)).toHaveCount(0);

  await card.getByRole("link", { name: /^Open clip/ }).click();
  await expect(page).toHaveURL(new RegExp(`/clips/${id}$`));
  await expect(page.getByTestId("clip-provider")).toContainText("AtlasCloud");
  await expect(page.getByTestId("clip-seed")).toContainText("1234");
  await expect(page.getByTestId("clip-thinking-level")).toContainText("high");
  await expect(page.getByTestId("clip-provider-badge")).toHaveText("AtlasCloud");

  await page.getByRole("link", { name: "Use these settings" }).click();
  await page.getByRole("button", { name: "Replace" }).click();
  await expect(providerRadio(page, "AtlasCloud")).toHaveAttribute("aria-checked", "true");
  await expect(seedInput(page)).toHaveValue("1234");
  await expect(thinkingGroup(page).getByRole("radio", { name: /^High/ })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(page.getByTestId("duration-value")).toHaveText("10 seconds");
  await expect(studio.prompt).toHaveAttribute("data-value", PROMPT);
  await openPayload(page);
  expect(await payloadJson(page)).toMatchObject({ seed: 1234, thinking_level: "high" });
});

test("fal hides the seed and thinking level and drops them from the payload", async ({ studio }) => {
  const { page } = studio;
  await startFresh(studio);
  await studio.addReferences([await referenceFile("place", "dock.png", 32)]);
  await studio.prompt.click();
  await studio.insertTag(0);
  await page.keyboard.type("at dawn.");

  await providerRadio(page, "AtlasCloud").click();
  await seedInput(page).fill("99");
  await thinkingGroup(page).getByRole("radio", { name: /^Low/ }).click();
  await openPayload(page);
  expect(await payloadJson(page)).toMatchObject({ seed: 99, thinking_level: "low" });

  await providerRadio(page, "fal.ai").click();
  await expect(seedInput(page)).toHaveCount(0);
  await expect(thinkingGroup(page)).toHaveCount(0);
  await expect(page.getByTestId("payload-view")).toContainText("What fal receives");
  const body = await payloadJson(page);
  expect(Object.keys(body)).toEqual(["prompt", "image_urls", "aspect_ratio", "duration"]);
  await expect(studio.costEstimate).toContainText("per second on fal.ai");

  // Choosing a duration by hand sticks across providers.
  await studio.setDuration(5);
  await providerRadio(page, "AtlasCloud").click();
  await expect(page.getByTestId("duration-value")).toHaveText("5 seconds");
  await expect(seedInput(page)).toHaveValue("99");
});
