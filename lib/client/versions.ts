import { clipEstimateUsd, type Pricing } from "@/lib/generations/cost";
import { ASPECT_RATIOS, type AspectRatio, MAX_REFERENCES, type ProviderId } from "@/lib/generations/limits";
import {
  DRAFT_RESOLUTION,
  isModelVersionId,
  isResolution,
  type ModelProfile,
  type ModelVersionId,
  profileById,
  profilesOf,
  type Resolution,
} from "@/lib/models/profiles";
import type { VideoLimit } from "./reference-files";

// The model versions a provider serves, as /api/health describes them (lib/models/profiles.ts is the
// vocabulary; the server's numbers win, so a configured price or a corrected limit reaches the browser),
// and what the composer derives from the chosen one: its tier, the request fields and the price.
// Browser-safe and pure.

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const text = (v: unknown, fallback: string) => (typeof v === "string" && v ? v : fallback);

/** The built-in numbers, each replaced by the server's where it sends one. */
function numbers<T extends object>(raw: unknown, base: T): T {
  if (!isRecord(raw)) return base;
  const out: Json = { ...(base as Json) };
  for (const key of Object.keys(base)) out[key] = num(raw[key], (base as Json)[key] as number);
  return out as T;
}

/** One entry of a provider's `versions` in /api/health, over the built-in profile of the same id. */
function toVersion(raw: unknown, provider: ProviderId): ModelProfile | null {
  if (!isRecord(raw) || !isModelVersionId(raw.id)) return null;
  const base = profileById(raw.id);
  if (base.provider !== provider) return null;
  const resolutions = Array.isArray(raw.resolutions) ? raw.resolutions.filter(isResolution) : [];
  const tiers = resolutions.length > 0 ? resolutions : base.resolutions;
  const prices = isRecord(raw.usdPerSecond) ? raw.usdPerSecond : {};
  const ratios = Array.isArray(raw.aspectRatios)
    ? raw.aspectRatios.filter((r): r is AspectRatio => ASPECT_RATIOS.includes(r as AspectRatio))
    : [];
  return {
    ...base,
    label: text(raw.label, base.label),
    summary: text(raw.summary, base.summary),
    endpointId: text(raw.endpointId, base.endpointId),
    images: numbers(raw.images, base.images),
    videos: raw.videos === null || !base.videos ? null : numbers(raw.videos, base.videos),
    durations: numbers(raw.durations, base.durations),
    aspectRatios: ratios.length > 0 ? ratios : base.aspectRatios,
    resolutions: tiers,
    defaultResolution:
      isResolution(raw.defaultResolution) && tiers.includes(raw.defaultResolution)
        ? raw.defaultResolution
        : tiers.includes(base.defaultResolution)
          ? base.defaultResolution
          : tiers[0]!,
    usdPerSecond: Object.fromEntries(tiers.map((r) => [r, num(prices[r], base.usdPerSecond[r] ?? 0)])),
    minBilledSeconds: num(raw.minBilledSeconds, base.minBilledSeconds),
  };
}

export interface ProviderVersions {
  /** Oldest first; never empty. */
  versions: ModelProfile[];
  defaultVersion: ModelVersionId;
}

/**
 * A provider's versions from its /api/health entry. A server that names none (older than versions) serves
 * its provider's first, at the provider's configured price and durations.
 */
export function readVersions(
  raw: Json,
  provider: ProviderId,
  fallback: { usdPerSecond: number; minBilledSeconds: number; durations: ModelProfile["durations"] },
): ProviderVersions {
  const listed = Array.isArray(raw.versions)
    ? raw.versions.map((v) => toVersion(v, provider)).filter((v): v is ModelProfile => v !== null)
    : [];
  if (listed.length > 0) {
    const named = listed.find((v) => v.id === raw.defaultVersion);
    return { versions: listed, defaultVersion: (named ?? listed[0]!).id };
  }
  const first = profilesOf(provider)[0]!;
  const only: ModelProfile = {
    ...first,
    durations: fallback.durations,
    usdPerSecond: Object.fromEntries(first.resolutions.map((r) => [r, fallback.usdPerSecond])),
    minBilledSeconds: fallback.minBilledSeconds,
  };
  return { versions: [only], defaultVersion: only.id };
}

/** The draft's version when this provider serves it, else the provider's default. */
export function chosenVersion(
  provider: ProviderVersions | undefined,
  choice: ModelVersionId | null,
): ModelProfile | undefined {
  if (!provider) return undefined;
  const { versions, defaultVersion } = provider;
  return (
    versions.find((v) => v.id === choice) ?? versions.find((v) => v.id === defaultVersion) ?? versions[0]
  );
}

/**
 * The draft's tier when the version offers it, else the version's default: a tier is a preference the
 * draft keeps (back on a version that offers it, it is chosen again), never a reason to refuse.
 */
export function chosenResolution(version: ModelProfile | undefined, choice: Resolution | null): Resolution {
  if (!version) return choice ?? "720p";
  return choice && version.resolutions.includes(choice) ? choice : version.defaultResolution;
}

/**
 * The tier "Draft at 360p" renders at: the cheapest the version offers (the lowest, where they cost the
 * same), only where the version offers 360p among other tiers; null elsewhere.
 */
export function draftResolution(version: ModelProfile | undefined): Resolution | null {
  if (!version || version.resolutions.length < 2 || !version.resolutions.includes(DRAFT_RESOLUTION))
    return null;
  const price = (r: Resolution) => version.usdPerSecond[r] ?? Number.POSITIVE_INFINITY;
  return [...version.resolutions].sort((a, b) => price(a) - price(b))[0]!;
}

/**
 * What the request names: the version where the provider serves more than one, the tier where the
 * version offers more than one. A provider with one version and one tier sends what it always sent.
 */
export function versionFields(
  provider: ProviderVersions | undefined,
  version: ModelProfile | undefined,
  resolution: Resolution,
): { model?: ModelVersionId; resolution?: Resolution } {
  if (!provider || !version) return {};
  return {
    ...(provider.versions.length > 1 ? { model: version.id } : {}),
    ...(version.resolutions.length > 1 ? { resolution } : {}),
  };
}

/**
 * One clip's price at the chosen tier, by the rule the server stores it with (lib/generations/cost.ts
 * clipEstimateUsd: the provider's configured rate for fal's first version and AtlasCloud).
 */
export function versionCost(
  version: ModelProfile,
  resolution: Resolution,
  duration: number,
  configured?: Pricing,
): number {
  return clipEstimateUsd(version, resolution, duration, configured);
}

/** "$0.13", "$0.135", "$0.0273": a price per second with every digit it has (two at least). */
export function perSecondPrice(usd: number): string {
  const [whole, fraction = ""] = usd.toFixed(4).split(".");
  return `$${whole}.${fraction.replace(/0+$/, "").padEnd(2, "0")}`;
}

/**
 * The lowest price per second across some versions' tiers, for a picker's label: "$0.13/s" where there
 * is one price, "from $0.0273/s" where there are several, "free" where all are free.
 */
export function priceFrom(versions: readonly ModelProfile[]): string {
  const prices = versions.flatMap((v) => v.resolutions.map((r) => v.usdPerSecond[r] ?? 0));
  if (prices.length === 0 || Math.max(...prices) === 0) return "free";
  const low = Math.min(...prices);
  return `${new Set(prices).size > 1 ? "from " : ""}${perSecondPrice(low)}/s`;
}

/** How many images the tray holds, and how a refusal names it. */
export interface ImageLimit {
  max: number;
  /** The version's name, where the provider serves more than one ("Omni Flash 1.0"). */
  version?: string;
  /** The provider's version that takes the most, where it takes more than this one. */
  more?: { label: string; max: number };
}

/** The chosen version's image limit (5 while the server has not said what it serves). */
export function imageLimit(
  provider: ProviderVersions | undefined,
  version: ModelProfile | undefined,
): ImageLimit {
  if (!provider || !version) return { max: MAX_REFERENCES };
  if (provider.versions.length < 2) return { max: version.images.max };
  const widest = provider.versions.reduce((a, b) => (b.images.max > a.images.max ? b : a));
  return {
    max: version.images.max,
    version: version.label,
    ...(widest.images.max > version.images.max
      ? { more: { label: widest.label, max: widest.images.max } }
      : {}),
  };
}

/** The provider's newest version that takes reference videos (the last listed: oldest first), if any. */
export function newestWithVideos(provider: ProviderVersions | undefined): ModelProfile | undefined {
  return provider?.versions.filter((v) => v.videos).at(-1);
}

/** What the chosen version takes in videos, for the tray's checks and messages. */
export function videoLimit(
  provider: ProviderVersions | undefined,
  version: ModelProfile | undefined,
): VideoLimit {
  if (!version) return { version: "This version", videos: null };
  const alternative = version.videos ? undefined : newestWithVideos(provider);
  return {
    version: version.label,
    videos: version.videos,
    ...(alternative?.videos
      ? {
          alternative: {
            label: alternative.label,
            max: alternative.videos.max,
            maxSeconds: alternative.videos.maxSeconds,
          },
        }
      : {}),
  };
}
