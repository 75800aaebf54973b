import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import { clipCostUsd, profileById } from "@/lib/models/profiles";
import { uploadToken } from "../../test/fakes/fal-fake-storage";
import type { FakeFal } from "../../test/fakes/fal-server";
import type { StudioProcess } from "../../test/support/studio-process";
import { inviteMember, type SignedIn, useSession } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { referenceImage } from "../support/images";
import { type OwnFalStudio, startOwnFalStudio } from "../support/own-studio";

// Make final, as a creator meets it: a 360p draft on Omni Flash 1.2 made through the fake fal server, then
// on its page "Make final" at 1080p. The fake's own record of each job says what fal was sent, so the test
// checks the final is the draft's inputs again with only the resolution changed; the prices shown come
// from the version's profile; draft and final link each other and open side by side in compare.

const PROMPT = "<IMAGE_REF_0> walks into <IMAGE_REF_1> at dusk, one continuous shot. Soft rain.";
const V12 = "google/gemini-omni-flash/v1.2/reference-to-video";
const DURATION = 8;

let fake: FakeFal;
let studio: StudioProcess;
let own: OwnFalStudio;
let owner: SignedIn;
let page: Page;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  own = await startOwnFalStudio(browser, "final");
  ({ studio, page, fake, owner } = own);
});

test.afterAll(async () => {
  await own?.stop();
});

async function stored(id: string): Promise<GenerationDTO> {
  const res = await page.request.get(`${studio.url}/api/generations/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { generation: GenerationDTO }).generation;
}

async function completed(id: string): Promise<GenerationDTO> {
  await expect.poll(async () => (await stored(id)).status, { timeout: 60_000 }).toBe("completed");
  return stored(id);
}

/** The fake's job for a clip: what fal was sent. */
function jobOf(g: GenerationDTO) {
  const job = fake.jobs.get(g.requestId ?? "");
  if (!job) throw new Error(`the fake has no job ${g.requestId}`);
  return job;
}

/** What the images fal was sent hold: the same pictures, whichever upload URL carried them. */
function imageHashes(input: Record<string, unknown>): string[] {
  return (input.image_urls as string[]).map((url) => {
    const file = fake.files.get(uploadToken(url) ?? "");
    if (!file) throw new Error(`the fake holds no file at ${url}`);
    return createHash("sha256").update(file.bytes).digest("hex");
  });
}

async function upload(name: string, kind: "character" | "place", seed: number): Promise<string> {
  const res = await page.request.post(`${studio.url}/api/uploads`, {
    headers: { origin: studio.url },
    multipart: { file: { name, mimeType: "image/png", buffer: await referenceImage(kind, { seed }) } },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).asset.id as string;
}

/** A price as the dialog shows it: the clip's seconds at the tier's own rate in Omni Flash 1.2's profile. */
function shown(tier: "720p" | "1080p" | "4k") {
  const perSecond = profileById("fal-v1.2").usdPerSecond[tier]!;
  return { usd: `$${(DURATION * perSecond).toFixed(2)}`, detail: `${DURATION} s × $${perSecond} per second` };
}

let draftId: string;
let finalId: string;

test("a 360p draft made final at 1080p in the browser: fal gets the same inputs at 1080p, at the price shown", async () => {
  const images = [await upload("hero.png", "character", 81), await upload("alley.png", "place", 82)];
  const made = await page.request.post(`${studio.url}/api/generations`, {
    headers: { origin: studio.url },
    data: {
      prompt: PROMPT,
      referenceIds: images,
      referenceNames: ["hero", "alley"],
      duration: DURATION,
      aspectRatio: "16:9",
      model: "fal-v1.2",
      resolution: "360p",
      idempotencyKey: `final-draft-${Date.now()}`,
    },
  });
  expect(made.status(), await made.text()).toBe(202);
  draftId = ((await made.json()) as { generation: GenerationDTO }).generation.id;
  const draft = await completed(draftId);
  expect(draft).toMatchObject({ modelVersion: "fal-v1.2", resolution: "360p", draftOfId: null });

  await page.goto(`/clips/${draftId}`);
  const detail = page.getByTestId("clip-detail");
  await expect(detail).toHaveAttribute("data-status", "completed");
  const submits = fake.counts.submits;
  await detail.getByRole("button", { name: "Make final" }).click();
  const dialog = page.getByRole("dialog", { name: "Make final" });
  await expect(dialog).toBeVisible();

  // Every tier Omni Flash 1.2 offers above 360p, each at its price for this 8 s clip.
  const tiers = dialog.getByTestId("final-tier");
  await expect(tiers).toHaveCount(3);
  for (const [tier, label] of [
    ["720p", "720p"],
    ["1080p", "1080p"],
    ["4k", "4K"],
  ] as const) {
    const option = dialog.locator(`[data-testid="final-tier"][data-resolution="${tier}"]`);
    await expect(option).toContainText(label);
    await expect(option.getByTestId("final-price")).toHaveText(shown(tier).usd);
    await expect(option).toContainText(shown(tier).detail);
  }
  expect(shown("720p").usd).toBe("$0.66");
  expect(shown("1080p").usd).toBe("$0.98");
  expect(shown("4k").usd).toBe("$1.97");
  // 1080p is picked first; the confirmation names the price again, and the button carries it.
  await expect(dialog.getByRole("radio", { name: /1080p/ })).toBeChecked();
  await expect(dialog.getByTestId("final-confirm-price")).toHaveText(
    "This costs $0.98, charged by fal.ai for 8 s at 1080p.",
  );
  // The keyboard moves between tiers (native radios), and back.
  await dialog.getByRole("radio", { name: /1080p/ }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("radio", { name: /4K/ })).toBeChecked();
  await expect(dialog.getByTestId("final-confirm-price")).toContainText("$1.97");
  await page.keyboard.press("ArrowUp");
  await expect(dialog.getByRole("radio", { name: /1080p/ })).toBeChecked();
  const confirm = dialog.getByRole("button", { name: "Make final at 1080p · $0.98" });
  // A double click makes one clip.
  await confirm.dblclick();

  await page.waitForURL((url) => url.pathname.startsWith("/clips/") && !url.pathname.endsWith(draftId));
  finalId = new URL(page.url()).pathname.split("/").pop()!;
  const final = await completed(finalId);
  expect(fake.counts.submits).toBe(submits + 1);
  expect(final).toMatchObject({
    draftOfId: draftId,
    modelVersion: "fal-v1.2",
    resolution: "1080p",
    duration: DURATION,
    estimatedCostUsd: clipCostUsd(profileById("fal-v1.2"), "1080p", DURATION),
  });
  expect(final.estimatedCostUsd).toBe(0.9832);

  // fal received the draft's request again, field by field, with only the resolution changed.
  const draftJob = jobOf(draft);
  const finalJob = jobOf(final);
  expect(finalJob.endpoint).toBe(V12);
  expect(draftJob.input.resolution).toBe("360p");
  expect(finalJob.input.resolution).toBe("1080p");
  const { image_urls: _a, resolution: _r, ...draftRest } = draftJob.input;
  const { image_urls: _b, resolution: _s, ...finalRest } = finalJob.input;
  expect(finalRest).toEqual(draftRest);
  expect(finalRest).toMatchObject({ prompt: PROMPT, duration: DURATION, aspect_ratio: "16:9" });
  expect(imageHashes(finalJob.input)).toEqual(imageHashes(draftJob.input));

  // The final says whose final it is, and links back.
  const finalOf = page.getByTestId("final-of");
  await expect(finalOf).toHaveAttribute("data-draft", draftId);
  await expect(finalOf).toContainText("The 1080p final of the 360p draft");
  await expect(page.getByTestId("clip-detail").getByTestId("clip-tier")).toHaveText("1080p · Omni Flash 1.2");
  // A 1080p clip of a version that renders 4K can itself be made final at 4K.
  await expect(page.getByTestId("clip-detail").getByRole("button", { name: "Make final" })).toBeVisible();
});

test("draft and final open side by side in compare with one click, from either side", async () => {
  await page.goto(`/clips/${finalId}`);
  await page.getByTestId("final-of").getByRole("link", { name: "Compare draft and final" }).click();
  await page.waitForURL(/\/compare\?/);
  const url = new URL(page.url());
  // Compare takes two to four clips by `ids` (older ?a=&b= links redirect there).
  expect(url.searchParams.get("ids")?.split(",")).toEqual([draftId, finalId]);
  await expect(page.getByTestId("same-inputs")).toHaveText("Same inputs at another tier");
  await expect(page.getByTestId("compare-tiers").getByTestId("clip-tier")).toHaveText([
    "360p · Omni Flash 1.2",
    "1080p · Omni Flash 1.2",
  ]);

  // The API lists a draft's finals (what the draft's page reads), and names a bad draftOf.
  const listed = await page.request.get(`${studio.url}/api/generations?draftOf=${draftId}`);
  expect(((await listed.json()) as { items: GenerationDTO[] }).items.map((g) => g.id)).toEqual([finalId]);
  const bad = await page.request.get(`${studio.url}/api/generations?draftOf=not%20an%20id`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({
    code: "invalid_draft_of",
    fields: { draftOf: "a clip id" },
  });

  // The draft lists its final, with its page and the same compare.
  await page.goto(`/clips/${draftId}`);
  const finals = page.getByTestId("finals-of");
  await expect(finals.getByTestId("final-link")).toHaveCount(1);
  await expect(finals.getByTestId("final-link")).toHaveAttribute("data-id", finalId);
  await finals.getByRole("link", { name: "1080p" }).click();
  await page.waitForURL(new RegExp(`/clips/${finalId}$`));
  await page.goBack();
  await finals.getByRole("link", { name: "Compare" }).click();
  await page.waitForURL(/\/compare\?/);
  await expect(page.getByTestId("same-inputs")).toHaveText("Same inputs at another tier");
});

test("a reviewer sees no Make final, and the server refuses one sent anyway", async ({ browser }) => {
  const reviewer = await inviteMember(studio.url, owner, {
    name: "Rita Reviewer",
    email: "rita@e2e.test",
    password: "reviewer password 1",
    role: "reviewer",
  });
  const context = await browser.newContext({ baseURL: studio.url });
  await useSession(context, studio.url, reviewer);
  const as = await context.newPage();
  await as.goto(`/clips/${draftId}`);
  await expect(as.getByTestId("clip-detail")).toHaveAttribute("data-status", "completed");
  await expect(as.getByTestId("finals-of")).toBeVisible();
  await expect(as.getByRole("button", { name: "Make final" })).toHaveCount(0);
  await expect(as.getByRole("button", { name: "Use as reference video" })).toHaveCount(0);
  const submits = fake.counts.submits;
  const res = await as.request.post(`${studio.url}/api/generations/${draftId}/final`, {
    headers: { origin: studio.url },
    data: { resolution: "4k", idempotencyKey: "reviewer-final-01" },
  });
  expect(res.status()).toBe(403);
  expect(fake.counts.submits).toBe(submits);
  await context.close();
});
