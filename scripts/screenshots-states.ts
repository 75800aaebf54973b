// `npx tsx scripts/screenshots-states.ts [--out dir]` (after `npx next build`)
// The studio's states other than its content: the not-found page, the error page (a clip's page read
// while the database is down) and the composer's "Save as character" dialog, at 1366x768, 1440x900 and
// 390x844 in both themes. Starts its own studio on a throwaway PostgreSQL cluster (initdb and pg_ctl
// needed), on SCREENSHOTS_PORT (default 3301), so the error is a real one; makes its owner and sees every
// page signed in as them. Writes <state>-<width>-<theme>.png into --out (default
// $TMPDIR/omni-states-shots) for looking at; docs/screenshots keeps a few of them.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { useSession as putSession, type SignedIn, signUpOwner } from "../e2e/support/accounts";
import { CHROMIUM_LAUNCH } from "../e2e/support/chromium";
import { referenceImage } from "../e2e/support/images";
import { findPgTools, startPrivateCluster } from "../test/support/pg-cluster";
import { startStudioProcess } from "../test/support/studio-process";

const argOut = process.argv.indexOf("--out");
const outDir =
  argOut > 0 ? path.resolve(process.argv[argOut + 1]!) : path.join(os.tmpdir(), "omni-states-shots");
const SIZES = [
  [1366, 768],
  [1440, 900],
  [390, 844],
] as const;
const THEMES = ["dark", "light"] as const;
const PORT = Number(process.env.SCREENSHOTS_PORT ?? 3301);

type Shoot = (browser: Browser, base: string, width: number, height: number, theme: string) => Promise<void>;

/** The owner's session, made once the studio is up: every page is seen signed in. */
let owner: SignedIn;

async function page(browser: Browser, base: string, width: number, height: number, theme: "dark" | "light") {
  const p = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: theme });
  // (useSession under another name: Biome takes any use* call for a React hook.)
  await putSession(p.context(), base, owner);
  return p;
}

const notFound: Shoot = async (browser, base, width, height, theme) => {
  const p = await page(browser, base, width, height, theme as "dark");
  await p.goto(`${base}/no-such-page`);
  await p.getByTestId("not-found").waitFor();
  await p.getByTestId("provider-badge").and(p.locator(":not([data-provider=''])")).waitFor();
  await p.screenshot({ path: path.join(outDir, `not-found-${width}-${theme}.png`), animations: "disabled" });
  await p.close();
};

const characterDialog: Shoot = async (browser, base, width, height, theme) => {
  const p = await page(browser, base, width, height, theme as "dark");
  await p.goto(base);
  await p.getByTestId("composer").and(p.locator("[data-ready]")).waitFor();
  await p.getByLabel("Reference images").setInputFiles([
    { name: "mara.png", mimeType: "image/png", buffer: await referenceImage("character", { seed: 3 }) },
    { name: "yellow-coat.png", mimeType: "image/png", buffer: await referenceImage("look", { seed: 8 }) },
  ]);
  await p.locator('[data-testid="reference-tile"][data-status="ready"]').nth(1).waitFor();
  await p.getByRole("button", { name: "Save as character" }).click();
  const dialog = p.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Mara");
  await dialog.getByLabel(/Short description/).fill("Courier in a yellow rain jacket; short dark hair.");
  await p.waitForFunction(() => [...document.images].every((img) => img.complete));
  await p.screenshot({
    path: path.join(outDir, `character-dialog-${width}-${theme}.png`),
    animations: "disabled",
  });
  await p.close();
};

const errorPage: Shoot = async (browser, base, width, height, theme) => {
  const p = await page(browser, base, width, height, theme as "dark");
  await p.goto(`${base}/clips/0123456789abcdef0123456789abcdef`);
  await p.getByTestId("error-page").waitFor();
  await p.screenshot({ path: path.join(outDir, `error-${width}-${theme}.png`), animations: "disabled" });
  await p.close();
};

async function main() {
  const tools = findPgTools();
  if ("missing" in tools) throw new Error(`needs initdb and pg_ctl: ${tools.missing}`);
  mkdirSync(outDir, { recursive: true });
  const cluster = await startPrivateCluster(tools);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-states-"));
  const studio = await startStudioProcess({
    port: PORT,
    dataDir,
    env: { DATABASE_URL: cluster.url(), VIDEO_PROVIDER: "preview" },
  });
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
  try {
    owner = await signUpOwner(studio.url);
    for (const shoot of [notFound, characterDialog]) {
      for (const [w, h] of SIZES) for (const t of THEMES) await shoot(browser, studio.url, w, h, t);
    }
    await cluster.stop();
    for (const [w, h] of SIZES) for (const t of THEMES) await errorPage(browser, studio.url, w, h, t);
    console.log(`wrote ${SIZES.length * THEMES.length * 3} screenshots to ${outDir}`);
  } finally {
    await browser.close();
    await studio.stop();
    await cluster.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
