import { describe, expect, it } from "vitest";
import { synthSoundtrack } from "./sound";

describe("synthSoundtrack", () => {
  it("makes the same music for the same prompt and different music for another", () => {
    const bytes = (prompt: string) => Buffer.from(synthSoundtrack(prompt, [1, 1]).buffer);
    const a = synthSoundtrack("a cat on a skateboard", [1, 1]);
    expect(bytes("a cat on a skateboard").equals(Buffer.from(a.buffer))).toBe(true);
    expect(bytes("a storm over the sea").equals(Buffer.from(a.buffer))).toBe(false);
    expect(a.length).toBe(2 * 2 * 44100);
    const peak = a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.1);
    expect(peak).toBeLessThanOrEqual(1);
  });
});
