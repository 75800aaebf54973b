// Parses the `<IMAGE_REF_n>` tags that bind reference images (0-based, in order) to roles in a prompt,
// and the `<VIDEO_REF_n>` tags that bind reference videos (numbered from 0 on their own, in the order of
// referenceVideoIds). Browser-safe: shared by the composer and the server.

export interface ImageTag {
  /** 0-based reference index. */
  index: number;
  start: number;
  end: number;
  raw: string;
}

export interface MalformedTag {
  start: number;
  end: number;
  raw: string;
}

const TAG = /<IMAGE_REF_(\d{1,3})>/g;
// Things that look like an attempt at a tag but are not one: wrong case, spaces, missing bracket or number.
const TAG_LIKE = /<\s*image[_\s-]*ref[_\s-]*[^>\s]{0,4}\s*>?|\bIMAGE_REF_\d+\b/gi;

export function parseImageTags(prompt: string): ImageTag[] {
  return [...prompt.matchAll(TAG)].map((m) => ({
    index: Number(m[1]),
    start: m.index,
    end: m.index + m[0].length,
    raw: m[0],
  }));
}

/** Tag-like text that the model would not read as a tag, e.g. `<image_ref_1>` or `<IMAGE_REF_1`. */
export function findMalformedTags(prompt: string): MalformedTag[] {
  const valid = parseImageTags(prompt);
  const insideValid = (start: number, end: number) => valid.some((t) => start >= t.start && end <= t.end);
  return [...prompt.matchAll(TAG_LIKE)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length, raw: m[0] }))
    .filter((m) => !insideValid(m.start, m.end));
}

export function imageTag(index: number): string {
  return `<IMAGE_REF_${index}>`;
}

/** Indexes used by the prompt that have no reference (0-based, sorted, unique). */
export function outOfRangeTags(prompt: string, referenceCount: number): number[] {
  return [...new Set(parseImageTags(prompt).map((t) => t.index))]
    .filter((i) => i >= referenceCount)
    .sort((a, b) => a - b);
}

/** Reference indexes no tag mentions. */
export function unusedReferences(prompt: string, referenceCount: number): number[] {
  const used = new Set(parseImageTags(prompt).map((t) => t.index));
  return Array.from({ length: referenceCount }, (_, i) => i).filter((i) => !used.has(i));
}

/**
 * Rewrites every tag through `map` (old index -> new index, or null to drop the tag). Used when references
 * are reordered or removed so each tag still points at the same image.
 */
export function remapImageTags(prompt: string, map: (index: number) => number | null): string {
  return prompt.replace(TAG, (_raw, n: string) => {
    const next = map(Number(n));
    return next === null ? "" : imageTag(next);
  });
}

// ---- Reference videos: the same rules for `<VIDEO_REF_n>` ----------------------------------------------

const VIDEO_TAG = /<VIDEO_REF_(\d{1,3})>/g;
const VIDEO_TAG_LIKE = /<\s*video[_\s-]*ref[_\s-]*[^>\s]{0,4}\s*>?|\bVIDEO_REF_\d+\b/gi;

export function parseVideoTags(prompt: string): ImageTag[] {
  return [...prompt.matchAll(VIDEO_TAG)].map((m) => ({
    index: Number(m[1]),
    start: m.index,
    end: m.index + m[0].length,
    raw: m[0],
  }));
}

export function videoTag(index: number): string {
  return `<VIDEO_REF_${index}>`;
}

/** Video-tag-like text that the model would not read as a tag, e.g. `<video_ref_0>` or `<VIDEO_REF_0`. */
export function findMalformedVideoTags(prompt: string): MalformedTag[] {
  const valid = parseVideoTags(prompt);
  const insideValid = (start: number, end: number) => valid.some((t) => start >= t.start && end <= t.end);
  return [...prompt.matchAll(VIDEO_TAG_LIKE)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length, raw: m[0] }))
    .filter((m) => !insideValid(m.start, m.end));
}

/** Video indexes used by the prompt that have no reference video (0-based, sorted, unique). */
export function outOfRangeVideoTags(prompt: string, videoCount: number): number[] {
  return [...new Set(parseVideoTags(prompt).map((t) => t.index))]
    .filter((i) => i >= videoCount)
    .sort((a, b) => a - b);
}

/** Reference videos no tag mentions. */
export function unusedVideoReferences(prompt: string, videoCount: number): number[] {
  const used = new Set(parseVideoTags(prompt).map((t) => t.index));
  return Array.from({ length: videoCount }, (_, i) => i).filter((i) => !used.has(i));
}

/** remapImageTags for `<VIDEO_REF_n>`: image tags are left as they are. */
export function remapVideoTags(prompt: string, map: (index: number) => number | null): string {
  return prompt.replace(VIDEO_TAG, (_raw, n: string) => {
    const next = map(Number(n));
    return next === null ? "" : videoTag(next);
  });
}

/**
 * Why some tags point at nothing, as one sentence (the schema's and the server's message), or null when
 * every tag of this kind has its reference.
 */
export function outOfRangeMessage(kind: "image" | "video", prompt: string, count: number): string | null {
  const bad = kind === "image" ? outOfRangeTags(prompt, count) : outOfRangeVideoTags(prompt, count);
  if (bad.length === 0) return null;
  const tag = kind === "image" ? imageTag : videoTag;
  const noun = kind === "image" ? "reference image" : "reference video";
  const which = `${bad.map(tag).join(", ")} ${bad.length === 1 ? "has" : "have"} no ${noun}`;
  if (count === 0) return `${which}: this request has no ${noun}s`;
  // The image wording is the one the studio always used ("with 2 references use ...").
  const counted =
    kind === "image" ? `reference${count === 1 ? "" : "s"}` : `${noun}${count === 1 ? "" : "s"}`;
  return `${which}: with ${count} ${counted} use ${tag(0)}${count > 1 ? ` to ${tag(count - 1)}` : ""}`;
}

// ---- Both kinds at once: what the composer's editor treats as atomic chips ------------------------------

export type RefKind = "image" | "video";

export interface RefTag extends ImageTag {
  kind: RefKind;
}

const ANY_TAG = /<(IMAGE|VIDEO)_REF_(\d{1,3})>/g;

/** Every `<IMAGE_REF_n>` and `<VIDEO_REF_n>` tag in prompt order, each with its kind. */
export function parseRefTags(prompt: string): RefTag[] {
  return [...prompt.matchAll(ANY_TAG)].map((m) => ({
    kind: m[1] === "VIDEO" ? ("video" as const) : ("image" as const),
    index: Number(m[2]),
    start: m.index,
    end: m.index + m[0].length,
    raw: m[0],
  }));
}

/** `<IMAGE_REF_n>` or `<VIDEO_REF_n>`. */
export function refTag(kind: RefKind, index: number): string {
  return kind === "video" ? videoTag(index) : imageTag(index);
}
