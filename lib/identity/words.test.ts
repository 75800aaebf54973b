import { describe, expect, it } from "vitest";
import type { IdentityDTO } from "./dto";
import { badgeWords } from "./words";

const face = (position: number, label: string, score: number | null) => ({
  position,
  assetId: `a${position}`,
  label,
  score,
  distance: null,
  found: score === null ? 0 : 3,
  samples: [],
});
const done = (faces: ReturnType<typeof face>[], score: number | null): IdentityDTO => ({
  state: "done",
  kind: "scored",
  faces,
  score,
  scoredAt: "2026-12-06T00:00:00.000Z",
});

describe("badgeWords", () => {
  it("shows nothing before queueing and for clips whose references hold no face", () => {
    expect(badgeWords(null, false)).toBeNull();
    expect(
      badgeWords({ state: "done", kind: "no_reference_face", faces: [], score: null, scoredAt: null }, false),
    ).toBeNull();
  });

  it("says scoring while queued or measuring", () => {
    for (const state of ["queued", "scoring"] as const)
      expect(badgeWords({ state, kind: null, faces: [], score: null, scoredAt: null }, false)?.text).toBe(
        "Scoring…",
      );
  });

  it("names the lowest score, each face's and what it measures", () => {
    const w = badgeWords(done([face(0, "nova", 88), face(1, "rex", 41)], 41), false);
    expect(w?.text).toBe("Face 41");
    expect(w?.band).toBe("drifts");
    expect(w?.description).toContain("nova: 88, rex: 41");
    expect(w?.description).toContain("not quality");
    expect(w?.description).not.toContain("Preview engine");
  });

  it("says 'No face found', never zero, when no sample saw a face", () => {
    const w = badgeWords(done([face(0, "nova", null)], null), false);
    expect(w?.text).toBe("No face found");
    expect(w?.text).not.toContain("0");
  });

  it("marks preview-engine scores as such", () => {
    expect(badgeWords(done([face(0, "nova", 97)], 97), true)?.description).toContain("Preview engine");
  });
});
