import type { Page } from "@playwright/test";
import type { CharacterDTO } from "@/lib/characters/dto";
import { DRAFT_STORAGE_KEY } from "@/lib/client/draft-storage";
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";
import type { StudioProcess } from "../../test/support/studio-process";
import { expect, test } from "../support/fixtures";
import { referenceImage } from "../support/images";
import { type OwnStudio, startOwnPreviewStudio } from "../support/own-studio";

// A finished clip carried into the next one ("Use as reference video", with the part to keep chosen on a
// scrubber), and a character that holds a short video of how it moves: added from a longer file (the part
// from a chosen second), shown moving on its card (still for those who ask for less motion), and removed.
// On a preview studio of the spec's own, so what was stored is read back over its API.

let studio: StudioProcess;
let own: OwnStudio;
let page: Page;
let clip: GenerationDTO;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  own = await startOwnPreviewStudio(browser, "refvideo-ui");
  ({ studio, page } = own);

  const up = await page.request.post(`${studio.url}/api/uploads`, {
    headers: { origin: studio.url },
    multipart: {
      file: {
        name: "mara.png",
        mimeType: "image/png",
        buffer: await referenceImage("character", { seed: 91 }),
      },
    },
  });
  expect(up.status(), await up.text()).toBe(201);
  const made = await page.request.post(`${studio.url}/api/generations`, {
    headers: { origin: studio.url },
    data: {
      prompt: "<IMAGE_REF_0> runs along the pier, one continuous shot.",
      referenceIds: [(await up.json()).asset.id],
      referenceNames: ["Mara"],
      duration: 8,
      aspectRatio: "16:9",
      idempotencyKey: `refvideo-ui-${Date.now()}`,
    },
  });
  expect(made.status(), await made.text()).toBe(202);
  const id = ((await made.json()) as { generation: GenerationDTO }).generation.id;
  await expect
    .poll(
      async () =>
        (
          (await (await page.request.get(`${studio.url}/api/generations/${id}`)).json()) as {
            generation: GenerationDTO;
          }
        ).generation.status,
      { timeout: 90_000 },
    )
    .toBe("completed");
  clip = (
    (await (await page.request.get(`${studio.url}/api/generations/${id}`)).json()) as {
      generation: GenerationDTO;
    }
  ).generation;
});

test.afterAll(async () => {
  await own?.stop();
});

test("Use as reference video: the part chosen on the scrubber becomes a video asset, and the composer opens with it", async () => {
  await page.goto(`/clips/${clip.id}`);
  await page.getByRole("button", { name: "Use as reference video" }).click();
  const dialog = page.getByRole("dialog", { name: "Use as reference video" });
  await expect(dialog).toBeVisible();
  const scrubber = dialog.getByRole("slider", { name: "Start of the part kept" });
  const start = dialog.getByRole("spinbutton", { name: "Start (s)" });
  const length = dialog.getByRole("spinbutton", { name: /^Length \(s\)/ });
  // From the start, as much as a reference video may hold (3 s on every version that takes videos).
  await expect(start).toHaveValue("0");
  await expect(length).toHaveValue("3");
  await expect(dialog).toContainText("0.0 s – 3.0 s of 8.0 s");

  // The keyboard moves the range: ten steps of a tenth, then the field sets it exactly.
  await scrubber.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await expect(start).toHaveValue("1");
  await expect(scrubber).toHaveAttribute("aria-valuetext", "from 1.0 s to 4.0 s");
  await start.fill("2.5");
  await length.fill("4");
  // Too long: the limit is named and nothing is sent.
  await expect(dialog.getByRole("alert")).toHaveText(
    "The range 2.5 s to 6.5 s is 4 s long; reference videos can be at most 3 s.",
  );
  await expect(dialog.getByRole("button", { name: /^Use 4\.0 s/ })).toHaveAttribute("aria-disabled", "true");
  await length.fill("2");
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await expect(dialog).toContainText("2.5 s – 4.5 s of 8.0 s");
  await dialog.getByRole("button", { name: "Use 2.0 s in a new clip" }).click();

  // The composer takes the hand-off (/?referenceVideo=<id>): the part kept lands in the tray as a video,
  // and the parameter leaves the URL.
  await expect(page.getByTestId("reference-video-tile")).toHaveCount(1);
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe("/");
  const assetId = await page.evaluate((key) => {
    const draft = JSON.parse(localStorage.getItem(key) ?? "{}") as { videos?: { asset: { id: string } }[] };
    return draft.videos?.[0]?.asset.id ?? "";
  }, DRAFT_STORAGE_KEY);
  expect(assetId).not.toBe("");

  // The same clip and range give the same asset: asking the API for 2.5 s to 4.5 s finds the one made.
  const again = await page.request.post(`${studio.url}/api/generations/${clip.id}/reference-video`, {
    headers: { origin: studio.url },
    data: { startSec: 2.5, endSec: 4.5 },
  });
  expect(again.status(), await again.text()).toBe(201);
  const asset = ((await again.json()) as { asset: AssetDTO }).asset;
  expect(asset.id).toBe(assetId);
  expect(asset.kind).toBe("video");
  expect(Math.abs((asset.video?.durationSec ?? 0) - 2)).toBeLessThan(0.1);
});

async function characters(): Promise<CharacterDTO[]> {
  const res = await page.request.get(`${studio.url}/api/characters`);
  return ((await res.json()) as { items: CharacterDTO[] }).items;
}

test("a character's video: added from a longer file (the part from a chosen second), shown moving on its card, removed", async () => {
  // A character saved from the clip's page, then its video from the clip's own 8 s file.
  await page.goto(`/clips/${clip.id}`);
  await page.getByRole("button", { name: "Save as character" }).click();
  const save = page.getByRole("dialog", { name: "Save as a character" });
  await save.getByRole("textbox", { name: "Name" }).fill("Mara");
  await save.getByRole("button", { name: "Save character" }).click();
  await expect(save).toBeHidden();
  const long = await (await page.request.get(`${studio.url}/api/generations/${clip.id}/download`)).body();

  await page.goto("/library");
  const card = page.getByTestId("character-card").filter({ hasText: "Mara" });
  await expect(card.getByTestId("character-video")).toHaveCount(0);
  await card.getByRole("button", { name: "Edit Mara" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Mara" });
  await dialog.getByTestId("character-video-input").setInputFiles({
    name: "pier run.mp4",
    mimeType: "video/mp4",
    buffer: long,
  });
  // 8 s is longer than a reference video holds: where the part kept starts is asked first.
  const startAt = dialog.getByRole("spinbutton", { name: "Start at second" });
  await expect(startAt).toBeVisible();
  await expect(dialog).toContainText("is 8 s long; a reference video keeps at most 3 s");
  await startAt.fill("9");
  await expect(dialog.getByRole("button", { name: "Upload this part" })).toBeDisabled();
  await expect(dialog).toContainText("from 0 to 5 s");
  await startAt.fill("1.5");
  await expect(dialog).toContainText("keeps 1.5 s to 4.5 s");
  await dialog.getByRole("button", { name: "Upload this part" }).click();
  await expect(dialog.getByTestId("character-video")).toBeVisible();

  const [mara] = await characters();
  expect(mara?.video).toMatchObject({ kind: "video", label: "pier run" });
  expect(Math.abs((mara?.video?.video?.durationSec ?? 0) - 3)).toBeLessThan(0.1);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // On the card: a moving thumbnail, muted, looped, inline.
  const thumb = card.getByTestId("character-video");
  await expect(thumb).toHaveAttribute("data-motion", "moving");
  const video = thumb.locator("video");
  await expect(video).toHaveAttribute("src", mara!.video!.url);
  expect(
    await video.evaluate((v: HTMLVideoElement) => ({
      muted: v.muted,
      loop: v.loop,
      playsInline: v.playsInline,
      poster: v.poster !== "",
    })),
  ).toEqual({ muted: true, loop: true, playsInline: true, poster: true });
  // Less motion asked for: the still poster instead.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await expect(thumb).toHaveAttribute("data-motion", "still");
  await expect(thumb.locator("video")).toHaveCount(0);
  await expect(thumb.getByRole("img", { name: "Mara's video: pier run" })).toBeVisible();
  await page.emulateMedia({ reducedMotion: "no-preference" });

  // Inserted into the composer: its video joins the reference videos, remembering its character, and is
  // sent with it.
  const storedVideos = () =>
    page.evaluate((key) => {
      const draft = JSON.parse(localStorage.getItem(key) ?? "{}") as {
        videos?: { asset: { id: string }; characterId?: string | null }[];
      };
      return draft.videos ?? [];
    }, DRAFT_STORAGE_KEY);
  const before = (await storedVideos()).length;
  await card.getByRole("link", { name: "Insert Mara into the composer" }).click();
  // The insert dialog says the video joins; Insert brings it (and the images picked) in.
  const pick = page.getByTestId("insert-character-dialog");
  await expect(pick.getByTestId("insert-character-video")).toBeVisible();
  await pick.getByRole("button", { name: "Insert", exact: true }).click();
  await expect(page.getByTestId("reference-video-tile")).toHaveCount(before + 1);
  await expect
    .poll(async () => (await storedVideos()).at(-1))
    .toMatchObject({
      asset: { id: mara!.video!.id },
      characterId: mara!.id,
    });
  await page.goto("/library");

  // Removed: the images stay, the video goes.
  await card.getByRole("button", { name: "Edit Mara" }).click();
  await dialog.getByRole("button", { name: "Remove video" }).click();
  await expect(dialog.getByRole("button", { name: "Add a video…" })).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(card.getByTestId("character-video")).toHaveCount(0);
  const [after] = await characters();
  expect(after?.video).toBeNull();
  expect(after?.images).toHaveLength(1);
});
