// The sequence player's timeline, pure: which shots play (those with a finished chosen take, in order),
// where each starts and ends on the sequence's clock, and which shot and moment a sequence time falls in.

export interface Segment {
  shotId: string;
  /** 0-based place in the sequence, and the name the player shows ("Shot 2 · Harbour"). */
  position: number;
  title: string;
  generationId: string;
  videoUrl: string;
  posterUrl: string | null;
  startSec: number;
  endSec: number;
}

export interface Timeline {
  segments: Segment[];
  totalSec: number;
  /** Shots left out: no chosen take, or one that is not a finished clip. */
  missing: { shotId: string; position: number; title: string }[];
}

export const shotName = (s: { position: number; title: string }) =>
  `Shot ${s.position + 1}${s.title ? ` · ${s.title}` : ""}`;

/** What the timeline reads of a shot: a member's ShotDTO and a guest's GuestShotDTO both are one. */
export interface TimelineShot {
  id: string;
  position: number;
  title: string;
  chosen: {
    id: string;
    status: string;
    videoUrl: string | null;
    posterUrl: string | null;
    videoDurationSec: number | null;
    duration: number;
  } | null;
}

export function timelineOf(sequence: { shots: readonly TimelineShot[] }): Timeline {
  const segments: Segment[] = [];
  const missing: Timeline["missing"] = [];
  let at = 0;
  for (const shot of sequence.shots) {
    const take = shot.chosen;
    if (take?.status !== "completed" || !take.videoUrl) {
      missing.push({ shotId: shot.id, position: shot.position, title: shot.title });
      continue;
    }
    const length = take.videoDurationSec ?? take.duration;
    segments.push({
      shotId: shot.id,
      position: shot.position,
      title: shot.title,
      generationId: take.id,
      videoUrl: take.videoUrl,
      posterUrl: take.posterUrl,
      startSec: at,
      endSec: at + length,
    });
    at += length;
  }
  return { segments, totalSec: at, missing };
}

/**
 * The segment a sequence time falls in and the moment inside its take. A time on a cut belongs to the
 * shot that starts there; times outside the sequence are clamped to its first or last moment.
 */
export function locate(timeline: Timeline, sec: number): { index: number; offsetSec: number } | null {
  const { segments } = timeline;
  if (segments.length === 0) return null;
  const t = Math.min(Math.max(sec, 0), timeline.totalSec);
  let index = segments.findIndex((s) => t < s.endSec);
  if (index < 0) index = segments.length - 1;
  const seg = segments[index]!;
  return { index, offsetSec: Math.min(t - seg.startSec, seg.endSec - seg.startSec) };
}

/** The sequence time of a moment inside a segment's take. */
export const sequenceTime = (timeline: Timeline, index: number, offsetSec: number) =>
  (timeline.segments[index]?.startSec ?? 0) + offsetSec;

/** m:ss.s for the player's clock. */
export function clock(sec: number): string {
  const tenths = Math.max(0, Math.round(sec * 10));
  const m = Math.floor(tenths / 600);
  const s = (tenths % 600) / 10;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
}
