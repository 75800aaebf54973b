import type { IdentityFace, IdentityState } from "./result";
import { identityResultSchema } from "./result";

/** A clip's identity score as views show it (GenerationDTO.identity). */
export interface IdentityDTO {
  state: IdentityState;
  /** done: "scored", or "no_reference_face" (none of its references holds a face: nothing to show). */
  kind: "scored" | "no_reference_face" | null;
  /** Each referenced face, in reference order, with its per-sample distances (the clip page's strip). */
  faces: IdentityFace[];
  /** The lowest face score (null: no score, or no face found anywhere): what a card's badge shows. */
  score: number | null;
  /** When it was measured. */
  scoredAt: string | null;
}

interface Row {
  status: string;
  result: unknown;
  scoredAt: Date | null;
}

const STATES: readonly string[] = ["queued", "scoring", "done", "failed"];

/** The stored row as the DTO (null: not queued yet, or scoring is off). A row it cannot read shows as failed. */
export function toIdentityDTO(row: Row | null): IdentityDTO | null {
  if (!row) return null;
  const state = (STATES.includes(row.status) ? row.status : "failed") as IdentityState;
  if (state !== "done") return { state, kind: null, faces: [], score: null, scoredAt: null };
  const parsed = identityResultSchema.safeParse(row.result);
  if (!parsed.success) return { state: "failed", kind: null, faces: [], score: null, scoredAt: null };
  const scores = parsed.data.faces.flatMap((f) => (f.score === null ? [] : [f.score]));
  return {
    state,
    kind: parsed.data.kind,
    faces: parsed.data.faces,
    score: scores.length ? Math.min(...scores) : null,
    scoredAt: row.scoredAt?.toISOString() ?? null,
  };
}
