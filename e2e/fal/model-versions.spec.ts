import type { Page } from "@playwright/test";
import type { GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import type { FakeFal } from "../../test/fakes/fal-server";
import type { StudioProcess } from "../../test/support/studio-process";
import { expect, test } from "../support/fixtures";
import { referenceFile } from "../support/images";
import { type OwnFalStudio, startOwnFalStudio } from "../support/own-studio";
import { StudioPage, seriousViolations } from "../support/studio-page";

// The model's versions and tiers as people meet them, on a studio configured with fal through the fake fal
// server. The fake runs in this process (a studio of the spec's own), so what fal received is read from
// the fake's own record of each job: its endpoint and its input, field by field.

const PROMPT = "<IMAGE_REF_0> walks into <IMAGE_REF_1> at dusk, one continuous shot. Soft rain.";
const V12 = "google/gemini-omni-flash/v1.2/reference-to-video";

let fake: FakeFal;
let studio: StudioProcess;
let own: OwnFalStudio;
// One browser for the three tests, in order: each goes on from the draft the one before left.
let page: Page;
let s: StudioPage;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  own = await startOwnFalStudio(browser, "versions");
  ({ studio, page, fake } = own);
  s = new StudioPage(page);
});

test.afterAll(async () => {
  await own?.stop();
});

async function openStudio() {
  await s.goto();
  await expect(page.getByTestId("composer")).toHaveAttribute("data-ready", "true");
}

const versionRadio = (page: Page, label: string) =>
  page
    .getByRole("radiogroup", { name: "Model version" })
    .getByRole("radio", { name: new RegExp(`^${label}:`) });
const tierRadio = (page: Page, tier: string) =>
  page
    .getByRole("radiogroup", { name: "Resolution" })
    .getByRole("radio", { name: new RegExp(`^${tier}\\b`) });

async function clipIds(): Promise<Set<string>> {
  const res = await page.request.get(`${studio.url}/api/generations?limit=100`);
  return new Set(((await res.json()) as GenerationPage).items.map((g) => g.id));
}

async function stored(id: string): Promise<GenerationDTO> {
  const res = await page.request.get(`${studio.url}/api/generations/${id}`);
  return ((await res.json()) as { generation: GenerationDTO }).generation;
}

/** The frame size of the file the clip's page plays (the stored file, as fal rendered it). */
async function playedSize(id: string) {
  await page.goto(`/clips/${id}`);
  const player = page.getByTestId("clip-player");
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  return player.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));
}

/** The fake's job for a clip: what fal was sent. */
function jobOf(g: GenerationDTO) {
  const job = fake.jobs.get(g.requestId ?? "");
  if (!job) throw new Error(`the fake has no job ${g.requestId}`);
  return job;
}

test("Omni Flash 1.2 with two images at 1080p: the estimate before Generate, and fal receives the v1.2 endpoint at 1080p", async () => {
  await openStudio();
  // The configured default (FAL_MODEL_ID) is the first version: one tier, shown fixed, priced as before.
  await expect(versionRadio(page, "Omni Flash 1.0")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("resolution-fixed")).toContainText("720p");
  await expect(page.getByRole("radio", { name: "11 seconds" })).toHaveCount(0);

  await versionRadio(page, "Omni Flash 1.2").click();
  await expect(versionRadio(page, "Omni Flash 1.2")).toHaveAttribute("aria-checked", "true");
  await expect(tierRadio(page, "720p")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("radio", { name: "15 seconds" })).toBeVisible();
  await expect(page.getByTestId("reference-count")).toHaveText("0 / 10");

  await s.addReferences([
    await referenceFile("character", "hero.png", 61),
    await referenceFile("place", "alley.png", 62),
  ]);
  await s.prompt.click();
  await s.insertTag(0);
  await page.keyboard.type("walks into");
  await s.insertTag(1);
  await page.keyboard.type("at dusk, one continuous shot. Soft rain.");
  await expect(s.prompt).toHaveAttribute("data-value", PROMPT);

  await tierRadio(page, "1080p").click();
  await expect(tierRadio(page, "1080p")).toHaveAttribute("aria-checked", "true");
  // 8 s (the version's default) at 1080p: 8 × $0.1229.
  await expect(s.costEstimate).toContainText("≈ $0.98");
  await expect(s.costEstimate).toContainText("8 s × $0.1229 per second at 1080p on Omni Flash 1.2 (fal.ai)");
  await expect(page.getByTestId("aspect-preview")).toContainText("1920×1080");
  // The pickers are readable and named for assistive technology.
  expect(await seriousViolations(page, '[data-testid="composer"]')).toEqual([]);
  // The Payload view spells the request as v1.2 takes it.
  await page.getByRole("button", { name: "Payload" }).click();
  const payload = JSON.parse((await page.getByTestId("payload-json").textContent()) ?? "{}");
  expect(Object.keys(payload)).toEqual(["prompt", "image_urls", "aspect_ratio", "duration", "resolution"]);
  expect(payload).toMatchObject({ prompt: PROMPT, aspect_ratio: "16:9", duration: 8, resolution: "1080p" });

  const before = await clipIds();
  const submits = fake.counts.submits;
  await s.generateButton.click();
  const id = await s.newCardId(before);
  const card = s.card(id);
  await s.expectCompleted(card);
  await expect(card.getByTestId("clip-tier")).toHaveText("1080p · Omni Flash 1.2");

  // fal received one request, at the v1.2 endpoint, field by field.
  expect(fake.counts.submits).toBe(submits + 1);
  const g = await stored(id);
  expect(g).toMatchObject({
    modelVersion: "fal-v1.2",
    resolution: "1080p",
    modelId: V12,
    estimatedCostUsd: 0.9832,
  });
  const job = jobOf(g);
  expect(job.endpoint).toBe(V12);
  expect(Object.keys(job.input).sort()).toEqual([
    "aspect_ratio",
    "duration",
    "image_urls",
    "prompt",
    "resolution",
  ]);
  expect(job.input).toMatchObject({ prompt: PROMPT, aspect_ratio: "16:9", duration: 8, resolution: "1080p" });
  expect(job.input.image_urls).toHaveLength(2);
  expect(fake.requests.some((r) => r.method === "POST" && r.path.startsWith(`/${V12}`))).toBe(true);

  // The clip's page and the draft after a reload: the version and tier are remembered.
  await page.reload();
  await expect(versionRadio(page, "Omni Flash 1.2")).toHaveAttribute("aria-checked", "true");
  await expect(tierRadio(page, "1080p")).toHaveAttribute("aria-checked", "true");
  expect(await playedSize(id)).toEqual({ width: 1920, height: 1080 });
  await expect(page.getByTestId("clip-detail").getByTestId("clip-tier")).toHaveText("1080p · Omni Flash 1.2");
});

test("Draft at 360p makes a 360p clip in one click, and the composer keeps its own tier", async () => {
  await openStudio();
  // The draft of the test before: v1.2, 1080p, two images.
  await expect(tierRadio(page, "1080p")).toHaveAttribute("aria-checked", "true");
  const draft = page.getByRole("button", { name: /^Draft at 360p/ });
  await expect(draft).toContainText("≈ $0.22");

  const before = await clipIds();
  await draft.click();
  const id = await s.newCardId(before);
  const card = s.card(id);
  await s.expectCompleted(card);
  await expect(card.getByTestId("clip-tier")).toHaveText("360p · Omni Flash 1.2");
  const g = await stored(id);
  expect(g).toMatchObject({ modelVersion: "fal-v1.2", resolution: "360p", estimatedCostUsd: 0.2184 });
  expect(jobOf(g)).toMatchObject({ endpoint: V12, input: { resolution: "360p", duration: 8 } });
  await expect(tierRadio(page, "1080p")).toHaveAttribute("aria-checked", "true");
  expect(await playedSize(id)).toEqual({ width: 640, height: 360 });
  await openStudio();

  // The first version offers one tier: no draft button there.
  await versionRadio(page, "Omni Flash 1.0").click();
  await expect(draft).toHaveCount(0);
});

test("seven images, back on Omni Flash 1.0: nothing is dropped, the excess is shown and Generate is held with the server's own words", async () => {
  await openStudio();
  await versionRadio(page, "Omni Flash 1.2").click();
  await s.addReferences(
    await Promise.all(
      [63, 64, 65, 66, 67].map((seed, i) =>
        referenceFile(i % 2 ? "look" : "character", `extra-${i}.png`, seed),
      ),
    ),
  );
  await expect(s.tiles).toHaveCount(7);
  await page.getByRole("radio", { name: "12 seconds" }).click();
  await expect(s.generateButton).toBeEnabled();

  await versionRadio(page, "Omni Flash 1.0").click();
  await expect(s.tiles).toHaveCount(7);
  await expect(page.getByTestId("reference-count")).toHaveText("7 / 5");
  await expect(s.tiles.and(page.locator("[data-over]"))).toHaveCount(2);
  await expect(page.getByRole("radio", { name: /^12 seconds/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("Omni Flash 1.0 makes clips of 3 to 10 seconds (asked: 12).")).toBeVisible();
  await expect(s.generateButton).toHaveAttribute("aria-disabled", "true");

  // The server refuses the same request with the same words: the composer's blocker is that message.
  const ids = await page.evaluate(() => {
    const draft = JSON.parse(window.localStorage.getItem("omni-studio:draft:v1") ?? "{}");
    return (draft.references as { asset: { id: string } }[]).map((r) => r.asset.id);
  });
  expect(ids).toHaveLength(7);
  const submits = fake.counts.submits;
  const res = await page.request.post(`${studio.url}/api/generations`, {
    headers: { origin: studio.url },
    data: {
      prompt: PROMPT,
      referenceIds: ids,
      duration: 12,
      aspectRatio: "16:9",
      model: "fal-v1",
      idempotencyKey: `versions-refused-${Date.now()}`,
    },
  });
  expect(res.status()).toBe(422);
  const { error } = (await res.json()) as { error: { message: string; fields: Record<string, string> } };
  await expect(s.generateBlocker).toHaveText(error.message);
  expect(error.message).toBe("Omni Flash 1.0 takes at most 5 reference images (this has 7).");
  await expect(page.getByTestId("references-error")).toHaveText(error.message);
  // A click does nothing: no request reaches fal.
  await s.generateButton.click({ force: true });
  expect(fake.counts.submits).toBe(submits);

  // Back on 1.2 the same draft can go, every image still in its place.
  await versionRadio(page, "Omni Flash 1.2").click();
  await expect(page.getByTestId("reference-count")).toHaveText("7 / 10");
  await expect(s.tiles.and(page.locator("[data-over]"))).toHaveCount(0);
  await expect(s.generateButton).toBeEnabled();
});
