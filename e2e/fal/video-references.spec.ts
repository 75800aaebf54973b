import type { Page } from "@playwright/test";
import { DRAFT_STORAGE_KEY } from "@/lib/client/draft-storage";
import type { GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import type { FakeFal } from "../../test/fakes/fal-server";
import type { StudioProcess } from "../../test/support/studio-process";
import { makeVideo } from "../../test/support/videos";
import { dropFiles, paste } from "../support/composer";
import { expect, test } from "../support/fixtures";
import { referenceFile } from "../support/images";
import { type OwnFalStudio, startOwnFalStudio } from "../support/own-studio";
import { StudioPage } from "../support/studio-page";

// Reference videos through the browser, on a studio configured with fal through the fake fal server (in
// this process, so what fal received is read from the fake's own record of each job): two images and one
// video on Omni Flash 1.2, a long video trimmed on the scrubber before upload, a video refused by a
// version that takes none, and the `?referenceVideo=<assetId>` hand-off other pages use.

const V12 = "google/gemini-omni-flash/v1.2/reference-to-video";
const PROMPT = "<IMAGE_REF_0> walks into <IMAGE_REF_1> moving like <VIDEO_REF_0> at dusk.";

let fake: FakeFal;
let studio: StudioProcess;
let own: OwnFalStudio;
let page: Page;
let s: StudioPage;
let short: Buffer;
let long: Buffer;
/** The clip the first test makes: two images and one video. */
let clipWithVideo: GenerationDTO;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  [short, long] = await Promise.all([
    makeVideo({ seconds: 2, width: 320, height: 180 }),
    // Longer than the 3 s a reference video may be: the scrubber opens.
    makeVideo({ seconds: 12, width: 1280, height: 720 }),
  ]);
  own = await startOwnFalStudio(browser, "refvideos");
  ({ studio, page, fake } = own);
  s = new StudioPage(page);
});

test.afterAll(async () => {
  await own?.stop();
});

async function openStudio(url = "/") {
  await page.goto(url);
  await expect(page.getByTestId("composer")).toHaveAttribute("data-ready", "true");
}

const versionRadio = (label: string) =>
  page
    .getByRole("radiogroup", { name: "Model version" })
    .getByRole("radio", { name: new RegExp(`^${label}:`) });
const videoTiles = () => page.getByTestId("reference-video-tile");
const picker = () => page.getByLabel("Reference images");

async function clipIds(): Promise<Set<string>> {
  const res = await page.request.get(`${studio.url}/api/generations?limit=100`);
  return new Set(((await res.json()) as GenerationPage).items.map((g) => g.id));
}

async function stored(id: string): Promise<GenerationDTO> {
  const res = await page.request.get(`${studio.url}/api/generations/${id}`);
  return ((await res.json()) as { generation: GenerationDTO }).generation;
}

/** The draft as the browser stored it (what a reload restores). */
async function storedDraft() {
  const raw = await page.evaluate((key) => localStorage.getItem(key), DRAFT_STORAGE_KEY);
  return JSON.parse(raw ?? "{}") as {
    prompt: string;
    version: string | null;
    references: { asset: { id: string } }[];
    videos: { name: string; asset: { id: string; name: string; video: { durationSec: number } } }[];
  };
}

test("two images and one reference video on Omni Flash 1.2: chips, payload, and fal receives them field by field", async () => {
  await openStudio();
  await versionRadio("Omni Flash 1.2").click();
  await expect(versionRadio("Omni Flash 1.2")).toHaveAttribute("aria-checked", "true");

  await s.addReferences([
    await referenceFile("character", "hero.png", 71),
    await referenceFile("place", "alley.png", 72),
  ]);
  await picker().setInputFiles([{ name: "walk.mp4", mimeType: "video/mp4", buffer: short }]);
  await expect(videoTiles()).toHaveCount(1);
  await expect(videoTiles().first()).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(page.getByTestId("reference-video-count")).toContainText("1 / 3");
  await expect(videoTiles().first().getByTestId("reference-video-length")).toContainText("2.0 s");
  await expect(videoTiles().first().getByTestId("reference-tag")).toHaveText("<VIDEO_REF_0>");
  // The stored moving thumbnail (an animated WebP), and its still poster for reduced motion.
  const thumb = videoTiles().first().getByTestId("reference-video-thumb");
  await expect(thumb).toHaveAttribute("src", /\/api\/media\//);
  await expect(videoTiles().first().locator("picture source")).toHaveAttribute(
    "media",
    "(prefers-reduced-motion: reduce)",
  );

  await s.prompt.click();
  await s.insertTag(0);
  await page.keyboard.type("walks into");
  await s.insertTag(1);
  await page.keyboard.type("moving like ");
  // The @ menu lists the video beside the images.
  await page.keyboard.type("@wal");
  const option = page.getByTestId("mention-menu").getByRole("option", { name: /walk/ });
  await expect(option).toHaveAttribute("data-kind", "video");
  await page.keyboard.press("Enter");
  await page.keyboard.type("at dusk.");
  await expect(s.prompt).toHaveAttribute("data-value", PROMPT);
  // The video's tag is a chip like the images' tags.
  await expect(s.prompt.locator('[data-tag="<VIDEO_REF_0>"]')).toContainText("walk");
  await expect(page.getByTestId("prompt-unused")).toHaveCount(0);

  // The Payload view spells v1.2's request, videos included, in the order the server builds it.
  await page.getByRole("button", { name: "Payload" }).click();
  const shown = JSON.parse((await page.getByTestId("payload-json").textContent()) ?? "{}");
  expect(Object.keys(shown)).toEqual([
    "prompt",
    "image_urls",
    "aspect_ratio",
    "duration",
    "reference_video_urls",
    "resolution",
  ]);
  expect(shown).toMatchObject({ prompt: PROMPT, aspect_ratio: "16:9", duration: 8, resolution: "720p" });
  expect(shown.reference_video_urls).toHaveLength(1);
  await expect(page.getByTestId("payload-video")).toContainText("reference_video_urls[0]");

  const draft = await storedDraft();
  const before = await clipIds();
  const submits = fake.counts.submits;
  await s.generateButton.click();
  const id = await s.newCardId(before);
  await s.expectCompleted(s.card(id));

  expect(fake.counts.submits).toBe(submits + 1);
  const g = await stored(id);
  clipWithVideo = g;
  expect(g).toMatchObject({ modelVersion: "fal-v1.2", resolution: "720p", modelId: V12, prompt: PROMPT });
  expect(g.references.map((r) => r.id)).toEqual(draft.references.map((r) => r.asset.id));
  expect(g.referenceVideos.map((v) => v.id)).toEqual([draft.videos[0]!.asset.id]);
  const job = fake.jobs.get(g.requestId ?? "");
  if (!job) throw new Error(`the fake has no job ${g.requestId}`);
  expect(job.endpoint).toBe(V12);
  expect(Object.keys(job.input).sort()).toEqual([
    "aspect_ratio",
    "duration",
    "image_urls",
    "prompt",
    "reference_video_urls",
    "resolution",
  ]);
  expect(job.input.prompt).toBe(PROMPT);
  expect(job.input.resolution).toBe("720p");
  expect(job.input.duration).toBe(8);
  expect(job.input.aspect_ratio).toBe("16:9");
  expect(job.input.image_urls).toHaveLength(2);
  expect(job.input.reference_video_urls).toHaveLength(1);
  // Each URL is fal's own upload of the bytes: images first, then the video, as distinct files.
  const urls = [...(job.input.image_urls as string[]), ...(job.input.reference_video_urls as string[])];
  expect(new Set(urls).size).toBe(3);
});

test("a 12 s video opens the trim scrubber; the arrow keys move the 3 s window and the server keeps that part", async () => {
  await openStudio();
  await expect(versionRadio("Omni Flash 1.2")).toHaveAttribute("aria-checked", "true");
  await picker().setInputFiles([{ name: "skate.mp4", mimeType: "video/mp4", buffer: long }]);
  const trimmer = page.getByTestId("video-trimmer");
  await expect(trimmer).toBeVisible({ timeout: 15_000 });
  await expect(trimmer.getByRole("heading")).toHaveText("Pick 3 s of skate.mp4");
  const slider = trimmer.getByRole("slider", { name: "Start of the part to keep" });
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
  await expect(trimmer.getByTestId("trimmer-range")).toContainText("Keeps 0:02.0 to 0:05.0 (3.0 s)");
  // The <video> shows the window's first frame.
  await expect
    .poll(() => trimmer.getByTestId("trimmer-video").evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeCloseTo(2, 1);
  await trimmer.getByTestId("trimmer-keep").click();
  await expect(trimmer).toHaveCount(0);

  await expect(videoTiles()).toHaveCount(2);
  const tile = videoTiles().nth(1);
  await expect(tile).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(tile.getByTestId("reference-tag")).toHaveText("<VIDEO_REF_1>");
  await expect(tile.getByTestId("reference-video-length")).toContainText("3.0 s");
  await expect.poll(async () => (await storedDraft()).videos.length).toBe(2);
  const cut = (await storedDraft()).videos[1]!.asset;
  expect(cut.name).toBe("skate 0:02-0:05.mp4");
  expect(Math.abs(cut.video.durationSec - 3)).toBeLessThan(0.1);
  // The lint names the new video as not used yet.
  await expect(page.getByTestId("prompt-unused")).toContainText("skate (<VIDEO_REF_1>)");

  // Reordering the videos renumbers their tags so each still names the same video.
  await tile.getByRole("button", { name: "Move left" }).click();
  await expect(s.prompt).toHaveAttribute("data-value", PROMPT.replace("<VIDEO_REF_0>", "<VIDEO_REF_1>"));
  await expect(videoTiles().first().getByTestId("reference-name")).toHaveValue("skate");
});

test("a version that takes no videos says so and keeps the draft; ?referenceVideo= adds a stored video and switches to the newest version that takes them", async () => {
  await openStudio();
  // Back to a clean draft on the first version with one image and a prompt.
  await page.evaluate((key) => localStorage.removeItem(key), DRAFT_STORAGE_KEY);
  await openStudio();
  await versionRadio("Omni Flash 1.0").click();
  await s.addReferences([await referenceFile("character", "hero.png", 73)]);
  await s.prompt.click();
  await s.insertTag(0);
  await page.keyboard.type("runs.");
  const prompt = "<IMAGE_REF_0> runs.";
  await expect(s.prompt).toHaveAttribute("data-value", prompt);

  await picker().setInputFiles([{ name: "walk.mp4", mimeType: "video/mp4", buffer: short }]);
  await expect(page.getByTestId("upload-notices")).toContainText(
    "walk.mp4 was not added: Omni Flash 1.0 takes no reference videos; it takes images only: pick Omni Flash 1.2 (up to 3 videos of at most 3 s each).",
  );
  await expect(videoTiles()).toHaveCount(0);
  await expect(s.tiles).toHaveCount(1);

  // A stored video (as "Use as reference video" would make it) handed over by URL.
  const res = await page.request.post(`${studio.url}/api/uploads`, {
    multipart: { file: { name: "wave.mp4", mimeType: "video/mp4", buffer: short } },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { asset } = (await res.json()) as { asset: { id: string } };
  await openStudio(`/?referenceVideo=${asset.id}`);
  await expect(videoTiles()).toHaveCount(1);
  await expect(versionRadio("Omni Flash 1.2")).toHaveAttribute("aria-checked", "true");
  await expect(
    page.getByText("Omni Flash 1.0 takes no reference videos, so the draft now uses Omni Flash 1.2."),
  ).toBeVisible();
  await expect.poll(() => new URL(page.url()).search).toBe("");
  // Everything else in the draft is kept.
  await expect(s.prompt).toHaveAttribute("data-value", prompt);
  await expect(s.tiles).toHaveCount(1);
  const draft = await storedDraft();
  expect(draft.videos.map((v) => v.asset.id)).toEqual([asset.id]);
  // A reload does not add it again.
  await page.reload();
  await expect(page.getByTestId("composer")).toHaveAttribute("data-ready", "true");
  await expect(videoTiles()).toHaveCount(1);

  // An asset that does not exist: a clear message, nothing changes.
  await openStudio("/?referenceVideo=nope-not-there");
  await expect(page.getByTestId("upload-notices")).toContainText("There is no stored asset nope-not-there");
  await expect(videoTiles()).toHaveCount(1);
});

test("videos dropped and pasted join the tray; one the server cannot read says why on its tile and holds Generate; Use these settings brings a clip's videos back", async () => {
  await openStudio();
  await page.evaluate((key) => localStorage.removeItem(key), DRAFT_STORAGE_KEY);
  await openStudio();
  await versionRadio("Omni Flash 1.2").click();
  await s.addReferences([await referenceFile("character", "hero.png", 74)]);

  await dropFiles(page.getByTestId("dropzone"), [
    { name: "dropped.mp4", mimeType: "video/mp4", buffer: short },
  ]);
  await expect(videoTiles()).toHaveCount(1);
  await expect(videoTiles().first()).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  const other = await makeVideo({ seconds: 2.5, width: 320, height: 180 });
  await paste(page, { files: [{ name: "pasted.mp4", mimeType: "video/mp4", buffer: other }] });
  await expect(videoTiles()).toHaveCount(2);
  await expect(videoTiles().nth(1)).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(videoTiles().nth(1).getByTestId("reference-tag")).toHaveText("<VIDEO_REF_1>");

  // Named and typed as a video, but not one: the server's ffprobe check answers, on that tile only.
  await picker().setInputFiles([
    { name: "broken.mp4", mimeType: "video/mp4", buffer: Buffer.from("not a video at all, just text\n") },
  ]);
  const broken = videoTiles().nth(2);
  await expect(broken).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  // The compact tile marks it refused and carries the reason in its title; the reason is said in full
  // under the tray, naming the file and what is allowed.
  await expect(broken).toHaveAttribute("title", /broken\.mp4 is not an image or video we can read/);
  await expect(page.getByTestId("reference-error")).toHaveText(
    "broken: broken.mp4 is not an image or video we can read. Use a PNG, JPEG or WebP image, or an MP4, MOV or WebM video.",
  );
  await expect(page.getByTestId("generate-blocker")).toBeVisible();
  await expect(videoTiles().nth(0)).toHaveAttribute("data-status", "ready");
  await expect(s.tiles).toHaveCount(1);
  await broken.getByRole("button", { name: /Remove/ }).click();
  await expect(videoTiles()).toHaveCount(2);

  // Use these settings on the first test's clip: its images and its video come back, in order.
  await s.prompt.click();
  await page.keyboard.type("Something to replace.");
  await openStudio(`/?use=${clipWithVideo.id}`);
  const dialog = page.getByRole("dialog", { name: "Replace your current draft?" });
  await expect(dialog).toContainText("2 references and 1 reference video");
  await dialog.getByRole("button", { name: "Replace" }).click();
  await expect(videoTiles()).toHaveCount(1);
  await expect(s.tiles).toHaveCount(2);
  await expect(s.prompt).toHaveAttribute("data-value", PROMPT);
  await expect(videoTiles().first()).toHaveAttribute("data-status", "ready");
  const draft = await storedDraft();
  expect(draft.videos.map((v) => v.asset.id)).toEqual(clipWithVideo.referenceVideos.map((v) => v.id));
});
