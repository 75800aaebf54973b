// A studio server on fal through a fake fal server (test/fakes/fal-server.ts), started by the one launcher.
import { FAKE_FAL_KEY, type FakeFal } from "@/test/fakes/fal-server";
import { type StudioProcess, type StudioProcessOptions, startStudioProcess } from "./studio-process";

/** A studio's settings for fal through the fake fal, webhooks off (PUBLIC_BASE_URL empty). */
export function fakeFalEnv(fake: FakeFal): Record<string, string> {
  return {
    VIDEO_PROVIDER: "fal",
    FAL_KEY: FAKE_FAL_KEY,
    FAL_BASE_URL: fake.url,
    FAL_WEBHOOK_JWKS_URL: fake.jwksUrl,
    PUBLIC_BASE_URL: "",
  };
}

/** A studio on fal through the fake fal, webhooks off: the poller does all the work. */
export function startFalStudio(options: StudioProcessOptions & { fake: FakeFal }): Promise<StudioProcess> {
  const { fake, env, ...rest } = options;
  return startStudioProcess({ ...rest, env: { ...fakeFalEnv(fake), ...env } });
}
