// How far a clip's faces are from a reference face, as a 0-100 score. Pure: the numbers come from
// docs/identity.md (calibration on the face model's own sample photos), the measuring from face-engine.ts.

/** A face descriptor: 128 numbers from the face recognition net (face-api's ResNet-34). */
export type Descriptor = ArrayLike<number>;

/** Euclidean distance between two descriptors (0 = the same face; unrelated people sit around 0.7). */
export function faceDistance(a: Descriptor, b: Descriptor): number {
  if (a.length !== b.length) throw new Error(`descriptor lengths differ: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/**
 * The calibration (docs/identity.md): at or under PERFECT the score is 100, at or over UNRELATED it is 0,
 * linear between. MATCH is the distance under which two faces are taken as one person.
 */
export const CALIBRATION = { perfect: 0.3, match: 0.5, unrelated: 0.8 } as const;

/** A distance as a score from 0 to 100 (whole numbers). */
export function distanceToScore(distance: number, c = CALIBRATION): number {
  if (!Number.isFinite(distance) || distance < 0) throw new Error(`not a distance: ${distance}`);
  const t = (c.unrelated - distance) / (c.unrelated - c.perfect);
  return Math.round(100 * Math.min(1, Math.max(0, t)));
}

/** The score a distance at the match threshold gets: the line between "holds" and "drifts". */
export const MATCH_SCORE = distanceToScore(CALIBRATION.match);

/** One sampled moment of a clip for one reference face: the nearest face's distance, or null (no face). */
export interface FaceSample {
  t: number;
  d: number | null;
}

/** What a clip keeps of one reference face. `score` null means no face was found in any sample. */
export interface FaceResult {
  score: number | null;
  /** Median distance over the samples that had a face (the farther middle one); null with the score. */
  distance: number | null;
  samples: FaceSample[];
  /** How many samples had a face. */
  found: number;
}

/**
 * The median, the farther of the two middle values for an even count: a face that is someone else for
 * half the clip is not averaged into one that "keeps the face".
 */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

/**
 * A reference face's result from its samples: the median distance of the samples where a face was seen
 * (a turned head or a cut away does not sink the score; a face that is someone else most of the time
 * does). No face in any sample gives "no face found", never a zero.
 */
export function summarize(samples: FaceSample[]): FaceResult {
  const seen = samples.flatMap((s) => (s.d === null ? [] : [s.d]));
  if (seen.length === 0) return { score: null, distance: null, samples, found: 0 };
  const distance = median(seen);
  return { score: distanceToScore(distance), distance: round3(distance), samples, found: seen.length };
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Moments where identity drifts: samples whose face is farther than the match threshold. */
export function lowMoments(samples: FaceSample[], c = CALIBRATION): FaceSample[] {
  return samples.filter((s) => s.d !== null && s.d > c.match);
}

/** The band a score falls in, for the badge's colour and words. */
export type ScoreBand = "holds" | "drifts" | "lost";
export function scoreBand(score: number): ScoreBand {
  if (score >= MATCH_SCORE) return "holds";
  return score >= 25 ? "drifts" : "lost";
}
