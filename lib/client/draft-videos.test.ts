import { describe, expect, it } from "vitest";
import type { AssetDTO } from "@/lib/generations/dto";
import { type Draft, type DraftAction, type DraftReference, draftReducer, initialDraft } from "./draft";
import { parseStored, toStored } from "./draft-storage";
import { validateDraft } from "./validate-draft";

// Reference videos in the draft: `<VIDEO_REF_n>` is position n in `videos`, numbered apart from images, so
// removing, reordering and restoring a video rewrites only the video tags, each still naming its video.

const asset = (id: string, video = false): AssetDTO => ({
  id,
  sha256: id,
  mime: video ? "video/mp4" : "image/png",
  width: 10,
  height: 10,
  bytes: 10,
  name: `${id}.${video ? "mp4" : "png"}`,
  url: `/api/media/${id}`,
  thumbUrl: `/api/media/${id}-t.webp`,
  ...(video
    ? {
        kind: "video" as const,
        video: { durationSec: 3, hasAudio: false, posterUrl: `/api/media/${id}-p.webp` },
      }
    : { kind: "image" as const }),
});
const item = (key: string, video = false): DraftReference => ({
  key,
  name: key,
  fileName: `${key}.${video ? "mp4" : "png"}`,
  previewUrl: "",
  status: "ready",
  progress: 1,
  asset: asset(`asset-${key}`, video),
});
const run = (draft: Draft, ...actions: DraftAction[]) => actions.reduce(draftReducer, draft);
const PROMPT =
  "<IMAGE_REF_0> dances like <VIDEO_REF_0>, then <IMAGE_REF_1> moves as in <VIDEO_REF_1> and <VIDEO_REF_2>.";

function draftWith(prompt = PROMPT): Draft {
  return run(
    initialDraft("key-00000001"),
    { type: "references/added", items: [item("hero"), item("alley")] },
    { type: "videos/added", items: [item("walk", true), item("wave", true), item("spin", true)] },
    {
      type: "prompt/edited",
      prompt,
      before: { start: 0, end: 0 },
      after: { start: prompt.length, end: prompt.length },
      kind: "other",
      at: 0,
    },
  );
}

describe("reference videos in the draft reducer", () => {
  it("removing a video drops its tags and renumbers later video tags; image tags stay", () => {
    const d = run(draftWith(), { type: "references/removed", key: "walk" });
    expect(d.videos.map((v) => v.key)).toEqual(["wave", "spin"]);
    expect(d.references.map((r) => r.key)).toEqual(["hero", "alley"]);
    expect(d.prompt).toBe(
      "<IMAGE_REF_0> dances like, then <IMAGE_REF_1> moves as in <VIDEO_REF_0> and <VIDEO_REF_1>.",
    );
  });

  it("removing an image renumbers image tags only", () => {
    const d = run(draftWith(), { type: "references/removed", key: "hero" });
    expect(d.videos).toHaveLength(3);
    expect(d.prompt).toBe(
      "dances like <VIDEO_REF_0>, then <IMAGE_REF_0> moves as in <VIDEO_REF_1> and <VIDEO_REF_2>.",
    );
  });

  it("moving a video rewrites the video tags so each still names the same video", () => {
    const d = run(draftWith(), { type: "references/moved", from: 0, to: 2, kind: "video" });
    expect(d.videos.map((v) => v.key)).toEqual(["wave", "spin", "walk"]);
    // walk was 0 and is now 2; wave 1 -> 0; spin 2 -> 1. Images untouched.
    expect(d.prompt).toBe(
      "<IMAGE_REF_0> dances like <VIDEO_REF_2>, then <IMAGE_REF_1> moves as in <VIDEO_REF_0> and <VIDEO_REF_1>.",
    );
    expect(d.references.map((r) => r.key)).toEqual(["hero", "alley"]);
  });

  it("moving an image leaves the video tags alone", () => {
    const d = run(draftWith(), { type: "references/moved", from: 0, to: 1 });
    expect(d.prompt).toBe(
      "<IMAGE_REF_1> dances like <VIDEO_REF_0>, then <IMAGE_REF_0> moves as in <VIDEO_REF_1> and <VIDEO_REF_2>.",
    );
  });

  it("undoing a video's removal puts it back at its place with its tags", () => {
    const before = draftWith();
    const removed = run(before, { type: "references/removed", key: "wave" });
    const restored = run(removed, {
      type: "references/restored",
      reference: before.videos[1]!,
      index: 1,
      kind: "video",
      before: { prompt: before.prompt, history: before.history },
      promptAfter: removed.prompt,
    });
    expect(restored.videos.map((v) => v.key)).toEqual(["walk", "wave", "spin"]);
    expect(restored.prompt).toBe(PROMPT);
  });

  it("a refused video keeps its tile with the server's words; progress, rename and nothing else change", () => {
    let d = run(draftWith(), {
      type: "videos/added",
      items: [{ ...item("bad", true), status: "uploading", asset: null }],
    });
    d = run(d, { type: "references/failed", key: "bad", error: "bad.mp4 is not a video we can read." });
    d = run(d, { type: "references/progress", key: "bad", progress: 0.5 });
    expect(d.videos.at(-1)).toMatchObject({ status: "failed", error: "bad.mp4 is not a video we can read." });
    expect(d.prompt).toBe(PROMPT);
    d = run(d, { type: "references/renamed", key: "spin", name: "twirl" });
    expect(d.videos[2]!.name).toBe("twirl");
  });
});

describe("reference videos in what is sent and stored", () => {
  const provider = undefined;
  it("sends referenceVideoIds and names in tag order", () => {
    const moved = run(draftWith(), { type: "references/moved", from: 2, to: 0, kind: "video" });
    const { input } = validateDraft(moved, provider, null);
    expect(input.referenceVideoIds).toEqual(["asset-spin", "asset-walk", "asset-wave"]);
    expect(input.referenceVideoNames).toEqual(["spin", "walk", "wave"]);
    expect(input.referenceIds).toEqual(["asset-hero", "asset-alley"]);
  });

  it("a draft without videos sends no video fields", () => {
    const d = run(initialDraft("key-00000001"), { type: "references/added", items: [item("hero")] });
    expect(validateDraft(d, provider, null).input).not.toHaveProperty("referenceVideoIds");
  });

  it("holds Generate while a video is refused, naming it", () => {
    let d = run(draftWith(), { type: "videos/added", items: [{ ...item("bad", true), asset: null }] });
    d = run(d, { type: "references/failed", key: "bad", error: "no" });
    expect(validateDraft(d, provider, () => ({})).blocker).toBe(
      "bad.mp4 could not be used: remove it to go on",
    );
  });

  it("stores and restores the videos with their length and poster", () => {
    const d = draftWith();
    const back = parseStored(JSON.stringify(toStored(d)));
    expect(back?.content.videos.map((v) => v.asset?.id)).toEqual(["asset-walk", "asset-wave", "asset-spin"]);
    expect(back?.content.videos[0]?.asset?.video?.posterUrl).toBe("/api/media/asset-walk-p.webp");
    expect(back?.content.videos[0]?.previewUrl).toBe("/api/media/asset-walk-p.webp");
  });

  it("reads drafts stored before videos as having none, and refuses an image stored as a video", () => {
    const stored = toStored(draftWith());
    const { videos: _videos, ...old } = stored;
    expect(parseStored(JSON.stringify(old))?.content.videos).toEqual([]);
    const wrong = { ...stored, videos: [{ key: "x", name: "x", asset: asset("img") }] };
    expect(parseStored(JSON.stringify(wrong))).toBeNull();
  });
});
