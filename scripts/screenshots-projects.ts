// `npx tsx scripts/screenshots-projects.ts [--out dir]` (after a build)
// Captures the projects of issue 19 into docs/screenshots/ (or --out): the header's switcher open on a
// project with clips (projects-switcher-{1366,1440,390}.png) and the Manage projects dialog with an
// archived project shown (projects-manage-{1366,1440,390}.png). It starts its own studio on the preview
// engine with a fresh data folder.
import type { Page } from "@playwright/test";
import type { ProjectDTO } from "../lib/projects/dto";
import {
  generate,
  json,
  ownerPage,
  post,
  save,
  screenshotDir,
  uploadImage,
  VIEWPORTS,
  withPreviewStudio,
} from "./screenshot-kit";

const outDir = screenshotDir();
const shoot = (page: Page, name: string, width: number) => save(page, outDir, `projects-${name}-${width}`);

async function main() {
  await withPreviewStudio("projects", async ({ base, owner, api, browser }) => {
    const make = async (name: string) =>
      (await json<{ project: ProjectDTO }>(await post(api, `${base}/api/projects`, { name }), name)).project;
    const harbour = await make("Harbour film: the night crossing");
    const teaser = await make("Teaser 30 s");
    const pilot = await make("Pilot (old cut)");
    await api(`${base}/api/projects/${pilot.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ archived: true }),
    });
    const skipper = await uploadImage(api, base, "character", "skipper.png", 7);
    const quay = await uploadImage(api, base, "place", "quay.png", 8);
    const clip = (projectId: string | undefined, prompt: string) =>
      generate(api, base, {
        prompt,
        referenceIds: [skipper.id, quay.id],
        duration: 3,
        ...(projectId ? { projectId } : {}),
      });
    await clip(undefined, "<IMAGE_REF_0> waits on <IMAGE_REF_1> at dawn. Gulls.");
    await clip(harbour.id, "<IMAGE_REF_0> casts off from <IMAGE_REF_1>. Engine hum.");
    await clip(harbour.id, "<IMAGE_REF_0> steers past <IMAGE_REF_1> lights at night. Rain.");
    await clip(teaser.id, "<IMAGE_REF_0> turns to camera on <IMAGE_REF_1>. Wind.");

    for (const [width, height] of VIEWPORTS) {
      const page = await ownerPage(browser, base, owner, width, height);
      await page.context().addCookies([{ name: "omni-project", value: harbour.id, url: base }]);
      await page.goto(base);
      await page.getByTestId("generation-card").first().waitFor();
      await page.getByTestId("project-switcher").click();
      await page.getByTestId("project-menu").waitFor();
      await page.mouse.move(0, 0);
      await page.waitForTimeout(400);
      await shoot(page, "switcher", width);

      await page.getByRole("menuitem", { name: "Manage projects…" }).click();
      const dialog = page.getByTestId("manage-projects-dialog");
      await dialog.getByTestId("manage-project").first().waitFor();
      await dialog.getByTestId("show-archived").check();
      await dialog.getByRole("button", { name: /^Rename Teaser/ }).click();
      await page.waitForTimeout(400);
      await shoot(page, "manage", width);
      await page.close();
    }
  });
}

await main();
