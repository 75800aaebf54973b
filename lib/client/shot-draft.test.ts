import { describe, expect, it } from "vitest";
import type { AssetDTO } from "@/lib/generations/dto";
import { initialDraft } from "./draft";
import { providerOptions } from "./providers";
import { schemaCheck } from "./schema-check";
import { contentFromShot, shotContentFromInput } from "./shot-draft";
import { validateDraft } from "./validate-draft";

const asset = (id: string): AssetDTO => ({
  id,
  sha256: id,
  mime: "image/png",
  width: 1,
  height: 1,
  bytes: 1,
  name: `${id}.png`,
  url: `/api/media/${id}`,
  thumbUrl: `/api/media/${id}.webp`,
});
const preview = providerOptions({ providers: [{ id: "preview" }] })[0];

describe("a shot in the composer", () => {
  it("loads a shot's references in order with their names, at the sequence's aspect", () => {
    const assets = new Map([["asset-a-0001", asset("asset-a-0001")]]);
    const loaded = contentFromShot(
      {
        prompt: "<IMAGE_REF_0> at the harbour",
        referenceIds: ["asset-a-0001", "asset-gone-01"],
        referenceNames: ["Mara", "Boat"],
        duration: 5,
        provider: "preview",
      },
      assets,
      { aspectRatio: "9:16", fallbackDuration: 8, key: (i) => `k${i}` },
    );
    expect(loaded.missing).toEqual(["Boat"]);
    expect(loaded.content).toMatchObject({
      prompt: "<IMAGE_REF_0> at the harbour",
      duration: 5,
      aspectRatio: "9:16",
      provider: "preview",
      takes: 1,
    });
    expect(loaded.content.references.map((r) => [r.key, r.name, r.asset?.id])).toEqual([
      ["k0", "Mara", "asset-a-0001"],
    ]);
    // An empty shot keeps the composer's duration.
    expect(
      contentFromShot({}, assets, { aspectRatio: "16:9", fallbackDuration: 8, key: String }).content,
    ).toMatchObject({ prompt: "", duration: 8, references: [], videos: [] });
  });

  it("sends a shot's take with its notes in the prompt, and saves the draft without them", () => {
    const { content } = contentFromShot(
      {
        prompt: "<IMAGE_REF_0> waves ",
        referenceIds: ["asset-a-0001"],
        referenceNames: ["Mara"],
        duration: 5,
      },
      new Map([["asset-a-0001", asset("asset-a-0001")]]),
      { aspectRatio: "9:16", fallbackDuration: 8, key: (i) => `k${i}` },
    );
    const draft = { ...initialDraft("key-00000001"), ...content, aspectRatio: "16:9" as const };
    const shot = {
      id: "shot-0000001",
      aspectRatio: "9:16" as const,
      cameraNote: "low angle",
      dialogue: "Hi.",
    };
    const sent = validateDraft(draft, preview, schemaCheck, {}, shot);
    expect(sent.blocker).toBeNull();
    expect(sent.input).toMatchObject({
      prompt: '<IMAGE_REF_0> waves\nCamera: low angle\nDialogue: "Hi."',
      shotId: "shot-0000001",
      aspectRatio: "9:16",
    });
    const saved = shotContentFromInput(validateDraft(draft, preview, null).input);
    expect(saved).toEqual({
      prompt: "<IMAGE_REF_0> waves",
      referenceIds: ["asset-a-0001"],
      referenceNames: ["Mara"],
      duration: 5,
      takes: 1,
      provider: "preview",
      // The preview engine renders more than one tier: the one chosen is the shot's.
      resolution: "720p",
    });
  });
});
