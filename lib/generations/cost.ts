import { clipCostUsd, type ModelProfile, type Resolution } from "@/lib/models/profiles";
import type { ProviderId } from "@/lib/providers/types";

/** How a provider bills one clip: per second of output, with a minimum billed length. */
export interface Pricing {
  usdPerSecond: number;
  minBilledSeconds: number;
}

/** fal bills by tokens; about $0.13 per second of 720p output (provider-api.md). */
export const FAL_USD_PER_SECOND = 0.13;

/** Defaults; the server's configured prices come with each provider from /api/health. */
export const DEFAULT_PRICING: Record<ProviderId, Pricing> = {
  fal: { usdPerSecond: FAL_USD_PER_SECOND, minBilledSeconds: 0 },
  // AtlasCloud's model page: a flat $0.135 per second with a 3-second minimum.
  atlas: { usdPerSecond: 0.135, minBilledSeconds: 3 },
  preview: { usdPerSecond: 0, minBilledSeconds: 0 },
};

export function costOf(pricing: Pricing, duration: number): number {
  return roundUsd(Math.max(pricing.minBilledSeconds, duration) * pricing.usdPerSecond);
}

export function estimateCostUsd(
  provider: ProviderId,
  duration: number,
  pricing = DEFAULT_PRICING[provider],
): number {
  return costOf(pricing, duration);
}

/** The versions an operator prices with one configured rate (FAL_USD_PER_SECOND, ATLASCLOUD_USD_PER_SECOND). */
const CONFIGURED_RATE_VERSIONS: readonly string[] = ["fal-v1", "atlas"];

/**
 * What one clip costs at its version and tier: the one rule the stored estimate (and with it the ledger,
 * today's spend and the spend caps, which sum stored estimates and costs) and the composer's estimate
 * share. fal's first version is billed by tokens at about one rate (FAL_USD_PER_SECOND) and AtlasCloud
 * by its configured rate; the newer versions by their profile's price per second at the tier.
 */
export function clipEstimateUsd(
  profile: ModelProfile,
  resolution: Resolution,
  duration: number,
  configured?: Pricing,
): number {
  if (configured && CONFIGURED_RATE_VERSIONS.includes(profile.id)) return costOf(configured, duration);
  return clipCostUsd(profile, resolution, duration);
}

export function roundUsd(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export function formatUsd(n: number): string {
  if (n === 0) return "free";
  return `$${n.toFixed(n < 1 ? 3 : 2).replace(/0$/, "")}`;
}
