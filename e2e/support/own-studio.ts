import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { type FakeFal, startFakeFal } from "../../test/fakes/fal-server";
import { startFalStudio } from "../../test/support/fal-studio";
import { freePort } from "../../test/support/pg-cluster";
import { type StudioProcess, startStudioProcess } from "../../test/support/studio-process";
import { useSession as putSession, type SignedIn, signUpOwner } from "./accounts";

// A studio of a spec's own, for specs that must read what a provider received (the fake fal server runs
// in the spec's process, so its record of each job is at hand) or must start from an empty studio: the
// server on a free port with a fresh data folder, its owner signed up, and one page signed in as them.

export interface OwnStudio {
  studio: StudioProcess;
  owner: SignedIn;
  /** Signed in as the owner, 1440x900, its base URL the studio's. */
  page: Page;
  /** Set on a fal studio only. */
  fake?: FakeFal;
  stop(): Promise<void>;
}

async function ownerPage(browser: Browser, studio: StudioProcess, owner: SignedIn): Promise<Page> {
  const context = await browser.newContext({ baseURL: studio.url, viewport: { width: 1440, height: 900 } });
  await putSession(context, studio.url, owner);
  return context.newPage();
}

async function open(
  browser: Browser,
  name: string,
  start: (dataDir: string) => Promise<{ studio: StudioProcess; fake?: FakeFal }>,
): Promise<OwnStudio> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `omni-e2e-${name}-`));
  const { studio, fake } = await start(dataDir);
  const owner = await signUpOwner(studio.url);
  const page = await ownerPage(browser, studio, owner);
  return {
    studio,
    owner,
    page,
    fake,
    async stop() {
      await page.context().close();
      await studio.stop();
      await fake?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type OwnFalStudio = OwnStudio & { fake: FakeFal };

/** A studio on fal through a fake fal server of this process (fast queue and render). */
export function startOwnFalStudio(browser: Browser, name: string): Promise<OwnFalStudio> {
  return open(browser, name, async (dataDir) => {
    const fake = await startFakeFal({ port: 0, queueMs: 100, runMs: 300 });
    return { fake, studio: await startFalStudio({ port: await freePort(), dataDir, fake }) };
  }) as Promise<OwnFalStudio>;
}

/** A studio on the preview engine. */
export function startOwnPreviewStudio(browser: Browser, name: string): Promise<OwnStudio> {
  return open(browser, name, async (dataDir) => ({
    studio: await startStudioProcess({ port: await freePort(), dataDir, env: { VIDEO_PROVIDER: "preview" } }),
  }));
}
