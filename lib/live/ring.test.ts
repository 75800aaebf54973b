import { describe, expect, it } from "vitest";
import { ChangeRing } from "./ring";

const comment = (n: number) => ({ kind: "comment" as const, generationId: `g${n}` });

describe("ChangeRing", () => {
  it("numbers events within its epoch and gives a reconnecting browser exactly what it missed", () => {
    const ring = new ChangeRing("e1", 10);
    expect(ring.lastId).toBe("e1.0");
    const first = ring.push(comment(1));
    ring.push(comment(2));
    ring.push(comment(3));
    expect(first.id).toBe("e1.1");
    expect(ring.since("e1.1")?.map((e) => e.generationId)).toEqual(["g2", "g3"]);
    expect(ring.since("e1.0")?.map((e) => e.id)).toEqual(["e1.1", "e1.2", "e1.3"]);
    expect(ring.since(ring.lastId)).toEqual([]);
  });

  it("answers null (refetch everything) once a missed event has left the ring", () => {
    const ring = new ChangeRing("e1", 3);
    for (let n = 1; n <= 5; n++) ring.push(comment(n));
    // Holds 3..5: a browser that saw 2 missed only those; one that saw 1 missed 2, which is gone.
    expect(ring.since("e1.2")?.map((e) => e.generationId)).toEqual(["g3", "g4", "g5"]);
    expect(ring.since("e1.1")).toBeNull();
    expect(ring.since("e1.0")).toBeNull();
  });

  it("answers null for ids it never gave: another process, a restart, the future, or garbage", () => {
    const ring = new ChangeRing("e1", 10);
    ring.push(comment(1));
    expect(ring.since("e0.1")).toBeNull();
    expect(ring.since("e1.2")).toBeNull();
    expect(ring.since("e1.x")).toBeNull();
    expect(ring.since("e1.")).toBeNull();
    expect(ring.since("nonsense")).toBeNull();
  });

  it("forgets everything on restart, so ids from before are unknown", () => {
    const ring = new ChangeRing("e1", 10);
    ring.push(comment(1));
    ring.restart("e2");
    expect(ring.since("e1.1")).toBeNull();
    expect(ring.since("e1.0")).toBeNull();
    expect(ring.lastId).toBe("e2.0");
    expect(ring.push(comment(2)).id).toBe("e2.1");
  });
});
