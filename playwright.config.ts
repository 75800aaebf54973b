import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { storageStatePath } from "./e2e/support/accounts";
import { CHROMIUM_LAUNCH } from "./e2e/support/chromium";
import {
  ACCESS_PORT,
  ATLAS_PORT,
  E2E_ATLAS_KEY,
  E2E_FAL_KEY,
  FAKE_ATLAS_PORT,
  FAKE_FAL_PORT,
  FAL_PORT,
  PREVIEW_PORT,
} from "./e2e/support/servers";
import { studioLaunch } from "./test/support/studio-process";

// End to end against a production build (`next build` runs first, see scripts/test-all.mjs): two studio
// servers, each with its own fresh data folder, one on the preview engine and one on fal through the fake
// fal server, in Debian's Chromium (Playwright's own browsers cannot be downloaded here).

// One fresh data folder per run. The config is evaluated more than once (runner, workers), so the folder
// is made once and handed on through the environment instead of being wiped on each load.
process.env.OMNI_E2E_DATA_ROOT ??= mkdtempSync(path.join(os.tmpdir(), "omni-studio-e2e-"));
const dataRoot = process.env.OMNI_E2E_DATA_ROOT;
const dataDir = (name: string) => path.join(dataRoot, name);

// Started the one way every studio server in the tests is started (test/support/studio-process.ts), which
// is how `npm start` starts it (scripts/server-launch.ts) minus the build step.
function studio(port: number, name: string, env: Record<string, string>) {
  const launch = studioLaunch({ port, dataDir: dataDir(name), cwd: ".", env });
  return {
    command: [launch.command, ...launch.args].map((a) => JSON.stringify(a)).join(" "),
    env: launch.env,
  };
}

/** A studio on fal through the shared fake fal, with webhooks back to its own port. */
const falSettings = (port: number) => ({
  VIDEO_PROVIDER: "fal",
  FAL_KEY: E2E_FAL_KEY,
  FAL_BASE_URL: `http://127.0.0.1:${FAKE_FAL_PORT}`,
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  FAL_WEBHOOK_JWKS_URL: `http://127.0.0.1:${FAKE_FAL_PORT}/.well-known/jwks.json`,
});

const reporter: PlaywrightTestConfig["reporter"] = [["list"]];
// scripts/test-all.mjs asks for a JSON report to count results.
if (process.env.PLAYWRIGHT_JSON_OUTPUT_NAME) reporter.push(["json"]);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter,
  use: {
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      ...CHROMIUM_LAUNCH,
    },
  },
  projects: [
    {
      // Signs the owner in on the shared studios; the projects below start from that browser state.
      name: "accounts",
      testDir: "e2e/setup",
      testMatch: /.*\.setup\.ts/,
    },
    {
      name: "preview",
      testDir: "e2e/preview",
      dependencies: ["accounts"],
      use: {
        baseURL: `http://127.0.0.1:${PREVIEW_PORT}`,
        viewport: { width: 1440, height: 900 },
        storageState: storageStatePath("preview"),
      },
    },
    {
      // Bad input over HTTP against the preview server.
      name: "api",
      testDir: "e2e/api",
      dependencies: ["accounts"],
      use: { baseURL: `http://127.0.0.1:${PREVIEW_PORT}`, storageState: storageStatePath("preview") },
    },
    {
      // A fresh studio with no account: setup, sign-in, invitations, roles and two members side by side.
      name: "access",
      testDir: "e2e/access",
      use: { baseURL: `http://127.0.0.1:${ACCESS_PORT}` },
    },
    {
      // Starts and kills its own studio server and fake fal; needs only the build.
      name: "restart",
      testDir: "e2e/restart",
    },
    {
      name: "fal",
      testDir: "e2e/fal",
      dependencies: ["accounts"],
      use: {
        baseURL: `http://127.0.0.1:${FAL_PORT}`,
        viewport: { width: 1440, height: 900 },
        storageState: storageStatePath("fal"),
      },
    },
    {
      // fal and AtlasCloud both configured (through their fakes): the provider picker and its controls.
      name: "atlas",
      testDir: "e2e/atlas",
      dependencies: ["accounts"],
      use: {
        baseURL: `http://127.0.0.1:${ATLAS_PORT}`,
        viewport: { width: 1440, height: 900 },
        storageState: storageStatePath("atlas"),
      },
    },
    // Load runs (200 jobs in flight, 50 concurrent uploads, a 10,000-clip history): minutes long, so only
    // with OMNI_LOAD=1 (.ci/run sets it). Each spec starts its own studio and, where needed, fake fal.
    ...(process.env.OMNI_LOAD === "1" ? [{ name: "load", testDir: "e2e/load", timeout: 6 * 60_000 }] : []),
    // Two studios on one PostgreSQL behind a real nginx (deploy/nginx.conf), started by the spec itself
    // (test/support/cluster.ts): only with OMNI_CLUSTER=1 (.ci/run sets it), as it needs PostgreSQL and nginx.
    ...(process.env.OMNI_CLUSTER === "1"
      ? [{ name: "cluster", testDir: "e2e/cluster", use: { viewport: { width: 1440, height: 900 } } }]
      : []),
  ],
  webServer: [
    {
      // The fake accepts exactly the key the fal studio server runs with.
      command: `npx tsx test/fakes/fal-server-cli.ts --port ${FAKE_FAL_PORT} --key ${E2E_FAL_KEY}`,
      url: `http://127.0.0.1:${FAKE_FAL_PORT}/.well-known/jwks.json`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      ...studio(PREVIEW_PORT, "preview", { VIDEO_PROVIDER: "preview" }),
      url: `http://127.0.0.1:${PREVIEW_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      ...studio(FAL_PORT, "fal", falSettings(FAL_PORT)),
      url: `http://127.0.0.1:${FAL_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // Any API route answers 401 without the key: that is the readiness probe.
      command: `npx tsx test/fakes/atlas-server-cli.ts --port ${FAKE_ATLAS_PORT} --key ${E2E_ATLAS_KEY}`,
      url: `http://127.0.0.1:${FAKE_ATLAS_PORT}/api/v1/model/prediction/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      ...studio(ATLAS_PORT, "atlas", {
        ...falSettings(ATLAS_PORT),
        ATLASCLOUD_API_KEY: E2E_ATLAS_KEY,
        ATLASCLOUD_BASE_URL: `http://127.0.0.1:${FAKE_ATLAS_PORT}/api/v1`,
      }),
      url: `http://127.0.0.1:${ATLAS_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      ...studio(ACCESS_PORT, "access", { VIDEO_PROVIDER: "preview" }),
      url: `http://127.0.0.1:${ACCESS_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
