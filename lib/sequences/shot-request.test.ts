import { describe, expect, it } from "vitest";
import { shotRequest } from "./shot-request";

const base = {
  id: "shot-0000001",
  position: 1,
  title: "Harbour",
  cameraNote: "slow push in",
  dialogue: "Not again.",
};

describe("shotRequest", () => {
  it("sends the shot's content at the sequence's aspect, its notes in the prompt, as takes of the shot", () => {
    const made = shotRequest(
      {
        ...base,
        content: {
          prompt: "<IMAGE_REF_0> at the harbour",
          referenceIds: ["asset-000001"],
          referenceNames: ["Mara"],
          duration: 5,
          provider: "preview",
        },
      },
      { aspectRatio: "9:16" },
      2,
      "key-00000001",
    );
    expect(made).toEqual({
      ok: true,
      input: {
        prompt: '<IMAGE_REF_0> at the harbour\nCamera: slow push in\nDialogue: "Not again."',
        referenceIds: ["asset-000001"],
        referenceNames: ["Mara"],
        duration: 5,
        aspectRatio: "9:16",
        provider: "preview",
        takes: 2,
        shotId: "shot-0000001",
        idempotencyKey: "key-00000001",
      },
    });
  });

  it("names the shot and what it lacks instead of sending it", () => {
    const none = shotRequest({ ...base, content: {} }, { aspectRatio: "16:9" }, 1, "key-00000001");
    expect(none).toEqual({
      ok: false,
      shotId: "shot-0000001",
      message: 'Shot 2 "Harbour" has no prompt and no reference yet: open it in the composer to finish it.',
    });
    const noRefs = shotRequest(
      { ...base, title: "", content: { prompt: "x", duration: 5 } },
      { aspectRatio: "16:9" },
      1,
      "key-00000001",
    );
    expect(noRefs.ok ? "" : noRefs.message).toBe(
      "Shot 2 has no reference image yet: open it in the composer to finish it.",
    );
  });
});
