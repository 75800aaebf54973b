import type { ShotContent } from "@/lib/sequences/schema";
import { chosenProvider, type ProviderOption } from "./providers";
import { chosenResolution, chosenVersion, versionCost } from "./versions";

// What a storyboard batch costs before it is sent, by the rules the composer's cost line prices a click
// with (components/studio/cost-line.tsx versionEstimate: the version's tier price, the configured rate
// for fal's first version and AtlasCloud, the preview engine free). Browser-safe and pure.

/** One shot's takes at its provider, version and tier; 0 on the preview engine. */
export function shotCostUsd(
  providers: readonly ProviderOption[],
  defaultProvider: ProviderOption["id"] | undefined,
  content: ShotContent,
  takes: number,
): number {
  const provider = chosenProvider(providers, content.provider ?? null, defaultProvider);
  if (!provider || provider.isPreview || content.duration === undefined) return 0;
  const version = chosenVersion(provider, content.model ?? null);
  if (!version) return 0;
  const resolution = chosenResolution(version, content.resolution ?? null);
  return versionCost(version, resolution, content.duration, provider.pricing) * takes;
}

/** The whole batch: every shot's takes, rounded as the cost line rounds. */
export function batchCostUsd(
  providers: readonly ProviderOption[],
  defaultProvider: ProviderOption["id"] | undefined,
  shots: readonly { content: ShotContent }[],
  takes: number,
): number {
  const sum = shots.reduce((t, s) => t + shotCostUsd(providers, defaultProvider, s.content, takes), 0);
  return Math.round(sum * 10_000) / 10_000;
}
