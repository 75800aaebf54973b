import { describe, expect, it } from "vitest";
import { MAX_SEED } from "@/lib/generations/schema";
import { chosenProvider, parseSeed, providerFields, providerOptions, randomSeed } from "./providers";

const fal = {
  id: "fal",
  label: "fal.ai",
  modelId: "google/gemini-omni-flash/reference-to-video",
  capabilities: { durations: { min: 3, max: 10, default: 8 }, seed: false, thinkingLevels: [] },
  pricing: { usdPerSecond: 0.13, minBilledSeconds: 0 },
};
const atlas = {
  id: "atlas",
  label: "AtlasCloud",
  modelId: "google/gemini-omni-flash/reference-to-video",
  capabilities: {
    durations: { min: 3, max: 10, default: 10 },
    seed: true,
    thinkingLevels: ["default", "high", "low"],
  },
  pricing: { usdPerSecond: 0.135, minBilledSeconds: 3 },
};

describe("providerOptions", () => {
  it("reads every configured provider from /api/health, skipping unknown ones", () => {
    const options = providerOptions({ provider: fal, providers: [fal, atlas, { id: "other" }] });
    expect(options.map((p) => p.id)).toEqual(["fal", "atlas"]);
    expect(options[1]).toMatchObject({
      label: "AtlasCloud",
      pricing: { usdPerSecond: 0.135, minBilledSeconds: 3 },
      capabilities: { durations: { default: 10 }, seed: true, thinkingLevels: ["default", "high", "low"] },
    });
  });

  it("falls back to the default provider alone, with built-in prices when the server sends none", () => {
    const options = providerOptions({ provider: { id: "atlas" } });
    expect(options).toHaveLength(1);
    expect(options[0]).toMatchObject({ label: "AtlasCloud", pricing: { usdPerSecond: 0.135 } });
    expect(providerOptions(undefined)).toEqual([]);
  });
});

describe("chosenProvider", () => {
  const options = providerOptions({ providers: [fal, atlas] });
  it("is the draft's pick when offered, else the server's default", () => {
    expect(chosenProvider(options, "atlas", "fal")?.id).toBe("atlas");
    expect(chosenProvider(options, null, "fal")?.id).toBe("fal");
    expect(chosenProvider(options, "preview", "atlas")?.id).toBe("atlas");
    expect(chosenProvider([], "atlas", "fal")).toBeUndefined();
  });
});

describe("parseSeed", () => {
  it("treats empty and -1 as random", () => {
    expect(parseSeed("")).toEqual({ ok: true, seed: undefined });
    expect(parseSeed("  -1 ")).toEqual({ ok: true, seed: undefined });
  });
  it("accepts whole numbers 0..MAX_SEED", () => {
    expect(parseSeed("0")).toEqual({ ok: true, seed: 0 });
    expect(parseSeed(" 1234 ")).toEqual({ ok: true, seed: 1234 });
    expect(parseSeed(String(MAX_SEED))).toEqual({ ok: true, seed: MAX_SEED });
  });
  it("refuses the rest with a message", () => {
    for (const bad of ["1.5", "abc", "-2", "1e3", "12 34"]) expect(parseSeed(bad).ok).toBe(false);
    expect(parseSeed(String(MAX_SEED + 1))).toEqual({
      ok: false,
      message: `Seed must be at most ${MAX_SEED}`,
    });
  });
  it("randomSeed stays in range", () => {
    expect(randomSeed(() => 0)).toBe(0);
    expect(randomSeed(() => 0.999999999999)).toBe(MAX_SEED);
  });
});

describe("providerFields", () => {
  const [f, a] = providerOptions({ providers: [fal, atlas] });
  it("sends seed and thinking level only to a provider that has them", () => {
    expect(providerFields(a, { seedText: "1234", thinkingLevel: "high" })).toEqual({
      provider: "atlas",
      seed: 1234,
      thinkingLevel: "high",
    });
    expect(providerFields(f, { seedText: "1234", thinkingLevel: "high" })).toEqual({ provider: "fal" });
  });
  it("leaves out a random or invalid seed, and everything while no provider is known", () => {
    expect(providerFields(a, { seedText: "", thinkingLevel: "default" })).toEqual({
      provider: "atlas",
      thinkingLevel: "default",
    });
    expect(providerFields(a, { seedText: "x", thinkingLevel: "low" })).not.toHaveProperty("seed");
    expect(providerFields(undefined, { seedText: "1", thinkingLevel: "low" })).toEqual({});
  });
});
