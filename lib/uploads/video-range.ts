// Reference videos' limits and the range to keep of a longer one. Plain values and functions, no server
// modules: the tray's scrubber (browser) and the server's ingest (lib/uploads/ingest-video.ts) read the
// same rules.
import { MODEL_PROFILES, type ModelProfile } from "@/lib/models/profiles";

export interface VideoLimits {
  /** Longest reference video kept, in seconds. */
  maxSeconds: number;
  /** Largest file accepted, in bytes (a longer source included: it is trimmed after upload). */
  maxBytes: number;
}

/** The formats accepted, as people name them. */
export const VIDEO_FORMATS_TEXT = "an MP4, MOV or WebM video";

/** A kept part shorter than this shows no motion worth referencing. */
export const MIN_VIDEO_SECONDS = 0.5;

/**
 * Containers round a length up (an AAC track's last frame, a timescale): a video cut to exactly 3 s
 * often probes at 3.02 s. Within this much over the limit, it is taken as the limit.
 */
export const DURATION_SLACK_SEC = 0.1;

const withVideos = MODEL_PROFILES.filter((p) => p.videos !== null);

/**
 * The limits of a version that takes videos, or, for an upload made before a version is chosen, the
 * widest of all (the version's own are checked again when a clip names it: lib/generations/reference-videos.ts).
 */
export function videoLimitsFor(profile?: ModelProfile): VideoLimits {
  if (profile?.videos) return { maxSeconds: profile.videos.maxSeconds, maxBytes: profile.videos.maxBytes };
  return {
    maxSeconds: Math.max(...withVideos.map((p) => p.videos!.maxSeconds)),
    maxBytes: Math.max(...withVideos.map((p) => p.videos!.maxBytes)),
  };
}

export interface TimeRange {
  startSec: number;
  endSec: number;
}

/** What a caller asked to keep; either bound may be missing (then it is refused, or the whole is kept). */
export interface RangeRequest {
  startSec?: number;
  endSec?: number;
}

export type RangePlan =
  | { ok: true; keep: "whole" }
  | { ok: true; keep: "range"; range: TimeRange }
  | { ok: false; code: string; field: "startSec" | "endSec"; message: string };

const s = (sec: number) => `${Number(sec.toFixed(2))} s`;

/**
 * What to keep of a video `durationSec` long: the whole (it fits and no range was asked), or the range
 * asked, or a refusal naming the field, what is wrong and what is allowed. `name` starts the messages.
 */
export function planRange(
  name: string,
  durationSec: number,
  asked: RangeRequest,
  limits: Pick<VideoLimits, "maxSeconds">,
): RangePlan {
  const max = limits.maxSeconds;
  const { startSec, endSec } = asked;
  if (startSec === undefined && endSec === undefined) {
    if (durationSec <= max + DURATION_SLACK_SEC) return { ok: true, keep: "whole" };
    return {
      ok: false,
      code: "video_too_long",
      field: "startSec",
      message: `${name} is ${s(durationSec)} long; reference videos can be at most ${s(max)}. Give the range to keep: startSec and endSec, at most ${s(max)} apart.`,
    };
  }
  if (startSec === undefined || endSec === undefined) {
    const missing = startSec === undefined ? "startSec" : "endSec";
    return {
      ok: false,
      code: "invalid_range",
      field: missing,
      message: `${missing} is missing: give both startSec and endSec (seconds from the start of ${name}), at most ${s(max)} apart.`,
    };
  }
  for (const [field, value] of [
    ["startSec", startSec],
    ["endSec", endSec],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) {
      return {
        ok: false,
        code: "invalid_range",
        field,
        message: `${field} must be a number of seconds from 0 to ${s(durationSec)} (the length of ${name}).`,
      };
    }
  }
  if (startSec >= durationSec) {
    return {
      ok: false,
      code: "invalid_range",
      field: "startSec",
      message: `startSec (${s(startSec)}) is past the end of ${name}, which is ${s(durationSec)} long.`,
    };
  }
  if (endSec <= startSec) {
    return {
      ok: false,
      code: "invalid_range",
      field: "endSec",
      message: `endSec (${s(endSec)}) must come after startSec (${s(startSec)}).`,
    };
  }
  if (endSec > durationSec + DURATION_SLACK_SEC) {
    return {
      ok: false,
      code: "invalid_range",
      field: "endSec",
      message: `endSec (${s(endSec)}) is past the end of ${name}, which is ${s(durationSec)} long.`,
    };
  }
  const end = Math.min(endSec, durationSec);
  // A thousandth of a second of slack: a scrubber's 3 s range may arrive as 2.9999999 + 3.0000001.
  if (end - startSec > max + 0.001) {
    return {
      ok: false,
      code: "range_too_long",
      field: "endSec",
      message: `The range ${s(startSec)} to ${s(end)} is ${s(end - startSec)} long; reference videos can be at most ${s(max)}.`,
    };
  }
  if (end - startSec < MIN_VIDEO_SECONDS) {
    return {
      ok: false,
      code: "range_too_short",
      field: "endSec",
      message: `The range ${s(startSec)} to ${s(end)} is ${s(end - startSec)} long; keep at least ${s(MIN_VIDEO_SECONDS)}.`,
    };
  }
  return { ok: true, keep: "range", range: { startSec, endSec: end } };
}

/** The identity of a cut: the same source bytes and range give the same asset (Asset.trimOf). */
export function trimKey(sourceSha256: string, range: TimeRange): string {
  return `${sourceSha256}@${Math.round(range.startSec * 1000)}-${Math.round(range.endSec * 1000)}`;
}
