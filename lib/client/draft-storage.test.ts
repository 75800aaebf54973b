import { describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/generations/dto";
import { type Draft, initialDraft } from "./draft";
import { contentFromGeneration, parseStored, toStored } from "./draft-storage";

const asset = {
  id: "asset-0001",
  sha256: "abc",
  mime: "image/png",
  width: 10,
  height: 10,
  bytes: 10,
  name: "hero.png",
  url: "/api/media/a.png",
  thumbUrl: "/api/media/a-t.webp",
};

describe("stored drafts", () => {
  it("round-trips stored references, prompt and settings, and leaves out uploads in flight", () => {
    const draft: Draft = {
      ...initialDraft("key-00000001"),
      prompt: "<IMAGE_REF_0> waves",
      duration: 5,
      aspectRatio: "9:16",
      takes: 3,
      references: [
        {
          key: "r1",
          name: "Hero",
          fileName: "hero.png",
          previewUrl: "blob:x",
          status: "ready",
          progress: 1,
          asset,
        },
        {
          key: "r2",
          name: "b",
          fileName: "b.png",
          previewUrl: "blob:y",
          status: "uploading",
          progress: 0.5,
          asset: null,
        },
      ],
    };
    const restored = parseStored(JSON.stringify(toStored(draft)))!;
    expect(restored.idempotencyKey).toBe("key-00000001");
    expect(restored.content).toMatchObject({
      prompt: "<IMAGE_REF_0> waves",
      duration: 5,
      aspectRatio: "9:16",
      takes: 3,
    });
    expect(restored.content.references).toEqual([
      {
        key: "r1",
        name: "Hero",
        fileName: "hero.png",
        previewUrl: asset.thumbUrl,
        status: "ready",
        progress: 1,
        asset,
      },
    ]);
  });

  it("ignores missing, broken or foreign data", () => {
    expect(parseStored(null)).toBeNull();
    expect(parseStored("{not json")).toBeNull();
    expect(parseStored(JSON.stringify({ prompt: "x" }))).toBeNull();
    const bad = { ...toStored(initialDraft("key-00000001")), duration: 60 };
    expect(parseStored(JSON.stringify(bad))).toBeNull();
  });

  it("refuses a draft when any required field is missing, of the wrong kind or out of range", () => {
    const good = {
      ...toStored(initialDraft("key-00000001")),
      references: [{ key: "r1", name: "hero", asset }],
    };
    expect(parseStored(JSON.stringify(good))).not.toBeNull();
    const broken: Record<string, unknown>[] = [
      { duration: 2.5 },
      { duration: "8" },
      { takes: 0 },
      { aspectRatio: "4:3" },
      { prompt: 42 },
      { prompt: "x".repeat(80_001) },
      { idempotencyKey: "short" },
      { references: "none" },
      // Wider than any version allows (10 images, 15 s).
      { references: Array.from({ length: 11 }, (_, i) => ({ key: `r${i}`, name: "n", asset })) },
      { duration: 16 },
      { references: [{ key: "", name: "hero", asset }] },
      { references: [{ key: "r1", name: "hero", asset: { ...asset, width: "10" } }] },
      { references: [{ key: "r1", name: "hero", asset: { ...asset, id: undefined } }] },
      { references: [{ key: "r1", name: "hero", asset, characterId: 7 }] },
    ];
    for (const change of broken) {
      expect(
        parseStored(JSON.stringify({ ...good, ...change })),
        JSON.stringify(change).slice(0, 60),
      ).toBeNull();
    }
    expect(parseStored(JSON.stringify([good]))).toBeNull();
  });

  it("keeps only the fields it knows, and reads optional settings it cannot use as their defaults", () => {
    const stored = {
      ...toStored(initialDraft("key-00000001")),
      references: [{ key: "r1", name: "hero", asset: { ...asset, extra: "x" }, characterId: null, more: 1 }],
      provider: "sora",
      version: "fal-v9",
      resolution: "8k",
      seedText: "9".repeat(21),
      thinkingLevel: 3,
      unknown: true,
    };
    const restored = parseStored(JSON.stringify(stored));
    expect(restored?.content).toMatchObject({
      provider: null,
      version: null,
      resolution: null,
      seedText: "",
      thinkingLevel: "default",
    });
    expect(restored?.content.references[0]?.asset).toEqual(asset);
    expect(restored?.content).not.toHaveProperty("unknown");
  });
});

describe("stored drafts and model versions", () => {
  it("remember the version and tier, and keep a draft over its version's limits as it was", () => {
    const references = Array.from({ length: 7 }, (_, i) => ({
      key: `r${i}`,
      name: `n${i}`,
      fileName: "hero.png",
      previewUrl: "",
      status: "ready" as const,
      progress: 1,
      asset: { ...asset, id: `asset-000${i}` },
    }));
    const draft: Draft = {
      ...initialDraft("key-00000001"),
      references,
      duration: 15,
      provider: "fal",
      version: "fal-v1",
      resolution: "1080p",
    };
    const restored = parseStored(JSON.stringify(toStored(draft)))!;
    expect(restored.content).toMatchObject({
      provider: "fal",
      version: "fal-v1",
      resolution: "1080p",
      duration: 15,
    });
    expect(restored.content.references).toHaveLength(7);
  });

  it("reads a draft stored before versions as the provider's default version and tier", () => {
    const { version: _v, resolution: _r, ...old } = toStored(initialDraft("key-00000001"));
    expect(parseStored(JSON.stringify(old))?.content).toMatchObject({ version: null, resolution: null });
  });
});

describe("contentFromGeneration", () => {
  it("loads references in tag order with their labels as names", () => {
    const g = {
      prompt: "<IMAGE_REF_1> then <IMAGE_REF_0>",
      duration: 4,
      aspectRatio: "9:16",
      takeCount: 2,
      references: [
        { ...asset, id: "asset-0002", name: "dock.png", position: 1, label: "The dock" },
        { ...asset, position: 0, label: "" },
      ],
    } as unknown as GenerationDTO;
    const content = contentFromGeneration(g, (i) => `k${i}`);
    expect(content.references.map((r) => [r.key, r.name, r.asset?.id])).toEqual([
      ["k0", "hero", "asset-0001"],
      ["k1", "The dock", "asset-0002"],
    ]);
    expect(content).toMatchObject({ prompt: g.prompt, duration: 4, aspectRatio: "9:16", takes: 2 });
    expect(content.references[0]!.asset).not.toHaveProperty("label");
  });

  it("brings back the provider, its version and tier, a fixed seed and the thinking level; a random seed (-1) stays empty", () => {
    const base = { prompt: "p", duration: 10, aspectRatio: "16:9", takeCount: 1, references: [] };
    const fixed = {
      ...base,
      provider: "atlas",
      seed: 1234,
      thinkingLevel: "high",
    } as unknown as GenerationDTO;
    expect(contentFromGeneration(fixed, (i) => `k${i}`)).toMatchObject({
      provider: "atlas",
      seedText: "1234",
      thinkingLevel: "high",
    });
    const random = { ...base, provider: "atlas", seed: -1, thinkingLevel: null } as unknown as GenerationDTO;
    const draftClip = {
      ...base,
      provider: "fal",
      modelVersion: "fal-v1.2",
      resolution: "360p",
      seed: null,
      thinkingLevel: null,
    } as unknown as GenerationDTO;
    expect(contentFromGeneration(draftClip, (i) => `k${i}`)).toMatchObject({
      version: "fal-v1.2",
      resolution: "360p",
    });
    expect(contentFromGeneration(random, (i) => `k${i}`)).toMatchObject({
      seedText: "",
      thinkingLevel: "default",
    });
  });
});

describe("stored provider controls", () => {
  it("round-trips them, and reads drafts stored before they existed with the defaults", () => {
    const draft = {
      ...initialDraft("key-00000001"),
      provider: "atlas",
      seedText: "7",
      thinkingLevel: "low",
    } as const;
    expect(parseStored(JSON.stringify(toStored(draft)))?.content).toMatchObject({
      provider: "atlas",
      seedText: "7",
      thinkingLevel: "low",
    });
    const { provider: _p, seedText: _s, thinkingLevel: _t, ...old } = toStored(initialDraft("key-00000001"));
    expect(parseStored(JSON.stringify(old))?.content).toMatchObject({
      provider: null,
      seedText: "",
      thinkingLevel: "default",
    });
  });
});
