import { describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/generations/dto";
import { diffInputs, diffPrompts } from "./compare";

const ref = (sha: string, position: number, label = sha) =>
  ({
    sha256: sha.padEnd(64, "0"),
    position,
    label,
    thumbUrl: `/t/${sha}`,
  }) as GenerationDTO["references"][number];

const clip = (over: Partial<GenerationDTO>) =>
  ({
    prompt: "<IMAGE_REF_0> walks in the rain",
    references: [ref("a", 0), ref("b", 1)],
    referenceVideos: [],
    duration: 8,
    aspectRatio: "16:9",
    provider: "fal",
    seed: null,
    thinkingLevel: null,
    ...over,
  }) as GenerationDTO;

describe("diffInputs", () => {
  it("diffs the prompt word by word", () => {
    expect(diffPrompts("a red car at night", "a blue car at night")).toEqual([
      { op: "same", text: "a " },
      { op: "removed", text: "red" },
      { op: "added", text: "blue" },
      { op: "same", text: " car at night" },
    ]);
  });

  it("keeps image tags whole", () => {
    expect(diffPrompts("<IMAGE_REF_0> meets <IMAGE_REF_1>.", "<IMAGE_REF_0> meets <IMAGE_REF_2>.")).toEqual([
      { op: "same", text: "<IMAGE_REF_0> meets " },
      { op: "removed", text: "<IMAGE_REF_1>" },
      { op: "added", text: "<IMAGE_REF_2>" },
      { op: "same", text: "." },
    ]);
  });

  it("tells same, moved, added and removed references by their image", () => {
    const d = diffInputs(clip({}), clip({ references: [ref("b", 0), ref("c", 1)] }));
    expect(d.references.map((r) => [r.status, r.sha256[0], r.from, r.to])).toEqual([
      ["removed", "a", 0, null],
      ["moved", "b", 1, 0],
      ["added", "c", null, 1],
    ]);
  });

  it("keeps video tags whole and diffs reference videos apart from images", () => {
    expect(diffPrompts("<VIDEO_REF_0> moves", "<VIDEO_REF_1> moves")).toEqual([
      { op: "removed", text: "<VIDEO_REF_0>" },
      { op: "added", text: "<VIDEO_REF_1>" },
      { op: "same", text: " moves" },
    ]);
    const a = clip({ referenceVideos: [ref("v", 0)] as GenerationDTO["referenceVideos"] });
    const b = clip({ referenceVideos: [ref("w", 0), ref("v", 1)] as GenerationDTO["referenceVideos"] });
    const d = diffInputs(a, b);
    expect(
      d.references.filter((r) => r.kind === "video").map((r) => [r.status, r.sha256[0], r.from, r.to]),
    ).toEqual([
      ["moved", "v", 0, 1],
      ["added", "w", null, 0],
    ]);
    expect(d.references.filter((r) => r.kind === "image").every((r) => r.status === "same")).toBe(true);
    expect(d.identical).toBe(false);
    expect(diffInputs(a, clip({})).references.at(-1)).toMatchObject({ kind: "video", status: "removed" });
  });

  it("lists changed settings and says when inputs are identical", () => {
    const d = diffInputs(clip({}), clip({ duration: 5, provider: "atlas", seed: 42 }));
    expect(d.settings).toEqual([
      { field: "duration", a: "8", b: "5" },
      { field: "provider", a: "fal", b: "atlas" },
      { field: "seed", a: "—", b: "42" },
    ]);
    expect(d.identical).toBe(false);
    expect(diffInputs(clip({}), clip({})).identical).toBe(true);
  });
});
