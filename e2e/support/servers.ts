// Ports and secrets the e2e servers run with; shared by playwright.config.ts and the specs.
export const PREVIEW_PORT = 3100;
export const FAL_PORT = 3101;
export const FAKE_FAL_PORT = 4010;
/** scripts/test-all.mjs builds with this canary as FAL_KEY so a spec can prove no client file carries it. */
export const E2E_FAL_KEY = process.env.FAL_KEY_CANARY || "test-fal-key";
