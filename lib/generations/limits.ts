// The generation request's limits and vocabularies: plain values, no validation library, so the many
// browser modules that need a limit or a status do not bring zod to the studio's first load. The
// schema that enforces them is ./schema.ts.

export const ASPECT_RATIOS = ["16:9", "9:16"] as const;
export const PROVIDER_IDS = ["fal", "atlas", "preview"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
export const THINKING_LEVELS = ["default", "high", "low"] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];
export const MAX_SEED = 2_147_483_647;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
// The first version's limits: what the browser assumes until /api/health has said which versions the
// providers serve, and what a character holds. Each version's own are in lib/models/profiles.ts.
export const MIN_DURATION = 3;
export const MAX_DURATION = 10;
export const DEFAULT_DURATION = 8;
export const MIN_REFERENCES = 1;
export const MAX_REFERENCES = 5;
export const MAX_PROMPT_CHARS = 20_000;
export const MAX_TAKES = 4;
export const MAX_LABEL_CHARS = 40;

export const GENERATION_STATUSES = [
  "queued",
  "submitted",
  "running",
  "saving",
  "completed",
  "failed",
  "canceled",
] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

/** A name shown as text: no control or bidi-override characters, single spaces, trimmed. */
export function cleanLabel(name: string): string {
  return (
    name
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}
