// Which tiers a draft can be made final at, and what each costs: the clip page's Make final dialog and
// the server's makeFinal (lib/generations/rerun.ts) read the same rule. Browser-safe: plain functions.
import {
  isResolution,
  LEGACY_RESOLUTION,
  profileOfClip,
  RESOLUTIONS,
  type Resolution,
} from "@/lib/models/profiles";
import { clipEstimateUsd } from "./cost";
import type { ProviderId } from "./limits";

interface TieredClip {
  provider: string;
  modelVersion: string | null;
  resolution: string | null;
}

/** The tier a clip was made at (clips from before tiers were 720p). */
export function ownTier(clip: Pick<TieredClip, "resolution">): Resolution {
  return isResolution(clip.resolution) ? clip.resolution : LEGACY_RESOLUTION;
}

/** The tiers a clip can be made final at: those of its version above its own. */
export function finalTiers(clip: TieredClip): Resolution[] {
  const profile = profileOfClip({ provider: clip.provider as ProviderId, modelVersion: clip.modelVersion });
  const own = ownTier(clip);
  return profile.resolutions.filter((r) => RESOLUTIONS.indexOf(r) > RESOLUTIONS.indexOf(own));
}

export interface FinalOffer {
  resolution: Resolution;
  /** What the final costs: the clip's length at the tier's price (the estimate stored on the new clip). */
  usd: number;
  usdPerSecond: number;
}

/** Each tier a finished clip can be made final at, with its price for the clip's length. */
export function finalOffers(clip: TieredClip & { duration: number }): FinalOffer[] {
  const profile = profileOfClip({ provider: clip.provider as ProviderId, modelVersion: clip.modelVersion });
  return finalTiers(clip).map((resolution) => ({
    resolution,
    usd: clipEstimateUsd(profile, resolution, clip.duration),
    usdPerSecond: profile.usdPerSecond[resolution] ?? 0,
  }));
}
