// The model's versions as data (issue 16). A profile says what one endpoint takes (images, videos, their
// counts and limits), which durations, aspect ratios and resolutions it offers, the tags its prompt
// understands, how its request fields are spelled and what each second costs at each resolution. The
// composer, the draft lint, the payload view, the estimate, the schema check and the providers all read
// the chosen profile; nothing else in the studio knows a version's numbers.
//
// Sources: ../shared/reference/provider-api.md ("fal's newer versions of the model", checked 2026-12 on
// fal's own model pages, https://fal.ai/models/google/gemini-omni-flash/v1.1/reference-to-video/llms.txt
// and .../v1.2/...). Facts only third parties state, or that fal's pages leave open, are marked `[3P]` or
// "not confirmed" beside them: they are fields here so that one edit corrects them.
//
// Plain values, no validation library: browser modules import this.

import type { AspectRatio, ProviderId } from "@/lib/generations/limits";

export const RESOLUTIONS = ["360p", "720p", "1080p", "4k"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** How each tier is shown to people. */
export const RESOLUTION_LABELS: Record<Resolution, string> = {
  "360p": "360p",
  "720p": "720p",
  "1080p": "1080p",
  "4k": "4K",
};

export function isResolution(value: unknown): value is Resolution {
  return typeof value === "string" && (RESOLUTIONS as readonly string[]).includes(value);
}

/** Frame size of each tier for 16:9 (9:16 swaps them). */
export const RESOLUTION_SIZES: Record<Resolution, { width: number; height: number }> = {
  "360p": { width: 640, height: 360 },
  "720p": { width: 1280, height: 720 },
  "1080p": { width: 1920, height: 1080 },
  "4k": { width: 3840, height: 2160 },
};

/** The tier a clip made before tiers existed has: every version before v1.1 rendered 720p only. */
export const LEGACY_RESOLUTION: Resolution = "720p";
/** The tier "Draft" picks: the cheapest the version offers. */
export const DRAFT_RESOLUTION: Resolution = "360p";

export const MODEL_VERSION_IDS = ["fal-v1", "fal-v1.1", "fal-v1.2", "atlas", "preview"] as const;
export type ModelVersionId = (typeof MODEL_VERSION_IDS)[number];

export interface ModelProfile {
  id: ModelVersionId;
  provider: ProviderId;
  /** The provider's endpoint (fal) or model (AtlasCloud) id. */
  endpointId: string;
  /** Short, for pickers and badges: "Omni Flash 1.2". */
  label: string;
  /** One line on what it adds, for the version picker. */
  summary: string;
  images: { min: number; max: number };
  /** Reference videos, or null where the version takes none. */
  videos: {
    max: number;
    /** Longest reference video, in seconds. [3P] for fal's versions. */
    maxSeconds: number;
    /** Largest reference video file, in bytes (the studio's own limit: fal states none). */
    maxBytes: number;
  } | null;
  durations: { min: number; max: number; default: number };
  aspectRatios: readonly AspectRatio[];
  resolutions: readonly Resolution[];
  defaultResolution: Resolution;
  /** The tags its prompt understands (`<IMAGE_REF_n>`, `<VIDEO_REF_n>`), numbered from 0 per kind. */
  tags: readonly ("IMAGE_REF" | "VIDEO_REF")[];
  /** How the request spells what is not common to every version. */
  request: {
    /** The images' field. */
    images: string;
    /** The videos' field, where it takes videos. */
    videos?: string;
    /** The resolution's field and each tier's value, where it takes a resolution. */
    resolution?: { field: string; values: Partial<Record<Resolution, string>> };
  };
  /** US dollars per second of output, per tier; references are not billed. */
  usdPerSecond: Partial<Record<Resolution, number>>;
  /** The shortest length billed (AtlasCloud bills 3 s at least). */
  minBilledSeconds: number;
  /** Where the prices and limits come from, and when they were read. */
  source: string;
  /** What is not confirmed by the provider's own pages. */
  unconfirmed: readonly string[];
  seed: boolean;
  thinkingLevels: readonly ("default" | "high" | "low")[];
}

const BOTH_RATIOS = ["16:9", "9:16"] as const satisfies readonly AspectRatio[];
/** fal states no size limit for reference videos; 100 MB keeps uploads sane. */
const VIDEO_MAX_BYTES = 100 * 1024 * 1024;
/** The newer versions' reference videos: up to three of at most 3 s each [3P for the length]. */
const THREE_SHORT_VIDEOS: ModelProfile["videos"] = { max: 3, maxSeconds: 3, maxBytes: VIDEO_MAX_BYTES };

/** How fal's versions with tiers and videos spell them (v1.2's names follow v1.1's: not confirmed). */
const FAL_TIERED_REQUEST: ModelProfile["request"] = {
  images: "image_urls",
  videos: "reference_video_urls",
  resolution: {
    field: "resolution",
    values: { "360p": "360p", "720p": "720p", "1080p": "1080p", "4k": "4k" },
  },
};

export const MODEL_PROFILES: readonly ModelProfile[] = [
  {
    id: "fal-v1",
    provider: "fal",
    endpointId: "google/gemini-omni-flash/reference-to-video",
    label: "Omni Flash 1.0",
    summary: "1 to 5 images, 3 to 10 s, 720p",
    images: { min: 1, max: 5 },
    videos: null,
    durations: { min: 3, max: 10, default: 8 },
    aspectRatios: BOTH_RATIOS,
    resolutions: ["720p"],
    defaultResolution: "720p",
    tags: ["IMAGE_REF"],
    request: { images: "image_urls" },
    // Billed by tokens: about $0.13 a second of 720p output (FAL_USD_PER_SECOND overrides it).
    usdPerSecond: { "720p": 0.13 },
    minBilledSeconds: 0,
    source: "fal model page (tokens: $1.875/M in, $21.875/M out, about $0.13/s), read 2026-12",
    unconfirmed: ["the maximum of 5 images is AtlasCloud's; fal states none"],
    seed: false,
    thinkingLevels: [],
  },
  {
    id: "fal-v1.1",
    provider: "fal",
    endpointId: "google/gemini-omni-flash/v1.1/reference-to-video",
    label: "Omni Flash 1.1",
    summary: "reference videos, 360p to 4K",
    // fal states no maximum; third parties say 7 or 10.
    images: { min: 0, max: 7 },
    videos: THREE_SHORT_VIDEOS,
    durations: { min: 3, max: 10, default: 8 },
    aspectRatios: BOTH_RATIOS,
    resolutions: RESOLUTIONS,
    defaultResolution: "720p",
    tags: ["IMAGE_REF", "VIDEO_REF"],
    request: FAL_TIERED_REQUEST,
    usdPerSecond: { "360p": 0.03, "720p": 0.1, "1080p": 0.15, "4k": 0.3 },
    minBilledSeconds: 0,
    source: "fal.ai/models/google/gemini-omni-flash/v1.1/reference-to-video, read 2026-12",
    unconfirmed: [
      "at most 7 images [3P: 7 or 10]",
      "at most 3 videos of at most 3 s each, their audio ignored [3P]",
    ],
    seed: false,
    thinkingLevels: [],
  },
  {
    id: "fal-v1.2",
    provider: "fal",
    endpointId: "google/gemini-omni-flash/v1.2/reference-to-video",
    label: "Omni Flash 1.2",
    summary: "up to 10 images and 3 videos, 3 to 15 s, 360p to 4K",
    images: { min: 0, max: 10 },
    videos: THREE_SHORT_VIDEOS,
    durations: { min: 3, max: 15, default: 8 },
    aspectRatios: BOTH_RATIOS,
    resolutions: RESOLUTIONS,
    defaultResolution: "720p",
    tags: ["IMAGE_REF", "VIDEO_REF"],
    request: FAL_TIERED_REQUEST,
    usdPerSecond: { "360p": 0.0273, "720p": 0.0819, "1080p": 0.1229, "4k": 0.2457 },
    minBilledSeconds: 0,
    source: "fal.ai/models/google/gemini-omni-flash/v1.2/reference-to-video, read 2026-12",
    unconfirmed: [
      "field names image_urls and reference_video_urls (fal's page: likely)",
      "resolution spelled as v1.1 (lower-case 4k)",
      "default duration 8 s",
      "videos of at most 3 s each [3P]",
    ],
    seed: false,
    thinkingLevels: [],
  },
  {
    id: "atlas",
    provider: "atlas",
    endpointId: "google/gemini-omni-flash/reference-to-video",
    label: "Omni Flash (AtlasCloud)",
    summary: "1 to 5 images, 3 to 10 s, 720p, seed and thinking level",
    images: { min: 1, max: 5 },
    videos: null,
    durations: { min: 3, max: 10, default: 10 },
    aspectRatios: BOTH_RATIOS,
    resolutions: ["720p"],
    defaultResolution: "720p",
    tags: ["IMAGE_REF"],
    request: { images: "images" },
    usdPerSecond: { "720p": 0.135 },
    minBilledSeconds: 3,
    source: "AtlasCloud model page: $0.135/s, 3 s minimum, read 2026-11",
    unconfirmed: [],
    seed: true,
    thinkingLevels: ["default", "high", "low"],
  },
  {
    id: "preview",
    provider: "preview",
    endpointId: "omni-studio/preview-engine",
    label: "Preview engine",
    summary: "free, offline: every input the newest version takes",
    images: { min: 0, max: 10 },
    videos: THREE_SHORT_VIDEOS,
    durations: { min: 3, max: 15, default: 8 },
    aspectRatios: BOTH_RATIOS,
    resolutions: RESOLUTIONS,
    defaultResolution: "720p",
    tags: ["IMAGE_REF", "VIDEO_REF"],
    request: { images: "references" },
    usdPerSecond: { "360p": 0, "720p": 0, "1080p": 0, "4k": 0 },
    minBilledSeconds: 0,
    source: "the studio's own offline engine",
    unconfirmed: [],
    seed: false,
    thinkingLevels: [],
  },
];

const byId = new Map(MODEL_PROFILES.map((p) => [p.id, p]));

export function isModelVersionId(id: unknown): id is ModelVersionId {
  return typeof id === "string" && byId.has(id as ModelVersionId);
}

export function profileById(id: ModelVersionId): ModelProfile {
  const found = byId.get(id);
  if (!found) throw new Error(`no model profile ${id}`);
  return found;
}

/** The versions a provider serves, oldest first. */
export function profilesOf(provider: ProviderId): ModelProfile[] {
  return MODEL_PROFILES.filter((p) => p.provider === provider);
}

/** The fal profile of an endpoint id (FAL_MODEL_ID), or undefined for one the studio does not know. */
export function falProfileOf(endpointId: string): ModelProfile | undefined {
  return MODEL_PROFILES.find((p) => p.provider === "fal" && p.endpointId === endpointId);
}

/** The profile a clip was made with: its stored version, or, for clips made before versions, its provider's first. */
export function profileOfClip(clip: { provider: ProviderId; modelVersion?: string | null }): ModelProfile {
  if (isModelVersionId(clip.modelVersion)) return profileById(clip.modelVersion);
  const [first] = profilesOf(clip.provider);
  if (!first) throw new Error(`no model profile for provider ${clip.provider}`);
  return first;
}

/** Dollars per second at a tier, or undefined when the version does not offer it. */
export function usdPerSecondAt(profile: ModelProfile, resolution: Resolution): number | undefined {
  return profile.usdPerSecond[resolution];
}

/** What a clip costs: its billed seconds at its tier's price, rounded to a hundredth of a cent. */
export function clipCostUsd(profile: ModelProfile, resolution: Resolution, duration: number): number {
  const perSecond = profile.usdPerSecond[resolution] ?? 0;
  return Math.round(Math.max(profile.minBilledSeconds, duration) * perSecond * 10_000) / 10_000;
}

/** The widest limits across every version: what a request may ask before its version is known. */
export const WIDEST = {
  images: Math.max(...MODEL_PROFILES.map((p) => p.images.max)),
  videos: Math.max(...MODEL_PROFILES.map((p) => p.videos?.max ?? 0)),
  minDuration: Math.min(...MODEL_PROFILES.map((p) => p.durations.min)),
  maxDuration: Math.max(...MODEL_PROFILES.map((p) => p.durations.max)),
} as const;

export interface ProfileIssue {
  /** The request field at fault. */
  path: string;
  /** Names the limit and what is allowed. */
  message: string;
}

/**
 * What a request asks that its version cannot do, each with the field and the version's limit. The
 * browser runs it as the draft changes; the server refuses a request that has any, before a provider
 * is asked (so the provider's own 422 is never what a person reads).
 */
export function profileIssues(
  profile: ModelProfile,
  input: { images: number; videos?: number; duration: number; aspectRatio: string; resolution?: Resolution },
): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  const { images, durations } = profile;
  const name = profile.label;
  if (input.images < images.min) {
    issues.push({
      path: "referenceIds",
      message: `${name} needs at least ${images.min} reference image${images.min === 1 ? "" : "s"}`,
    });
  }
  if (input.images > images.max) {
    issues.push({
      path: "referenceIds",
      message: `${name} takes at most ${images.max} reference images (this has ${input.images})`,
    });
  }
  const videos = input.videos ?? 0;
  if (videos > 0 && !profile.videos) {
    issues.push({
      path: "referenceVideoIds",
      message: `${name} takes no reference videos: pick Omni Flash 1.1 or newer, or remove the videos`,
    });
  } else if (profile.videos && videos > profile.videos.max) {
    issues.push({
      path: "referenceVideoIds",
      message: `${name} takes at most ${profile.videos.max} reference videos (this has ${videos})`,
    });
  }
  if (input.images === 0 && videos === 0) {
    issues.push({ path: "referenceIds", message: "add at least one reference image or video" });
  }
  if (input.duration < durations.min || input.duration > durations.max) {
    issues.push({
      path: "duration",
      message: `${name} makes clips of ${durations.min} to ${durations.max} seconds (asked: ${input.duration})`,
    });
  }
  if (!(profile.aspectRatios as readonly string[]).includes(input.aspectRatio)) {
    issues.push({
      path: "aspectRatio",
      message: `${name} offers ${profile.aspectRatios.join(" or ")} (asked: ${input.aspectRatio})`,
    });
  }
  if (input.resolution && !profile.resolutions.includes(input.resolution)) {
    issues.push({
      path: "resolution",
      message: `${name} renders ${profile.resolutions.map((r) => RESOLUTION_LABELS[r]).join(", ")} (asked: ${RESOLUTION_LABELS[input.resolution]})`,
    });
  }
  return issues;
}
