import { describe, expect, it } from "vitest";
import type { AssetDTO } from "@/lib/generations/dto";
import {
  type Draft,
  type DraftAction,
  type DraftReference,
  draftReducer,
  dropTags,
  initialDraft,
  isDraftEmpty,
  moveMapping,
  promptWithoutReference,
} from "./draft";

const asset = (id: string): AssetDTO => ({
  id,
  sha256: id,
  mime: "image/png",
  width: 10,
  height: 10,
  bytes: 10,
  name: `${id}.png`,
  url: `/api/media/${id}.png`,
  thumbUrl: `/api/media/${id}-t.webp`,
});
const ref = (key: string): DraftReference => ({
  key,
  name: key,
  fileName: `${key}.png`,
  previewUrl: "",
  status: "ready",
  progress: 1,
  asset: asset(`asset-${key}`),
});
const run = (draft: Draft, ...actions: DraftAction[]) => actions.reduce(draftReducer, draft);
const withRefs = (prompt: string, ...keys: string[]) =>
  run(
    initialDraft("key-00000001"),
    { type: "references/added", items: keys.map(ref) },
    {
      type: "prompt/edited",
      prompt,
      before: { start: 0, end: 0 },
      after: { start: prompt.length, end: prompt.length },
      kind: "other",
      at: 0,
    },
  );

describe("moveMapping", () => {
  it("maps every old index to its new one", () => {
    const map = moveMapping(0, 2, 3); // a b c -> b c a
    expect([0, 1, 2].map(map)).toEqual([2, 0, 1]);
    const back = moveMapping(2, 0, 3); // a b c -> c a b
    expect([0, 1, 2].map(back)).toEqual([1, 2, 0]);
  });
});

describe("removing tags", () => {
  it("drops a reference's tags with one neighbouring space and shifts later tags", () => {
    expect(promptWithoutReference("<IMAGE_REF_0> meets <IMAGE_REF_1> and <IMAGE_REF_2>.", 1)).toBe(
      "<IMAGE_REF_0> meets and <IMAGE_REF_1>.",
    );
    expect(promptWithoutReference("<IMAGE_REF_0> walks", 0)).toBe("walks");
    expect(promptWithoutReference("see <IMAGE_REF_0>", 0)).toBe("see");
  });

  it("drops out-of-range tags the same way", () => {
    expect(dropTags("<IMAGE_REF_0> meets <IMAGE_REF_3> at the pier.", (i) => i >= 1)).toBe(
      "<IMAGE_REF_0> meets at the pier.",
    );
  });
});

describe("draftReducer", () => {
  it("renumbers every tag when a reference moves, in the prompt and in its undo history", () => {
    let d = withRefs("<IMAGE_REF_0> meets <IMAGE_REF_1>", "a", "b", "c");
    d = run(d, {
      type: "prompt/edited",
      prompt: "<IMAGE_REF_0> meets <IMAGE_REF_1> in <IMAGE_REF_2> <IMAGE_REF_7>",
      before: { start: 33, end: 33 },
      after: { start: 60, end: 60 },
      kind: "other",
      at: 10,
    });
    d = run(d, { type: "references/moved", from: 0, to: 2 });
    expect(d.references.map((r) => r.key)).toEqual(["b", "c", "a"]);
    // a was 0 and is now 2; b 1 -> 0; c 2 -> 1; the out-of-range tag keeps its number.
    expect(d.prompt).toBe("<IMAGE_REF_2> meets <IMAGE_REF_0> in <IMAGE_REF_1> <IMAGE_REF_7>");
    d = run(d, { type: "prompt/undo", selection: { start: 0, end: 0 } });
    expect(d.prompt).toBe("<IMAGE_REF_2> meets <IMAGE_REF_0>");
  });

  it("removes a reference's chips and restores them exactly on undo when the prompt was not touched", () => {
    const before = withRefs("<IMAGE_REF_0> meets <IMAGE_REF_1> and <IMAGE_REF_2>.", "a", "b", "c");
    const removed = run(before, { type: "references/removed", key: "b" });
    expect(removed.references.map((r) => r.key)).toEqual(["a", "c"]);
    expect(removed.prompt).toBe("<IMAGE_REF_0> meets and <IMAGE_REF_1>.");
    const restore: DraftAction = {
      type: "references/restored",
      reference: before.references[1]!,
      index: 1,
      before: { prompt: before.prompt, history: before.history },
      promptAfter: removed.prompt,
    };
    const restored = run(removed, restore);
    expect(restored.references.map((r) => r.key)).toEqual(["a", "b", "c"]);
    expect(restored.prompt).toBe(before.prompt);

    // Edited since the removal: the edits stay and later tags shift back up.
    const edited = run(removed, {
      type: "prompt/edited",
      prompt: `${removed.prompt} Rain.`,
      before: { start: 0, end: 0 },
      after: { start: 0, end: 0 },
      kind: "type",
      at: 5,
    });
    expect(run(edited, restore).prompt).toBe("<IMAGE_REF_0> meets and <IMAGE_REF_2>. Rain.");
    // Restoring twice does nothing.
    expect(run(restored, restore)).toBe(restored);
  });

  it("keeps the content after a successful submit and only changes the key", () => {
    const d = withRefs("<IMAGE_REF_0> waves", "a");
    const next = run(d, { type: "submit/accepted", nextIdempotencyKey: "key-00000002" });
    expect(next.prompt).toBe(d.prompt);
    expect(next.references).toBe(d.references);
    expect(next.idempotencyKey).toBe("key-00000002");
  });

  it("clears the server's errors on the next edit", () => {
    let d = run(withRefs("x", "a"), { type: "submit/rejected", errors: { prompt: "bad" } });
    expect(d.serverErrors).toEqual({ prompt: "bad" });
    d = run(d, { type: "takes/changed", takes: 3 });
    expect(d.serverErrors).toEqual({});
    expect(d.takes).toBe(3);
  });

  it("keeps the provider, seed text and thinking level, and clears server errors on each", () => {
    let d = initialDraft("key-00000001");
    expect(d).toMatchObject({ provider: null, seedText: "", thinkingLevel: "default" });
    d = run({ ...d, serverErrors: { seed: "bad" } }, { type: "provider/changed", provider: "atlas" });
    expect(d.serverErrors).toEqual({});
    d = run(d, { type: "seed/changed", seedText: "42" });
    d = run(d, { type: "thinking/changed", thinkingLevel: "low" });
    expect(d).toMatchObject({ provider: "atlas", seedText: "42", thinkingLevel: "low" });
  });

  it("keeps the version and tier picked, and clears server errors on each", () => {
    let d = initialDraft("key-00000001");
    expect(d).toMatchObject({ version: null, resolution: null });
    d = run(
      { ...d, serverErrors: { duration: "too long" } },
      { type: "version/changed", version: "fal-v1.2" },
    );
    expect(d.serverErrors).toEqual({});
    d = run(
      { ...d, serverErrors: { resolution: "no" } },
      { type: "resolution/changed", resolution: "1080p" },
    );
    expect(d.serverErrors).toEqual({});
    expect(d).toMatchObject({ version: "fal-v1.2", resolution: "1080p" });
    // Back to the first version: the tier stays in the draft; the composer decides what it can use.
    d = run(d, { type: "version/changed", version: "fal-v1" });
    expect(d).toMatchObject({ version: "fal-v1", resolution: "1080p" });
  });

  it("replaces the whole draft (restore, Use these settings) with a fresh undo history", () => {
    const d = run(withRefs("old", "a"), {
      type: "draft/replaced",
      content: {
        references: [ref("z")],
        videos: [],
        prompt: "<IMAGE_REF_0> new",
        duration: 4,
        aspectRatio: "9:16",
        takes: 2,
        provider: "atlas",
        version: "atlas",
        resolution: "720p",
        seedText: "1234",
        thinkingLevel: "high",
      },
      idempotencyKey: "key-00000003",
    });
    expect(d).toMatchObject({
      prompt: "<IMAGE_REF_0> new",
      duration: 4,
      aspectRatio: "9:16",
      takes: 2,
      provider: "atlas",
      seedText: "1234",
      thinkingLevel: "high",
    });
    expect(d.history.past).toEqual([]);
    expect(d.caret).toMatchObject({ start: 17, end: 17 });
    expect(isDraftEmpty(d)).toBe(false);
    expect(isDraftEmpty({ references: [], prompt: "  " })).toBe(true);
  });
});
