import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { SequenceDTO } from "@/lib/sequences/dto";
import { getClip } from "../support/clips";
import { character } from "../support/composer";
import { StudioPage } from "../support/studio-page";

// Issue 19's whole path, on the preview engine, as a creator clicks it: a project made from the header,
// a character saved in the library, a storyboard of three shots, two of them written in the composer
// with the character, takes generated for every shot (the middle one continued from the first one's last
// frame), takes picked, the sequence watched with every cut on a loaded take, and one MP4 downloaded whose
// length is the sum of the chosen takes (within a frame per cut) and whose chapters name the shots.

const run = promisify(execFile);

async function sequenceOf(page: Page, id: string): Promise<SequenceDTO> {
  return ((await (await page.request.get(`/api/sequences/${id}`)).json()) as { sequence: SequenceDTO })
    .sequence;
}

test("a project, a storyboard with a character, takes for every shot, a continuation, gapless playback and one MP4", async ({
  page,
  request,
}) => {
  test.setTimeout(480_000);
  const tag = `${test.info().retry}${Date.now().toString(36)}`;
  const mara = `Mara ${tag}`;
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // A project, from the header's switcher.
  await page.goto("/");
  await page.evaluate(() => localStorage.removeItem("omni-studio:draft:v1"));
  await page.getByTestId("project-switcher").click();
  await page.getByRole("menuitem", { name: "New project…" }).click();
  const newProject = page.getByTestId("new-project-dialog");
  await newProject.getByLabel("Name").fill(`Harbour ${tag}`);
  await newProject.getByRole("button", { name: "Create project" }).click();
  await expect(newProject).toBeHidden();
  const projectId = await page.getByTestId("project-switcher").getAttribute("data-project");

  // A character, saved in the library.
  await page.goto("/library");
  await page.getByRole("button", { name: "New character" }).click();
  const cd = page.getByTestId("character-dialog");
  await cd.getByLabel("Name").fill(mara);
  await cd
    .getByLabel("Add images to the character")
    .setInputFiles([await character("mara.png", 6100 + test.info().retry)]);
  await expect(cd.getByLabel("Keep mara", { exact: true })).toBeVisible();
  await cd.getByRole("button", { name: "Save character" }).click();
  await expect(cd).toBeHidden();

  // A sequence of three shots, in the project.
  await page.goto("/sequences");
  await page.getByLabel("Title").fill(`Episode ${tag}`);
  await page.getByRole("button", { name: "New sequence" }).click();
  await expect(page).toHaveURL(/\/sequences\/[\w-]+$/);
  const sequenceId = page.url().split("/").pop()!;
  expect((await sequenceOf(page, sequenceId)).projectId).toBe(projectId);
  const cards = page.getByTestId("shot-card");
  for (const [i, name] of ["Pier", "Gulls", "Boat"].entries()) {
    await page.getByRole("button", { name: "Add shot" }).click();
    await expect(cards).toHaveCount(i + 1);
    await cards.nth(i).getByTestId("shot-title").fill(name);
    await cards.nth(i).getByTestId("shot-title").press("Enter");
  }
  await expect
    .poll(async () => (await sequenceOf(page, sequenceId)).shots.map((s) => s.title))
    .toEqual(["Pier", "Gulls", "Boat"]);

  // Shots 1 and 3 written in the composer, each with the character.
  const studio = new StudioPage(page);
  for (const [title, prompt] of [
    ['Shot 1 "Pier"', "<IMAGE_REF_0> walks the length of the pier at dawn."],
    ['Shot 3 "Boat"', "<IMAGE_REF_0> rows the boat out past the harbour wall."],
  ] as const) {
    await page.getByRole("link", { name: `Edit ${title} in the composer` }).click();
    const banner = page.getByTestId("shot-banner");
    await expect(banner).toContainText(`Editing ${title}`);
    await page.getByTestId("insert-character").getByText("Insert character").click();
    await page.getByRole("button", { name: `Insert ${mara}` }).click();
    await page
      .getByRole("dialog", { name: `Insert ${mara}` })
      .getByRole("button", { name: "Insert", exact: true })
      .click();
    await expect(studio.tiles).toHaveCount(1);
    await studio.prompt.fill(prompt);
    await studio.setDuration(3);
    await banner.getByRole("button", { name: "Save to shot" }).click();
    await expect(page.getByText(`Saved to ${title}`)).toBeVisible();
    await banner.getByRole("link", { name: "Back to storyboard" }).click();
    await expect(page).toHaveURL(new RegExp(`/sequences/${sequenceId}$`));
  }

  // Generate every shot without a chosen take: the empty middle one is named and left out.
  await page.getByRole("button", { name: "Generate all without a chosen take" }).click();
  const batch = page.getByRole("dialog");
  await expect(batch.getByTestId("batch-blocked")).toContainText('Shot 2 "Gulls"');
  await batch.getByRole("button", { name: /^Generate 2 shots/ }).click();
  await expect(batch).toBeHidden();

  const choose = async (index: number) => {
    const card = cards.nth(index);
    await expect(card).toHaveAttribute("data-state", "takes", { timeout: 120_000 });
    await card.getByTestId("shot-takes-toggle").click();
    await card.getByTestId("shot-take").first().getByRole("button", { name: "Choose" }).click();
    await expect(card).toHaveAttribute("data-state", "chosen");
  };
  await choose(0);

  // Shot 2 continues from shot 1's last frame, then gets its own takes.
  await cards.nth(1).getByTestId("shot-continue").click();
  await expect(page.getByText('Shot 2 "Gulls" continues from the previous shot')).toBeVisible();
  await expect
    .poll(async () => (await sequenceOf(page, sequenceId)).shots[1]?.content.referenceNames)
    .toEqual(["Last frame", "mara"]);
  await page.getByRole("button", { name: /^Generate \d takes? of Shot 2 "Gulls"$/ }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Generate/ })
    .click();
  await choose(1);
  await choose(2);

  const sequence = await sequenceOf(page, sequenceId);
  const takes = sequence.shots.map((s) => s.chosen!) as GenerationDTO[];
  expect(takes.every((t) => t.status === "completed")).toBe(true);
  const continued = await getClip(request, takes[1]!.id);
  expect(continued.references[0]?.frameOf?.generationId).toBe(takes[0]!.id);
  expect(continued.references[1]?.characterId).toBeTruthy();

  // Watch it: every cut lands on the next take, already loaded in the hidden player.
  await page.getByTestId("sequence-watch-link").click();
  await expect(page).toHaveURL(new RegExp(`/sequences/${sequenceId}/watch$`));
  await expect(page.getByTestId("timeline-shot")).toHaveCount(3);
  await page.evaluate(() => {
    const w = window as unknown as { cuts: { next: string | null; ready: number }[] };
    w.cuts = [];
    const all = () => [...document.querySelectorAll<HTMLVideoElement>('[data-testid="sequence-video"]')];
    for (const v of all()) {
      v.addEventListener("ended", () => {
        const other = all().find((o) => o !== v);
        w.cuts.push({ next: other?.dataset.segment ?? null, ready: other?.readyState ?? 0 });
      });
    }
  });
  const player = page.getByTestId("sequence-player");
  await page.getByTestId("sequence-play").click();
  await expect(player).toHaveAttribute("data-shot-index", "2", { timeout: 30_000 });
  await expect(player).not.toHaveAttribute("data-playing", "true", { timeout: 30_000 });
  const cuts = await page.evaluate(
    () => (window as unknown as { cuts: { next: string; ready: number }[] }).cuts,
  );
  expect(cuts.slice(0, 2).map((c) => c.next)).toEqual(["1", "2"]);
  for (const c of cuts.slice(0, 2)) expect(c.ready).toBeGreaterThanOrEqual(3);

  // Export, and download the one MP4.
  await page.getByTestId("export-start").click();
  const download = page.getByTestId("export-download");
  await expect(download).toBeVisible({ timeout: 120_000 });
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  const path = test.info().outputPath("episode.mp4");
  await file.saveAs(path);
  const { stdout } = await run("ffprobe", [
    ...["-v", "error", "-print_format", "json", "-show_format", "-show_chapters", "-show_streams", path],
  ]);
  const probe = JSON.parse(stdout) as {
    format: { duration: string };
    chapters: { tags: { title: string } }[];
    streams: { codec_type: string; r_frame_rate: string; duration: string }[];
  };
  const video = probe.streams.find((s) => s.codec_type === "video")!;
  const [num, den] = video.r_frame_rate.split("/").map(Number);
  const frame = (den ?? 1) / (num ?? 25);
  const sum = takes.reduce((s, t) => s + (t.videoDurationSec ?? t.duration), 0);
  // A frame per cut (each take is cut to whole frames), and the few hundredths a take's stored length
  // may run past its picture (its sound's last packet).
  const cutCount = takes.length - 1;
  expect(Math.abs(Number(video.duration) - sum)).toBeLessThanOrEqual(cutCount * frame + 0.05);
  expect(probe.chapters.map((c) => c.tags.title)).toEqual(["Pier", "Gulls", "Boat"]);
  expect(errors).toEqual([]);
});
