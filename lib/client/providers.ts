import { DEFAULT_PRICING, type Pricing } from "@/lib/generations/cost";
import {
  DEFAULT_DURATION,
  MAX_SEED,
  PROVIDER_IDS,
  type ProviderId,
  type ThinkingLevel,
} from "@/lib/generations/limits";
import { providerLabel } from "./provider-label";
import { type ProviderVersions, readVersions } from "./versions";

// The providers a person can pick in the composer, as /api/health describes them, and the per-provider
// controls (seed, thinking level) the draft may send. Browser-safe and pure. Each carries the model
// versions it serves (./versions.ts).

export interface ProviderOption extends ProviderVersions {
  id: ProviderId;
  label: string;
  modelId: string;
  isPreview: boolean;
  pricing: Pricing;
  capabilities: {
    durations: { min: number; max: number; default: number };
    seed: boolean;
    thinkingLevels: readonly ThinkingLevel[];
  };
}

export { providerLabel } from "./provider-label";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** One provider entry of /api/health, checked; null when it is not one we know how to show. */
export function toProviderOption(raw: unknown): ProviderOption | null {
  if (!isRecord(raw) || !PROVIDER_IDS.includes(raw.id as ProviderId)) return null;
  const id = raw.id as ProviderId;
  const caps = isRecord(raw.capabilities) ? raw.capabilities : {};
  const durations = isRecord(caps.durations) ? caps.durations : {};
  const pricing = isRecord(raw.pricing) ? raw.pricing : {};
  const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
  const usdPerSecond = num(pricing.usdPerSecond, DEFAULT_PRICING[id].usdPerSecond);
  const minBilledSeconds = num(pricing.minBilledSeconds, DEFAULT_PRICING[id].minBilledSeconds);
  const durationRange = {
    min: num(durations.min, 3),
    max: num(durations.max, 10),
    default: num(durations.default, DEFAULT_DURATION),
  };
  return {
    id,
    // The preview engine's short name keeps the picker on one line on a phone.
    label: id !== "preview" && typeof raw.label === "string" && raw.label ? raw.label : providerLabel(id),
    modelId: typeof raw.modelId === "string" ? raw.modelId : "",
    isPreview: id === "preview",
    pricing: { usdPerSecond, minBilledSeconds },
    ...readVersions(raw, id, { usdPerSecond, minBilledSeconds, durations: durationRange }),
    capabilities: {
      durations: durationRange,
      seed: caps.seed === true,
      thinkingLevels: Array.isArray(caps.thinkingLevels)
        ? (caps.thinkingLevels.filter((l) => ["default", "high", "low"].includes(l)) as ThinkingLevel[])
        : [],
    },
  };
}

/** The configured providers from /api/health (`providers`, falling back to the default `provider`). */
export function providerOptions(health: { provider?: unknown; providers?: unknown } | undefined) {
  const list = Array.isArray(health?.providers)
    ? health.providers
    : health?.provider
      ? [health.provider]
      : [];
  return list.map(toProviderOption).filter((p): p is ProviderOption => p !== null);
}

/** The draft's choice when the server still offers it, else the server's default. */
export function chosenProvider(
  options: readonly ProviderOption[],
  choice: ProviderId | null,
  defaultId: ProviderId | undefined,
): ProviderOption | undefined {
  return (
    options.find((p) => p.id === choice) ?? options.find((p) => p.id === defaultId) ?? options[0] ?? undefined
  );
}

export type SeedCheck = { ok: true; seed: number | undefined } | { ok: false; message: string };

/** The seed field's text: empty (or -1) means random; otherwise a whole number 0..MAX_SEED. */
export function parseSeed(text: string): SeedCheck {
  const t = text.trim();
  if (t === "" || t === "-1") return { ok: true, seed: undefined };
  if (!/^\d+$/.test(t))
    return { ok: false, message: `Seed must be a whole number from 0 to ${MAX_SEED}, or empty for random` };
  const seed = Number(t);
  if (seed > MAX_SEED) return { ok: false, message: `Seed must be at most ${MAX_SEED}` };
  return { ok: true, seed };
}

/** A fresh seed for the "random" button. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * (MAX_SEED + 1));
}

/**
 * The provider fields a generate request carries: only what the chosen provider accepts, so a seed typed
 * for AtlasCloud is never sent to fal. An invalid seed is left out here; the validation blocks Generate.
 */
export function providerFields(
  provider: ProviderOption | undefined,
  controls: { seedText: string; thinkingLevel: ThinkingLevel },
): { provider?: ProviderId; seed?: number; thinkingLevel?: ThinkingLevel } {
  if (!provider) return {};
  const out: { provider?: ProviderId; seed?: number; thinkingLevel?: ThinkingLevel } = {
    provider: provider.id,
  };
  if (provider.capabilities.seed) {
    const seed = parseSeed(controls.seedText);
    if (seed.ok && seed.seed !== undefined) out.seed = seed.seed;
  }
  if (provider.capabilities.thinkingLevels.includes(controls.thinkingLevel))
    out.thinkingLevel = controls.thinkingLevel;
  return out;
}
