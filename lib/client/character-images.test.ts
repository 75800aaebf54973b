import { describe, expect, it } from "vitest";
import {
  type CharacterImagesAction,
  type CharacterImagesState,
  characterImagesReducer,
  imagesToSave,
  initialImages,
  keepRefusal,
  mainKey,
  roomLeft,
} from "./character-images";

const image = (n: number) => ({ assetId: `asset${n}`, label: `img${n}.png`, thumbUrl: `/t/${n}` });
const run = (s: CharacterImagesState, ...actions: CharacterImagesAction[]) =>
  actions.reduce(characterImagesReducer, s);

describe("a character's images in the dialog", () => {
  it("starts from the given main image, or the first", () => {
    expect(mainKey(initialImages([image(1), image(2)], "asset2"))).toBe("asset2");
    expect(mainKey(initialImages([image(1), image(2)]))).toBe("asset1");
    expect(mainKey(initialImages([image(1)], "not-there"))).toBe("asset1");
    expect(mainKey(initialImages([]))).toBeNull();
  });

  it("reorders without losing the main image, and saves in the new order", () => {
    const s = run(
      initialImages([image(1), image(2), image(3)], "asset2"),
      { type: "moved", key: "asset3", by: -1 },
      { type: "moved", key: "asset3", by: -1 },
      { type: "moved", key: "asset3", by: -1 }, // already first: nothing
      { type: "moved", key: "asset1", by: 1 },
    );
    expect(imagesToSave(s)).toEqual({
      images: [
        { assetId: "asset3", label: "img3.png" },
        { assetId: "asset2", label: "img2.png" },
        { assetId: "asset1", label: "img1.png" },
      ],
      mainAssetId: "asset2",
      uploading: 0,
    });
  });

  it("falls back to the first kept image when the main one is left out, and takes it back when chosen", () => {
    let s = run(initialImages([image(1), image(2)], "asset1"), { type: "toggled", key: "asset1" });
    expect(mainKey(s)).toBe("asset2");
    expect(imagesToSave(s).images.map((i) => i.assetId)).toEqual(["asset2"]);
    s = run(s, { type: "main", key: "asset1" });
    expect(imagesToSave(s)).toMatchObject({ mainAssetId: "asset1", images: [{}, {}] });
  });

  it("counts uploads against the five images and saves only finished ones", () => {
    let s = initialImages([image(1), image(2), image(3), image(4)]);
    s = run(s, {
      type: "added",
      items: [{ key: "up1", assetId: null, label: "new.png", thumbUrl: "blob:x", progress: 0, kept: true }],
    });
    expect(roomLeft(s)).toBe(0);
    expect(imagesToSave(s).uploading).toBe(1);
    expect(imagesToSave(s).images).toHaveLength(4);
    s = run(s, { type: "uploaded", key: "up1", assetId: "asset9", thumbUrl: "/t/9" });
    expect(imagesToSave(s)).toMatchObject({ uploading: 0, mainAssetId: "asset1" });
    expect(imagesToSave(s).images.at(-1)).toEqual({ assetId: "asset9", label: "new.png" });
  });

  it("refuses to keep a sixth image, naming it and the limit, and changes nothing", () => {
    // A clip of the newer versions can hold six images: the sixth starts left out and cannot come back.
    const five = initialImages([1, 2, 3, 4, 5, 6].map(image));
    expect(five.items.map((i) => i.kept)).toEqual([true, true, true, true, true, false]);
    expect(roomLeft(five)).toBe(0);
    expect(keepRefusal(five, "asset6")).toMatch(/img6\.png was not kept: a character has at most 5 images/);
    expect(run(five, { type: "toggled", key: "asset6" })).toBe(five);
    expect(run(five, { type: "main", key: "asset6" })).toBe(five);
  });

  it("forgets a removed upload, and the main choice with it", () => {
    const s = run(
      initialImages([image(1)]),
      {
        type: "added",
        items: [{ key: "up1", assetId: null, label: "new.png", thumbUrl: "", progress: 0, kept: true }],
      },
      { type: "main", key: "up1" },
      { type: "removed", key: "up1" },
    );
    expect(s.items.map((i) => i.key)).toEqual(["asset1"]);
    expect(mainKey(s)).toBe("asset1");
  });
});
