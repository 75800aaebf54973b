import { afterEach, describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import type { Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { removeDir, startTestRuntime, type TestRuntime } from "../support/runtime";

// /api/health tells the browser each configured provider's model versions: limits, tiers, the price of
// each tier as the provider will bill it (configured prices for fal's first version and AtlasCloud) and the
// default version; what it said before versions stays.

function installRuntime(rt: Runtime | undefined) {
  (globalThis as { __omniRuntime?: Promise<Runtime> }).__omniRuntime = rt ? Promise.resolve(rt) : undefined;
}

interface Version {
  id: string;
  label: string;
  endpointId: string;
  images: { min: number; max: number };
  durations: { min: number; max: number; default: number };
  resolutions: string[];
  defaultResolution: string;
  usdPerSecond: Record<string, number>;
  minBilledSeconds: number;
}
interface Provider {
  id: string;
  modelId: string;
  pricing: { usdPerSecond: number; minBilledSeconds: number };
  usdPerSecond: number;
  capabilities: { durations: { default: number } };
  versions: Version[];
  defaultVersion: string;
}

describe("/api/health describes each provider's model versions", () => {
  let db: TestDatabase | undefined;
  let rt: TestRuntime | undefined;
  afterEach(async () => {
    installRuntime(undefined);
    await rt?.dispose();
    await db?.dispose();
    if (rt) await removeDir(rt.dataDir);
  });

  async function health(env: Record<string, string>): Promise<Record<string, Provider>> {
    db = await createTestDatabase("pglite");
    rt = await startTestRuntime(db, env, { startWorker: false });
    installRuntime(rt);
    const body = (await (await healthRoute()).json()) as { provider: Provider; providers: Provider[] };
    return Object.fromEntries(body.providers.map((p) => [p.id, p]));
  }

  it("every version with its limits and tiers, each tier priced as the provider bills it", async () => {
    const providers = await health({
      VIDEO_PROVIDER: "fal",
      FAL_KEY: "health-test-key",
      FAL_BASE_URL: "http://127.0.0.1:9",
      FAL_USD_PER_SECOND: "0.2",
      ATLASCLOUD_API_KEY: "health-atlas-key",
      ATLASCLOUD_BASE_URL: "http://127.0.0.1:9/api/v1",
      ATLASCLOUD_USD_PER_SECOND: "0.15",
      ATLASCLOUD_MIN_BILLED_SECONDS: "4",
    });
    const { fal, atlas, preview } = providers;
    // What it said before versions is still there.
    expect(fal).toMatchObject({
      modelId: "google/gemini-omni-flash/reference-to-video",
      pricing: { usdPerSecond: 0.2, minBilledSeconds: 0 },
      usdPerSecond: 0.2,
      capabilities: { durations: { default: 8 } },
    });
    expect(fal!.defaultVersion).toBe("fal-v1");
    expect(fal!.versions.map((v) => v.id)).toEqual(["fal-v1", "fal-v1.1", "fal-v1.2"]);
    const [v1, v11, v12] = fal!.versions;
    // The first version at the configured price; the newer ones at fal's per-tier prices.
    expect(v1).toMatchObject({
      label: "Omni Flash 1.0",
      images: { min: 1, max: 5 },
      durations: { min: 3, max: 10, default: 8 },
      resolutions: ["720p"],
      usdPerSecond: { "720p": 0.2 },
      minBilledSeconds: 0,
    });
    expect(v11!.usdPerSecond).toEqual({ "360p": 0.03, "720p": 0.1, "1080p": 0.15, "4k": 0.3 });
    expect(v12).toMatchObject({
      label: "Omni Flash 1.2",
      endpointId: "google/gemini-omni-flash/v1.2/reference-to-video",
      images: { min: 0, max: 10 },
      durations: { min: 3, max: 15, default: 8 },
      resolutions: ["360p", "720p", "1080p", "4k"],
      defaultResolution: "720p",
      usdPerSecond: { "360p": 0.0273, "720p": 0.0819, "1080p": 0.1229, "4k": 0.2457 },
    });
    expect(atlas).toMatchObject({ defaultVersion: "atlas" });
    expect(atlas!.versions).toHaveLength(1);
    expect(atlas!.versions[0]).toMatchObject({ usdPerSecond: { "720p": 0.15 }, minBilledSeconds: 4 });
    expect(preview!.versions[0]).toMatchObject({
      id: "preview",
      usdPerSecond: { "360p": 0, "720p": 0, "1080p": 0, "4k": 0 },
    });
  });

  it("names the version FAL_MODEL_ID picks as fal's default", async () => {
    const { fal } = await health({
      VIDEO_PROVIDER: "fal",
      FAL_KEY: "health-test-key",
      FAL_BASE_URL: "http://127.0.0.1:9",
      FAL_MODEL_ID: "google/gemini-omni-flash/v1.2/reference-to-video",
    });
    expect(fal!.defaultVersion).toBe("fal-v1.2");
  });
});
