// `npx tsx scripts/screenshots-sequence.ts [--out dir]` (after a build)
// Captures issue 19's sequence player and export into docs/screenshots/ (or --out), at 1366x768, 1440x900
// and 390x844, dark and light ("-light"): a four-shot sequence's watch page mid-play with a review
// comment on its timeline (sequence-player-<width>) and the same page with a finished export and its
// download (sequence-export-<width>). A studio on the preview engine.
import type { ExportDTO } from "../lib/exports/dto";
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

const SHOTS = [
  ["Pier at dawn", "character", "<IMAGE_REF_0> walks the length of the pier as the fog lifts."],
  ["Gulls", "place", "Gulls scatter over <IMAGE_REF_0>, the camera tilting up."],
  ["The boat", "look", "<IMAGE_REF_0> drifts in, its lamp still lit."],
  ["Dusk", "place", "Wide shot of <IMAGE_REF_0> at dusk, lights coming on."],
] as const;

async function sequenceWithTakes(api: Api, base: string): Promise<SequenceDTO> {
  const projects = await json<{ items: { id: string }[] }>(await api(`${base}/api/projects`), "projects");
  const { sequence } = await json<{ sequence: SequenceDTO }>(
    await post(api, `${base}/api/sequences`, {
      projectId: projects.items[0]!.id,
      title: "Harbour morning",
      aspectRatio: "16:9",
    }),
    "sequence",
  );
  for (const [i, [title, kind, prompt]] of SHOTS.entries()) {
    const { shot } = await json<{ shot: ShotDTO }>(
      await post(api, `${base}/api/sequences/${sequence.id}/shots`, { title }),
      "shot",
    );
    const ref = await uploadImage(api, base, kind, `${title}.png`, 7100 + i);
    const [take] = await generate(api, base, {
      prompt,
      referenceIds: [ref.id],
      referenceNames: [title],
      duration: 3 + (i % 2),
      shotId: shot.id,
    });
    await json(
      await api(`${base}/api/shots/${shot.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chosenGenerationId: take!.id }),
      }),
      "choose",
    );
  }
  return sequence;
}

async function main() {
  await withPreviewStudio("sequence", async ({ base, owner, api, browser }) => {
    const sequence = await sequenceWithTakes(api, base);
    await post(api, `${base}/api/sequences/${sequence.id}/comments`, {
      atSec: 4.2,
      body: "Gulls come in a beat early",
    });
    let exported = false;
    for (const [width, height] of VIEWPORTS) {
      for (const theme of ["dark", "light"] as const) {
        const suffix = `${width}${theme === "light" ? "-light" : ""}`;
        const page = await ownerPage(browser, base, owner, width, height);
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`/sequences/${sequence.id}/watch`);
        await page.getByTestId("sequence-player").waitFor();
        // Into the second shot, paused: the playhead and the shot's block show where it is.
        await page.getByTestId("timeline-shot").nth(1).focus();
        await page.keyboard.press("Enter");
        await page.keyboard.press("ArrowRight");
        await settle(page);
        await save(page, outDir, `sequence-player-${suffix}`);

        if (!exported) {
          await page.getByTestId("export-start").click();
          for (let i = 0; i < 240; i++) {
            const { exports } = await json<{ exports: ExportDTO[] }>(
              await api(`${base}/api/sequences/${sequence.id}/export`),
              "exports",
            );
            if (exports[0]?.status === "completed") break;
            if (exports[0]?.status === "failed") throw new Error(`export failed: ${exports[0].error}`);
            await new Promise((r) => setTimeout(r, 500));
          }
          exported = true;
        }
        await page.getByTestId("export-download").waitFor();
        await page.getByTestId("export-panel").scrollIntoViewIfNeeded();
        await settle(page);
        await save(page, outDir, `sequence-export-${suffix}`);
        await page.close();
      }
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
