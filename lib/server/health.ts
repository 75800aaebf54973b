import "server-only";
import { type ToolName, tool } from "@/lib/media/tools";
import type { ModelProfile } from "@/lib/models/profiles";
import type { VideoProvider } from "@/lib/providers/types";
import { getRuntime } from "@/lib/server/runtime";

// What GET /api/health answers, also read by pages as they render (app/_lib/server-state.tsx), so the
// header's provider badge and the composer's cost are in the first HTML instead of after a fetch.

export interface HealthReport {
  status: 200 | 503;
  /** Has `provider` unless the database could not be opened at all. */
  body: { ok: boolean; provider?: unknown; [key: string]: unknown };
}

/** A long clip, so a price per second read from a provider's estimate keeps its every digit. */
const PROBE_SECONDS = 1000;
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * One model version as the browser needs it: what it takes, what it offers and what each second costs
 * at each tier. The prices come from the provider's own estimate (what the ledger records): the configured
 * price for fal's first version and AtlasCloud, fal's table for the newer versions.
 */
function describeVersion(p: VideoProvider, profile: ModelProfile) {
  const estimate = (duration: number, resolution: ModelProfile["defaultResolution"]) =>
    p.estimateCostUsd({ duration, profile, resolution });
  const usdPerSecond = Object.fromEntries(
    profile.resolutions.map((r) => [r, round6(estimate(PROBE_SECONDS, r) / PROBE_SECONDS)]),
  );
  // What a 0 s clip is billed, in seconds of the default tier: the provider's minimum billed length.
  const perSecond = usdPerSecond[profile.defaultResolution] ?? 0;
  const minBilledSeconds =
    perSecond > 0 ? Math.round(estimate(0, profile.defaultResolution) / perSecond) : profile.minBilledSeconds;
  return {
    id: profile.id,
    label: profile.label,
    summary: profile.summary,
    endpointId: profile.endpointId,
    images: profile.images,
    videos: profile.videos,
    durations: profile.durations,
    aspectRatios: profile.aspectRatios,
    resolutions: profile.resolutions,
    defaultResolution: profile.defaultResolution,
    tags: profile.tags,
    usdPerSecond,
    minBilledSeconds,
  };
}

/** Database, storage, ffmpeg and provider, each checked for real; 503 when one is down. */
export async function healthReport(): Promise<HealthReport> {
  let rt: Awaited<ReturnType<typeof getRuntime>>;
  try {
    rt = await getRuntime();
  } catch (err) {
    console.error(err);
    return {
      status: 503,
      body: { ok: false, database: { ok: false, error: "The studio could not open its database." } },
    };
  }
  const database = await rt.db.prisma.$queryRaw`SELECT 1`
    .then(() => ({ ok: true, kind: rt.db.kind }))
    .catch(() => ({ ok: false, kind: rt.db.kind, error: "The database does not answer." }));
  const storage = await rt.store
    .checkWritable()
    .then(() => ({ ok: true, driver: rt.store.driver }))
    .catch(() => ({
      ok: false,
      driver: rt.store.driver,
      error:
        rt.store.driver === "s3" ? "The media bucket does not answer." : "The media folder is not writable.",
    }));
  const summarize = (p: VideoProvider) => ({
    ok: true,
    id: p.id,
    label: p.label,
    modelId: p.modelId,
    isPreview: p.id === "preview",
    webhooks: Boolean(rt.config.publicBaseUrl && p.capabilities.webhooks),
    capabilities: p.capabilities,
    pricing: p.pricing,
    usdPerSecond: p.pricing.usdPerSecond,
    versions: p.profiles.map((profile) =>
      describeVersion(p, profile.id === p.defaultProfile.id ? p.defaultProfile : profile),
    ),
    defaultVersion: p.defaultProfile.id,
  });
  // The default provider, and every provider a person can pick per clip (the preview engine last).
  const provider = summarize(rt.provider);
  const providers = [...rt.providers.values()]
    .sort((a, b) => Number(a.id === "preview") - Number(b.id === "preview"))
    .map(summarize);
  // Which ffmpeg and ffprobe decode and render (env, the machine's own, or the npm build), and whether
  // they ran: without them no clip can complete.
  const media = (name: ToolName) => {
    const { path, source, version } = tool(name);
    return version
      ? { ok: true, path, version, source }
      : { ok: false, path, version, source, error: `${name} does not run.` };
  };
  const ffmpeg = media("ffmpeg");
  const ffprobe = media("ffprobe");
  const ok = database.ok && storage.ok && ffmpeg.ok && ffprobe.ok;
  return { status: ok ? 200 : 503, body: { ok, database, storage, ffmpeg, ffprobe, provider, providers } };
}
