import type { ProviderId } from "@/lib/generations/limits";

// What a person knows each provider by. On its own, with nothing else: the header (on every page, the
// error page too) names the provider, and must not bring the model versions' data with it.

const LABELS: Record<ProviderId, string> = { fal: "fal.ai", atlas: "AtlasCloud", preview: "Preview" };

/** "fal.ai", "AtlasCloud", "Preview". */
export function providerLabel(id: ProviderId): string {
  return LABELS[id] ?? id;
}
