import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./e2e/support/chromium";
import { E2E_FAL_KEY, FAKE_FAL_PORT, FAL_PORT, PREVIEW_PORT } from "./e2e/support/servers";

// End to end against a production build (`next build` runs first, see scripts/test-all.mjs): two studio
// servers, each with its own fresh data folder, one on the preview engine and one on fal through the fake
// fal server, in Debian's Chromium (Playwright's own browsers cannot be downloaded here).

const dataRoot = path.join(os.tmpdir(), "omni-studio-e2e");
const dataDir = (name: string) => path.join(dataRoot, name);
// Config is loaded again in every worker; only the runner (before it starts the servers) may wipe.
if (!process.env.TEST_WORKER_INDEX) rmSync(dataRoot, { recursive: true, force: true });

const nextStart = (port: number) => `node node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${port}`;
const common = { NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "" };

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
      name: "preview",
      testDir: "e2e/preview",
      use: { baseURL: `http://127.0.0.1:${PREVIEW_PORT}`, viewport: { width: 1440, height: 900 } },
    },
    {
      // Starts and kills its own studio server and fake fal; needs only the build.
      name: "restart",
      testDir: "e2e/restart",
    },
    {
      name: "fal",
      testDir: "e2e/fal",
      use: { baseURL: `http://127.0.0.1:${FAL_PORT}`, viewport: { width: 1440, height: 900 } },
    },
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
      command: nextStart(PREVIEW_PORT),
      url: `http://127.0.0.1:${PREVIEW_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...common,
        PORT: String(PREVIEW_PORT),
        DATA_DIR: dataDir("preview"),
        VIDEO_PROVIDER: "preview",
        FAL_KEY: "",
      },
    },
    {
      command: nextStart(FAL_PORT),
      url: `http://127.0.0.1:${FAL_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...common,
        PORT: String(FAL_PORT),
        DATA_DIR: dataDir("fal"),
        VIDEO_PROVIDER: "fal",
        FAL_KEY: E2E_FAL_KEY,
        FAL_BASE_URL: `http://127.0.0.1:${FAKE_FAL_PORT}`,
        PUBLIC_BASE_URL: `http://127.0.0.1:${FAL_PORT}`,
        FAL_WEBHOOK_JWKS_URL: `http://127.0.0.1:${FAKE_FAL_PORT}/.well-known/jwks.json`,
      },
    },
  ],
});
