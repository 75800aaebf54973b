import { describe, expect, it } from "vitest";
import { providerOptions } from "./providers";
import { batchCostUsd, shotCostUsd } from "./shot-cost";

// Two providers as /api/health names them: fal at its configured rate, and the free preview engine.
const providers = providerOptions({
  providers: [
    { id: "fal", pricing: { usdPerSecond: 0.13, minBilledSeconds: 0 } },
    { id: "preview", pricing: { usdPerSecond: 0, minBilledSeconds: 0 } },
  ],
});

describe("shot costs", () => {
  it("prices a shot's takes at its provider's rate, and the preview engine as free", () => {
    expect(shotCostUsd(providers, "fal", { provider: "fal", duration: 5 }, 2)).toBeCloseTo(1.3);
    expect(shotCostUsd(providers, "fal", { duration: 4 }, 1)).toBeCloseTo(0.52);
    expect(shotCostUsd(providers, "fal", { provider: "preview", duration: 5 }, 4)).toBe(0);
    expect(shotCostUsd(providers, "fal", {}, 2)).toBe(0);
  });

  it("adds up a batch", () => {
    const shots = [{ content: { duration: 5 } }, { content: { duration: 3, provider: "preview" as const } }];
    expect(batchCostUsd(providers, "fal", [...shots, { content: { duration: 8 } }], 2)).toBe(3.38);
  });
});
