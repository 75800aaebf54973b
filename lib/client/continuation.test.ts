import { describe, expect, it } from "vitest";
import type { AssetDTO, GenerationDTO, GenerationReferenceDTO } from "@/lib/generations/dto";
import { continuationContent, frameName } from "./continuation";

const asset = (id: string, extra: Partial<AssetDTO> = {}): AssetDTO => ({
  id,
  sha256: id.padEnd(64, "0"),
  mime: "image/png",
  width: 1280,
  height: 720,
  bytes: 1000,
  name: `${id}.png`,
  url: `/media/${id}`,
  thumbUrl: `/media/${id}-t`,
  kind: "image",
  ...extra,
});
const ref = (id: string, position: number, label: string): GenerationReferenceDTO => ({
  ...asset(id),
  position,
  label,
  characterId: position === 0 ? "char1" : null,
});

function clip(references: GenerationReferenceDTO[], prompt: string, version = "preview"): GenerationDTO {
  return {
    id: "clip1",
    provider: version === "preview" ? "preview" : "fal",
    modelVersion: version,
    prompt,
    references,
    referenceVideos: [],
    duration: 6,
    aspectRatio: "16:9",
    takeCount: 2,
    resolution: "720p",
    seed: 42,
    thinkingLevel: null,
  } as unknown as GenerationDTO;
}

const key = (i: number) => `k${i}`;

describe("continue from here", () => {
  it("names the frame by its moment, or as the last one", () => {
    const c = clip([], "");
    expect(frameName(asset("f", { frameOf: { generationId: "clip1", atSec: 3.2 } }), c)).toBe("Frame 0:03.2");
    expect(frameName(asset("f", { frameOf: { generationId: "clip1", atSec: 5.96 } }), c)).toBe("Last frame");
  });

  it("puts the frame first, keeps the clip's references and settings, and moves their tags up", () => {
    const frame = asset("frame", { frameOf: { generationId: "clip1", atSec: 6 } });
    const { content, left, name } = continuationContent(
      clip([ref("mara", 0, "Mara"), ref("pier", 1, "Pier")], "<IMAGE_REF_0> runs along <IMAGE_REF_1>."),
      frame,
      key,
    );
    expect(name).toBe("Last frame");
    expect(left).toEqual([]);
    expect(content.references.map((r) => [r.key, r.name, r.asset?.id, r.characterId ?? null])).toEqual([
      ["k0", "Last frame", "frame", null],
      ["k1", "Mara", "mara", "char1"],
      ["k2", "Pier", "pier", null],
    ]);
    expect(content.prompt).toBe(
      "Continue the action from <IMAGE_REF_0>, the last frame of the previous shot, in one continuous move. <IMAGE_REF_1> runs along <IMAGE_REF_2>.",
    );
    expect([content.duration, content.aspectRatio, content.version, content.seedText]).toEqual([
      6,
      "16:9",
      "preview",
      "",
    ]);
  });

  it("leaves out the references past the version's limit, dropping their tags and naming them", () => {
    const refs = ["a", "b", "c", "d", "e"].map((id, i) => ref(id, i, id.toUpperCase()));
    const { content, left } = continuationContent(
      clip(refs, "<IMAGE_REF_0> meets <IMAGE_REF_4> by <IMAGE_REF_3>.", "fal-v1"),
      asset("frame", { frameOf: { generationId: "clip1", atSec: 2 } }),
      key,
    );
    expect(content.references.map((r) => r.name)).toEqual(["Frame 0:02.0", "A", "B", "C", "D"]);
    expect(left).toEqual(["E"]);
    expect(content.prompt).toMatch(
      /the frame of the previous shot, in one continuous move\. <IMAGE_REF_1> meets by <IMAGE_REF_4>\.$/,
    );
  });

  it("adds the clip's last seconds as the first reference video where the version takes videos", () => {
    const tail = asset("tail", { kind: "video", mime: "video/mp4", name: "tail.mp4" });
    const c = clip([ref("mara", 0, "Mara")], "<IMAGE_REF_0> dives.");
    (c as { referenceVideos: unknown[] }).referenceVideos = ["w1", "w2", "w3"].map((id, i) => ({
      ...asset(id, { kind: "video" }),
      position: i,
      label: `Wave ${i + 1}`,
      characterId: null,
    }));
    c.prompt = "<IMAGE_REF_0> dives like <VIDEO_REF_0> into <VIDEO_REF_2>.";
    const frame = asset("frame", { frameOf: { generationId: "clip1", atSec: 6 } });
    const { content, left } = continuationContent(c, frame, key, tail);
    expect(content.videos.map((v) => [v.key, v.name, v.asset?.id])).toEqual([
      ["k-1", "Last seconds", "tail"],
      ["k2", "Wave 1", "w1"],
      ["k3", "Wave 2", "w2"],
    ]);
    // Three videos at most: the clip's third is left out, its tag dropped, the others move up.
    expect(left).toEqual(["Wave 3"]);
    expect(content.prompt).toBe(
      "Continue the action from <IMAGE_REF_0>, the last frame of the previous shot, carrying on the motion and sound of <VIDEO_REF_0>, its last seconds, in one continuous move. <IMAGE_REF_1> dives like <VIDEO_REF_1> into.",
    );
    // A version without videos gets the frame alone.
    const plain = continuationContent(
      clip([ref("mara", 0, "Mara")], "<IMAGE_REF_0> dives.", "fal-v1"),
      frame,
      key,
      tail,
    );
    expect(plain.content.videos).toEqual([]);
    expect(plain.content.prompt).not.toContain("VIDEO_REF");
  });
});
