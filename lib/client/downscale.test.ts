import { describe, expect, it } from "vitest";
import { downscaledSize, hasTransparency, outputType, renamedFor } from "./downscale";

describe("downscaledSize", () => {
  it("leaves images with a long edge up to 2048 px alone", () => {
    expect(downscaledSize({ width: 2048, height: 1536 })).toBeNull();
    expect(downscaledSize({ width: 800, height: 600 })).toBeNull();
  });

  it("fits the long edge to 2048 and keeps the aspect, landscape and portrait", () => {
    expect(downscaledSize({ width: 4032, height: 3024 })).toEqual({ width: 2048, height: 1536 });
    expect(downscaledSize({ width: 3024, height: 4032 })).toEqual({ width: 1536, height: 2048 });
    expect(downscaledSize({ width: 6000, height: 6000 })).toEqual({ width: 2048, height: 2048 });
  });

  it("never makes an edge 0", () => {
    expect(downscaledSize({ width: 20_000, height: 3 })).toEqual({ width: 2048, height: 1 });
  });
});

describe("output format", () => {
  it("keeps PNG only for transparency", () => {
    expect(outputType(true)).toBe("image/png");
    expect(outputType(false)).toBe("image/jpeg");
    expect(hasTransparency(new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]))).toBe(false);
    expect(hasTransparency(new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 254]))).toBe(true);
  });

  it("renames the file only when its type changes", () => {
    expect(renamedFor("photo.png", "image/jpeg")).toBe("photo.jpg");
    expect(renamedFor("photo.JPEG", "image/jpeg")).toBe("photo.JPEG");
    expect(renamedFor("logo.webp", "image/png")).toBe("logo.png");
    expect(renamedFor("logo.png", "image/png")).toBe("logo.png");
    expect(renamedFor(".png", "image/jpeg")).toBe("image.jpg");
  });
});
