// Which moments of a clip are looked at for faces. Pure.

/** At least one sample per second: the middle of each second, and the last frame's neighbourhood. */
export function baseTimes(durationSec: number, perSecond = 1): number[] {
  if (!(durationSec > 0)) return [];
  const step = 1 / perSecond;
  const times: number[] = [];
  for (let t = step / 2; t < durationSec; t += step) times.push(round2(t));
  return times;
}

/** A face found in a sample: where it is (as fractions of the frame) and how far it is from the reference. */
export interface SampledFace {
  t: number;
  /** Centre and width of the nearest face as fractions of the frame; null when no face was found. */
  box: { cx: number; cy: number; w: number } | null;
  d: number | null;
}

/** How much the face may move or change between two samples before the gap is looked at again. */
export const MOVEMENT = { centre: 0.12, width: 0.3, distance: 0.12 } as const;

/**
 * More samples where faces move: between two neighbouring samples whose face jumped (moved across the
 * frame, grew or shrank a lot, changed distance, or appeared/vanished), the midpoint is sampled too.
 * Returns the new times only, at most `budget` of them, the biggest changes first.
 */
export function refineTimes(samples: SampledFace[], budget: number): number[] {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const gaps: { t: number; change: number }[] = [];
  for (const [i, b] of sorted.entries()) {
    const a = sorted[i - 1];
    if (!a || b.t - a.t < 0.2) continue;
    const change = movement(a, b);
    if (change > 0) gaps.push({ t: round2((a.t + b.t) / 2), change });
  }
  return gaps
    .sort((x, y) => y.change - x.change)
    .slice(0, Math.max(0, budget))
    .map((g) => g.t)
    .sort((x, y) => x - y);
}

/** 0 when the face held still; otherwise how much past the thresholds it changed (appearing counts 1). */
function movement(a: SampledFace, b: SampledFace): number {
  if ((a.box === null) !== (b.box === null)) return 1;
  if (!a.box || !b.box) return 0;
  const centre = Math.hypot(a.box.cx - b.box.cx, a.box.cy - b.box.cy) / MOVEMENT.centre;
  const width = Math.abs(Math.log(a.box.w / b.box.w)) / MOVEMENT.width;
  const distance = a.d !== null && b.d !== null ? Math.abs(a.d - b.d) / MOVEMENT.distance : 0;
  const worst = Math.max(centre, width, distance);
  return worst > 1 ? worst : 0;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
