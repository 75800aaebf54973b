import { describe, expect, it } from "vitest";
import type { MemberActor } from "./actor";
import { ActorCache, actorsChanged, attachActorCache, detachActorCache } from "./actor-cache";

const ada: MemberActor = {
  kind: "member",
  id: "u1",
  role: "editor",
  name: "Ada",
  email: "a@x",
  via: "token",
};

describe("ActorCache", () => {
  it("answers from memory until its time is up, and never past the session's expiry", () => {
    const cache = new ActorCache(10_000);
    cache.remember("t:a", ada, cache.epoch, undefined, 1_000);
    expect(cache.get("t:a", 1_000)).toBe(ada);
    expect(cache.get("t:a", 10_999)).toBe(ada);
    expect(cache.get("t:a", 11_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.remember("c:b", ada, cache.epoch, new Date(3_000), 1_000);
    expect(cache.get("c:b", 2_999)).toBe(ada);
    expect(cache.get("c:b", 3_000)).toBeUndefined();
    // An already expired session is not kept at all.
    cache.remember("c:c", ada, cache.epoch, new Date(500), 1_000);
    expect(cache.size).toBe(0);
  });

  it("forgets everything on a change, and drops a lookup that a change overtook", () => {
    const cache = new ActorCache();
    cache.remember("t:a", ada, cache.epoch);
    const before = cache.epoch;
    cache.changed();
    expect(cache.get("t:a")).toBeUndefined();
    // Read from the database before the change, answered after it: possibly stale, so not kept.
    cache.remember("t:a", ada, before);
    expect(cache.get("t:a")).toBeUndefined();
    cache.remember("t:a", ada, cache.epoch);
    expect(cache.get("t:a")).toBe(ada);
  });

  it("is told through the database client every runtime on it shares", () => {
    const prisma = {} as Parameters<typeof actorsChanged>[0];
    const [one, two] = [new ActorCache(), new ActorCache()];
    attachActorCache(prisma, one);
    attachActorCache(prisma, two);
    one.remember("t:a", ada, one.epoch);
    two.remember("t:a", ada, two.epoch);
    actorsChanged(prisma);
    expect(one.size + two.size).toBe(0);
    detachActorCache(prisma, one);
    one.remember("t:a", ada, one.epoch);
    actorsChanged(prisma);
    expect(one.size).toBe(1);
  });

  it("keeps at most its bound, letting the oldest go", () => {
    const cache = new ActorCache();
    for (let i = 0; i < 5_001; i++) cache.remember(`t:${i}`, ada, cache.epoch);
    expect(cache.size).toBe(5_000);
    expect(cache.get("t:0")).toBeUndefined();
    expect(cache.get("t:5000")).toBe(ada);
  });
});
