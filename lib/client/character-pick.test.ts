import { describe, expect, it } from "vitest";
import {
  type CharacterPick,
  defaultMode,
  mainFirst,
  type PickCharacter,
  planPick,
  roomWords,
  type TrayReference,
  voiceLine,
  withVoice,
} from "./character-pick";

const image = (id: string, position: number) =>
  ({ id, label: `img ${id}`, position }) as unknown as PickCharacter["images"][number];

// Three images; the main one is the second.
const mara: PickCharacter = {
  name: "Mara Kel",
  images: [image("a", 0), image("b", 1), image("c", 2)],
  mainImageId: "b",
};

const tray = (...ids: (string | null)[]): TrayReference[] =>
  ids.map((assetId, i) => ({ key: `k${i}`, assetId, name: `ref ${i}` }));

const pick = (
  mode: CharacterPick["mode"],
  chosen: string[] = [],
  removing: string[] = [],
): CharacterPick => ({
  mode,
  chosen: new Set(chosen),
  removing: new Set(removing),
});

const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe("mainFirst", () => {
  it("puts the main image first and keeps the others in order", () => {
    expect(ids(mainFirst(mara))).toEqual(["b", "a", "c"]);
  });
  it("keeps the saved order when the main image is unknown", () => {
    expect(ids(mainFirst({ ...mara, mainImageId: "zz" }))).toEqual(["a", "b", "c"]);
  });
});

describe("defaultMode", () => {
  it("is all when every missing image fits", () => {
    expect(defaultMode(tray("x", "y"), 5, mara)).toBe("all");
    // Two of its images are in already: the one left fits in the one free slot.
    expect(defaultMode(tray("a", "b", "x", "y"), 5, mara)).toBe("all");
  });
  it("is main only when they do not", () => {
    expect(defaultMode(tray("x", "y", "z"), 5, mara)).toBe("main");
    expect(defaultMode(tray("1", "2", "3", "4", "5"), 5, mara)).toBe("main");
  });
});

describe("planPick", () => {
  it("main only adds exactly the main image", () => {
    const plan = planPick(tray(), 5, mara, pick("main"));
    expect(ids(plan.add)).toEqual(["b"]);
    expect(plan.fits).toBe(true);
    expect(plan.message).toBe("1 image will join the tray.");
  });

  it("choose adds the ticked images, main first", () => {
    const plan = planPick(tray(), 5, mara, pick("choose", ["c", "b"]));
    expect(ids(plan.add)).toEqual(["b", "c"]);
  });

  it("choose with nothing ticked cannot insert", () => {
    const plan = planPick(tray(), 5, mara, pick("choose"));
    expect(plan.fits).toBe(false);
    expect(plan.message).toBe("Pick at least one image.");
  });

  it("does not add an image the tray already holds, and keeps it from removal", () => {
    const plan = planPick(tray("a", "x"), 5, mara, pick("all", [], ["k0"]));
    expect(ids(plan.add)).toEqual(["b", "c"]);
    expect(ids(plan.already)).toEqual(["a"]);
    expect([...plan.keep]).toEqual(["k0"]);
    expect(plan.remove).toEqual([]);
    expect(plan.message).toBe("2 images will join the tray (1 image already in the tray).");
  });

  it("says how many must go until enough are marked", () => {
    const full = tray("1", "2", "3", "4");
    let plan = planPick(full, 5, mara, pick("all"));
    expect(plan.room).toBe(1);
    expect(plan.mustGo).toBe(2);
    expect(plan.fits).toBe(false);
    expect(plan.message).toBe(
      "3 images will not fit: the tray has room for 1 more of 5. Remove 2 more to fit, or pick fewer.",
    );
    plan = planPick(full, 5, mara, pick("all", [], ["k0"]));
    expect(plan.mustGo).toBe(1);
    expect(plan.message).toContain("Remove 1 more to fit");
    plan = planPick(full, 5, mara, pick("all", [], ["k0", "k3"]));
    expect(plan.mustGo).toBe(0);
    expect(plan.fits).toBe(true);
    expect(plan.remove).toEqual(["k0", "k3"]);
    expect(plan.message).toBe("3 images will join the tray, 2 references will leave it.");
  });

  it("narrowing the pick can make it fit without removing anything", () => {
    const full = tray("1", "2", "3", "4");
    expect(planPick(full, 5, mara, pick("main")).fits).toBe(true);
  });

  it("counts an uploading reference (no asset yet) against the limit", () => {
    const plan = planPick(tray("1", "2", "3", "4", null), 5, mara, pick("main"));
    expect(plan.mustGo).toBe(1);
  });

  it("uses the version's limit (10 on newer versions)", () => {
    const plan = planPick(tray("1", "2", "3", "4", "5", "6", "7"), 10, mara, pick("all"));
    expect(plan.fits).toBe(true);
    expect(plan.room).toBe(3);
  });

  it("inserting what is all there already fits and says so", () => {
    const plan = planPick(tray("a", "b", "c"), 5, mara, pick("all"));
    expect(plan.add).toEqual([]);
    expect(plan.fits).toBe(true);
    expect(plan.message).toBe("Every picked image is already in the tray.");
  });
});

describe("room and voice words", () => {
  it("names the room left", () => {
    expect(roomWords(3, 5)).toBe("Room for 2 more of 5 in the tray.");
    expect(roomWords(5, 5)).toBe("The tray is full (5 of 5).");
  });

  it("writes a voice line ending in a full stop", () => {
    expect(voiceLine("Mara Kel", "a low, unhurried voice")).toBe(
      "Voice of Mara Kel: a low, unhurried voice.",
    );
    expect(voiceLine("Mara Kel", "sings!")).toBe("Voice of Mara Kel: sings!");
  });

  it("appends the voice once, after a space, keeping tags intact", () => {
    const prompt = "<IMAGE_REF_0> walks in.";
    const once = withVoice(prompt, "Mara Kel", "a low voice");
    expect(once).toBe("<IMAGE_REF_0> walks in. Voice of Mara Kel: a low voice.");
    expect(withVoice(once, "Mara Kel", "a low voice")).toBe(once);
    expect(withVoice("", "Mara Kel", "a low voice")).toBe("Voice of Mara Kel: a low voice.");
    expect(withVoice("ends with space ", "M", "x")).toBe("ends with space Voice of M: x.");
    expect(withVoice(prompt, "Mara Kel", "  ")).toBe(prompt);
  });
});
