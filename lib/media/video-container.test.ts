import { describe, expect, it } from "vitest";
import { sniffContainer } from "./video-container";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("sniffContainer", () => {
  it("tells MP4, MOV and WebM apart by their first bytes", () => {
    expect(sniffContainer(bytes([0, 0, 0, 0x20], "ftypisom", [0, 0, 2, 0]))).toEqual({
      kind: "video",
      container: "mp4",
    });
    expect(sniffContainer(bytes([0, 0, 0, 0x14], "ftypqt  ", [0, 0, 0, 0]))).toEqual({
      kind: "video",
      container: "mov",
    });
    expect(sniffContainer(bytes([0, 0, 0, 8], "wide", [0, 0, 0, 0]))).toEqual({
      kind: "video",
      container: "mov",
    });
    expect(
      sniffContainer(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "webm", [0x42, 0x87])),
    ).toEqual({
      kind: "video",
      container: "webm",
    });
  });

  it("names the video and audio formats it does not take, and leaves images and text to the image check", () => {
    expect(sniffContainer(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], "matroska"))).toEqual({
      kind: "other-video",
      what: "an MKV (Matroska) video",
    });
    expect(sniffContainer(bytes("RIFF", [1, 2, 3, 4], "AVI LIST"))).toMatchObject({ what: "an AVI video" });
    expect(sniffContainer(bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0]))).toEqual({ kind: "not-video" });
    expect(sniffContainer(bytes([0, 0, 0, 0x1c], "ftypavif", [0, 0, 0, 0]))).toEqual({ kind: "not-video" });
    expect(sniffContainer(bytes([0x89], "PNG\r\n\x1a\n", [0, 0, 0, 0]))).toEqual({ kind: "not-video" });
    expect(sniffContainer(bytes("hello, not a video at all"))).toEqual({ kind: "not-video" });
    expect(sniffContainer(bytes("tiny"))).toEqual({ kind: "not-video" });
  });
});
