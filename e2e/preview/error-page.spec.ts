import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  findPgTools,
  freePort,
  type PrivateCluster,
  startPrivateCluster,
} from "../../test/support/pg-cluster";
import { type StudioProcess, startStudioProcess } from "../../test/support/studio-process";
import { type SignedIn, signUpOwner, useSession } from "../support/accounts";
import { seriousViolations } from "../support/studio-page";

// A page that throws shows the studio's error page, not Next's bare one. The real way a page throws here:
// its database goes away. A studio of its own on a PostgreSQL cluster of its own (the shared one cannot
// be stopped); a clip's page, read while the cluster is stopped, fails on the server. The page says what
// happened and gives the reference the server's log names; once the database is back, Try again works.

const tools = findPgTools();

test.describe("the error page", () => {
  test.skip("missing" in tools, `needs initdb and pg_ctl: ${"missing" in tools ? tools.missing : ""}`);
  test.setTimeout(240_000);

  let cluster: PrivateCluster;
  let studio: StudioProcess;
  let dataDir: string;
  let owner: SignedIn;

  test.beforeAll(async () => {
    if ("missing" in tools) return;
    test.setTimeout(180_000);
    cluster = await startPrivateCluster(tools);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-error-page-"));
    studio = await startStudioProcess({
      port: await freePort(),
      dataDir,
      env: { DATABASE_URL: cluster.url(), VIDEO_PROVIDER: "preview" },
    });
    owner = await signUpOwner(studio.url);
  });

  test.afterAll(async () => {
    await studio?.stop();
    await cluster?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("a clip's page read while the database is down: what happened, a reference, and Try again", async ({
    page,
  }) => {
    // Clip ids are 8 to 64 lowercase letters and digits; an unknown one, so the page must read the database.
    const clip = `${studio.url}/clips/${randomUUID().replaceAll("-", "")}`;
    await useSession(page.context(), studio.url, owner);
    // Up: an unknown clip is simply not found.
    expect((await page.goto(clip))?.status()).toBe(404);

    await cluster.stop();
    // Next renders this page only in the browser, so the theme script in <head> never ran: the page sets it.
    await page.emulateMedia({ colorScheme: "light" });
    const res = await page.goto(clip);
    expect(res?.status()).toBe(500);
    const main = page.getByTestId("error-page");
    await expect(main.getByRole("heading", { level: 1 })).toHaveText("Something went wrong");
    await expect(page).toHaveTitle("Something went wrong · Omni Studio");
    await expect(main).toContainText("Nothing you made is lost");
    await expect(page.locator("html")).toHaveClass(/\blight\b/);
    expect(await seriousViolations(page)).toEqual([]);
    // The studio's own header and a way back stay.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(main.getByRole("link", { name: "Back to the studio" })).toHaveAttribute("href", "/");
    // The reference is the one the server logged the error under.
    const digest = (await main.getByTestId("error-digest").textContent())?.trim() ?? "";
    expect(digest).toMatch(/^\w+$/);
    expect(studio.output()).toContain(digest);

    await cluster.start();
    await main.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("clip-not-found")).toBeVisible({ timeout: 30_000 });
    await expect(main).toBeHidden();
  });
});
