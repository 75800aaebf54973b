import { describe, expect, it } from "vitest";
import {
  cleanReferenceName,
  defaultReferenceName,
  pastedName,
  refusal,
  stillTooLarge,
  undecodable,
} from "./reference-files";

const MB = 1024 * 1024;

describe("refusal", () => {
  it("accepts PNG, JPEG and WebP while there is room, over 20 MB too (scaled down before upload)", () => {
    expect(refusal({ name: "a.png", size: 10, type: "image/png" }, 1)).toBeNull();
    expect(refusal({ name: "a.jpg", size: 20 * MB, type: "image/jpeg" }, 5)).toBeNull();
    expect(refusal({ name: "big.jpg", size: 62 * MB, type: "image/jpeg" }, 5)).toBeNull();
    expect(refusal({ name: "a.webp", size: 10, type: "" }, 5)).toBeNull();
  });

  it("names the file and the rule", () => {
    expect(refusal({ name: "six.png", size: 10, type: "image/png" }, 0)).toBe(
      "six.png was not added: a clip takes at most 5 reference images.",
    );
    expect(refusal({ name: "huge.png", size: 201 * MB, type: "image/png" }, 5)).toBe(
      "huge.png was not added: it is 201.0 MB; the studio can scale down images of up to 200.0 MB before upload.",
    );
    expect(refusal({ name: "notes.png", size: 12, type: "text/plain" }, 5)).toBe(
      "notes.png was not added: it is not a PNG, JPEG or WebP image (text/plain).",
    );
    expect(refusal({ name: "x.gif", size: 12, type: "image/gif" }, 5)).toMatch(/not a PNG, JPEG or WebP/);
    expect(refusal({ name: "", size: 0, type: "image/png" }, 5)).toBe(
      "The pasted image was not added: the file is empty (0 bytes).",
    );
    expect(undecodable({ name: "fake.png", size: 1, type: "image/png" })).toMatch(/^fake\.png was not added/);
  });

  it("checks the 20 MB limit again on what would be sent, after scaling", () => {
    const file = { name: "noise.png", size: 40 * MB, type: "image/png" };
    expect(stillTooLarge(file, { size: 3 * MB }, { width: 2048, height: 1536 })).toBeNull();
    expect(stillTooLarge(file, { size: 20 * MB }, { width: 2048, height: 1536 })).toBeNull();
    expect(stillTooLarge(file, { size: 21 * MB }, { width: 2048, height: 2048 })).toBe(
      "noise.png was not added: even scaled to 2048x2048 it is 21.0 MB, and reference images can be at most 20 MB.",
    );
  });

  it("names the chosen version's limit, and a version that takes more, where the provider has several", () => {
    const file = { name: "six.png", size: 10, type: "image/png" };
    expect(refusal(file, 0, { max: 10 })).toBe(
      "six.png was not added: a clip takes at most 10 reference images.",
    );
    expect(
      refusal(file, -2, { max: 5, version: "Omni Flash 1.0", more: { label: "Omni Flash 1.2", max: 10 } }),
    ).toBe(
      "six.png was not added: Omni Flash 1.0 takes at most 5 reference images; Omni Flash 1.2 takes up to 10.",
    );
  });

  it("checks the size before the type", () => {
    expect(refusal({ name: "big.txt", size: 300 * MB, type: "text/plain" }, 5)).toMatch(/up to 200\.0 MB/);
  });
});

describe("reference names", () => {
  it("defaults to the file name without its extension, at most 40 characters", () => {
    expect(defaultReferenceName("hero.png")).toBe("hero");
    expect(defaultReferenceName("my  red\u202e coat.final.jpeg")).toBe("my red coat.final");
    expect(defaultReferenceName(`${"x".repeat(60)}.png`)).toHaveLength(40);
    expect(defaultReferenceName(".png")).toBe(".png");
  });

  it("cleans what is typed", () => {
    expect(cleanReferenceName("  a   b  ")).toBe("a b");
    expect(cleanReferenceName("y".repeat(50))).toHaveLength(40);
  });
});

describe("pastedName", () => {
  it("numbers clipboard images from 1, skipping names the draft already has", () => {
    expect(pastedName("image.png", [])).toBe("pasted 1");
    expect(pastedName("", ["hero", "pasted 1"])).toBe("pasted 2");
    expect(pastedName("image.jpeg", ["Pasted 1", "pasted 3"])).toBe("pasted 2");
  });

  it("keeps a real file name (a file copied from a folder)", () => {
    expect(pastedName("hero.png", [])).toBeNull();
    expect(pastedName("image of hero.png", [])).toBeNull();
  });
});
