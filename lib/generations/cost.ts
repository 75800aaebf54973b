import type { ProviderId } from "@/lib/providers/types";

/** fal bills by tokens; about $0.13 per second of 720p output (provider-api.md). */
export const FAL_USD_PER_SECOND = 0.13;

export function estimateCostUsd(provider: ProviderId, duration: number): number {
  if (provider === "preview") return 0;
  return roundUsd(duration * FAL_USD_PER_SECOND);
}

export function roundUsd(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export function formatUsd(n: number): string {
  if (n === 0) return "free";
  return `$${n.toFixed(n < 1 ? 3 : 2).replace(/0$/, "")}`;
}
