// `npx tsx scripts/screenshots-storyboard.ts [--out dir]` (after a build)
// Captures the storyboard (issue 19) into docs/screenshots/ (or --out) at 1366x768, 1440x900 and 390x844:
// a sequence of five shots in every state (approved, chosen, takes to pick from, generating is too quick
// on the preview engine to catch, so an empty one and one with only a prompt), with camera notes and
// dialogue (storyboard-<width>.png), and the Generate all confirm naming the shots it cannot send
// (storyboard-generate-<width>.png). A studio on the preview engine, in this process, on SCREENSHOTS_PORT
// (default: a free port), with a fresh data folder.
import type { SequenceDTO, ShotDTO } from "../lib/sequences/dto";
import {
  type Api,
  generate,
  json,
  ownerPage,
  post,
  save,
  screenshotDir,
  settle,
  uploadImage,
  VIEWPORTS,
  withPreviewStudio,
} from "./screenshot-kit";

const outDir = screenshotDir();

const patch = (api: Api, url: string, body: unknown) =>
  api(url, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function seed(api: Api, base: string) {
  const mara = await uploadImage(api, base, "character", "mara.png", 3);
  const pier = await uploadImage(api, base, "place", "harbour.png", 7);
  const { sequence } = await json<{ sequence: SequenceDTO }>(
    await post(api, `${base}/api/sequences`, {
      projectId: "first-project",
      title: "The ferry at dawn",
      aspectRatio: "16:9",
    }),
    "sequence",
  );
  const shots = [
    [
      "Harbour",
      "<IMAGE_REF_0> waits at <IMAGE_REF_1> at dawn; gulls overhead.",
      "slow push in",
      "Not again.",
    ],
    ["Ferry horn", "<IMAGE_REF_0> turns towards the ferry as its horn sounds.", "whip pan right", ""],
    ["Running", "<IMAGE_REF_0> runs along <IMAGE_REF_1> as the ferry leaves.", "tracking, low", "Wait!"],
    ["On deck", "<IMAGE_REF_0> catches her breath on the deck.", "", "Made it."],
    ["Open sea", "", "wide aerial", ""],
  ] as const;
  const made: ShotDTO[] = [];
  let approve = "";
  for (const [title, prompt, cameraNote, dialogue] of shots) {
    const content = prompt
      ? { prompt, referenceIds: [mara.id, pier.id], referenceNames: ["Mara", "Harbour"], duration: 5 }
      : {};
    const { shot } = await json<{ shot: ShotDTO }>(
      await post(api, `${base}/api/sequences/${sequence.id}/shots`, { title, content, cameraNote, dialogue }),
      `shot ${title}`,
    );
    made.push(shot);
  }
  // Takes for the first three; the first approved, the second chosen, the third still to pick from.
  for (const [i, shot] of made.slice(0, 3).entries()) {
    const takes = await generate(api, base, {
      prompt: `${shot.content.prompt}\nCamera: ${shot.cameraNote}`,
      referenceIds: [mara.id, pier.id],
      referenceNames: ["Mara", "Harbour"],
      shotId: shot.id,
      takes: 2,
    });
    if (i === 2) continue;
    await json(
      await patch(api, `${base}/api/shots/${shot.id}`, { chosenGenerationId: takes[1]!.id }),
      "choose",
    );
    if (i === 0) approve = takes[1]!.id;
  }
  return { sequence, approve };
}

async function main() {
  await withPreviewStudio("storyboard", async ({ base, owner, api, browser }) => {
    const { sequence, approve } = await seed(api, base);
    let first = true;
    for (const [width, height] of VIEWPORTS) {
      const page = await ownerPage(browser, base, owner, width, height);
      if (first) {
        // The first shot's chosen take approved on its page, as a reviewer would.
        await page.goto(`/clips/${approve}`);
        const status = page.getByTestId("clip-review").getByRole("combobox", { name: "Review status" });
        await status.selectOption("approved");
        for (let i = 0; i < 40; i++) {
          const { generation } = await json<{ generation: { reviewStatus: string } }>(
            await api(`${base}/api/generations/${approve}`),
            "read the approved take",
          );
          if (generation.reviewStatus === "approved") break;
          await page.waitForTimeout(250);
        }
        first = false;
      }
      await page.goto(`/sequences/${sequence.id}`);
      await page.getByTestId("shot-card").nth(4).waitFor();
      await settle(page);
      await save(page, outDir, `storyboard-${width}`, { fullPage: width === 390 ? false : undefined });
      await page.getByRole("button", { name: "Generate all without a chosen take" }).click();
      await page.getByRole("dialog").getByTestId("batch-blocked").waitFor();
      await page.waitForTimeout(200);
      await save(page, outDir, `storyboard-generate-${width}`);
      await page.close();
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
