// How scores are put in words, the same on every view (cards, clip page, compare, library). Pure.
import type { IdentityDTO } from "./dto";
import { type ScoreBand, scoreBand } from "./score";

export const BAND_WORDS: Record<ScoreBand, string> = {
  holds: "keeps the face",
  drifts: "face drifts",
  lost: "face lost",
};

/** What the score measures, for tooltips: honest about what it is not. */
export const MEASURES =
  "Face identity: how close the faces in this clip are to its reference faces (0-100). It measures face similarity to the references, not quality.";

export const PREVIEW_NOTE =
  "Preview engine: the clip shows the reference images themselves, so its score says nothing about a model.";

export interface BadgeWords {
  /** Short text on the badge. */
  text: string;
  /** The full sentence (tooltip and screen readers). */
  description: string;
  band: ScoreBand | "none" | "pending";
}

/** The badge's words for a clip's identity; null when there is nothing to show (no face in its references). */
export function badgeWords(identity: IdentityDTO | null, isPreview: boolean): BadgeWords | null {
  if (!identity) return null;
  if (identity.state === "queued" || identity.state === "scoring")
    return {
      text: "Scoring…",
      description: "Measuring how well this clip keeps its reference faces.",
      band: "pending",
    };
  if (identity.state === "failed")
    return {
      text: "Not scored",
      description: "The face identity score could not be measured for this clip.",
      band: "none",
    };
  if (identity.kind !== "scored") return null;
  if (identity.score === null)
    return {
      text: "No face found",
      description: "No face was found in any sampled frame, though its references hold one.",
      band: "none",
    };
  const band = scoreBand(identity.score);
  const faces = identity.faces
    .map((f) => `${f.label || `image ${f.position + 1}`}: ${f.score === null ? "no face found" : f.score}`)
    .join(", ");
  const parts = [`Face ${identity.score}/100, ${BAND_WORDS[band]} (${faces}).`, MEASURES];
  if (isPreview) parts.push(PREVIEW_NOTE);
  return { text: `Face ${identity.score}`, description: parts.join(" "), band };
}
