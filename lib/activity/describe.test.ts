import { describe, expect, it } from "vitest";
import { clipName, describeActivity } from "./describe";

const single = { takeGroupId: null, takeIndex: 0, takeCount: 1 };
const take2 = { takeGroupId: "group-1", takeIndex: 1, takeCount: 3 };

describe("describeActivity", () => {
  it("names a take by its number and a single clip as this clip", () => {
    expect(clipName(single)).toBe("this clip");
    expect(clipName(take2)).toBe("take 2");
  });

  it("reads each kind as what the actor did", () => {
    const say = (kind: Parameters<typeof describeActivity>[0]["kind"], from: unknown, to: unknown) =>
      describeActivity({ kind, from, to }, take2);
    expect(say("status", "pending", "approved")).toBe("approved take 2");
    expect(say("status", "approved", "changes_requested")).toBe("requested changes on take 2");
    expect(say("status", "approved", "pending")).toBe("set take 2 back to pending");
    expect(say("favorite", false, true)).toBe("starred take 2");
    expect(say("favorite", true, false)).toBe("removed the star from take 2");
    expect(say("chosen", false, true)).toBe("chose take 2");
    expect(say("chosen", true, false)).toBe("unmarked take 2 as the chosen take");
    expect(say("chosen_other", null, { id: "x", takeIndex: 2 })).toBe("chose take 3 instead");
    expect(say("chosen_other", null, null)).toBe("chose another take instead");
    expect(say("delete", null, null)).toBe("deleted take 2");
    expect(say("restore", null, null)).toBe("restored take 2");
    expect(say("character_create", null, { name: "Hero" })).toBe("saved the character “Hero”");
    expect(say("character_update", { name: "Hero" }, { name: "Hero 2" })).toBe(
      "edited the character “Hero 2”",
    );
    expect(say("character_delete", { name: "Hero 2" }, null)).toBe("deleted the character “Hero 2”");
    expect(describeActivity({ kind: "status", from: "pending", to: "approved" }, single)).toBe(
      "approved this clip",
    );
  });
});
