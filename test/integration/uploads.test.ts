import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { ingestImage } from "@/lib/uploads/ingest";
import { storedPath } from "@/test/support/stored";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { makeImage, pngBombHeader } from "../support/images";
import type { TestRuntime } from "../support/runtime";

describe.each(await dbKinds())("reference uploads on %s", (kind) => {
  let rt: TestRuntime;
  useStudio(kind, {
    runtime: { startWorker: false },
    ready: (s) => ({ rt } = s),
  });

  const ingest = (bytes: Uint8Array, fileName = "photo.png") =>
    ingestImage(rt.db.prisma, rt.store, { bytes, fileName });

  async function refusal(bytes: Uint8Array, fileName: string) {
    const before = await rt.db.prisma.asset.count();
    const err = await ingest(bytes, fileName).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(await rt.db.prisma.asset.count()).toBe(before);
    return err as AppError;
  }

  it.each(["png", "jpeg", "webp"] as const)(
    "stores a %s with its real size and a thumbnail",
    async (format) => {
      const bytes = await makeImage({ format, width: 1200, height: 700, seed: 11 });
      const { asset } = await ingest(bytes, `hero.${format}`);
      expect(asset).toMatchObject({
        width: 1200,
        height: 700,
        bytes: bytes.byteLength,
        name: `hero.${format}`,
      });
      expect(asset.mime).toBe(`image/${format}`);
      const thumb = await sharp(await storedPath(rt.store, asset.thumbUrl.split("/").pop()!)).metadata();
      expect(thumb.format).toBe("webp");
      expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
    },
  );

  it("gives the same asset for the same bytes, whatever the name", async () => {
    const bytes = await makeImage({ seed: 21 });
    const first = await ingest(bytes, "a.png");
    const second = await ingest(bytes, "renamed.png");
    expect(second.asset.id).toBe(first.asset.id);
    expect(second.created).toBe(false);
    expect(await rt.db.prisma.asset.count({ where: { sha256: first.asset.sha256 } })).toBe(1);
  });

  it("reads the format from the content, not the name", async () => {
    const jpeg = await makeImage({ format: "jpeg", seed: 31 });
    const { asset } = await ingest(jpeg, "actually-a-jpeg.png");
    expect(asset.mime).toBe("image/jpeg");
  });

  it("reports the upright size of an EXIF-rotated photo", async () => {
    const rotated = await sharp(await makeImage({ width: 600, height: 400, seed: 41 }))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { asset } = await ingest(rotated, "portrait.jpg");
    expect([asset.width, asset.height]).toEqual([400, 600]);
  });

  it("refuses a GIF and names the file and the allowed types", async () => {
    const gif = await sharp(await makeImage({ seed: 51 }))
      .gif()
      .toBuffer();
    const err = await refusal(gif, "anim.gif");
    expect(err.code).toBe("unsupported_type");
    expect(err.message).toContain("anim.gif is a GIF image");
    expect(err.message).toContain("PNG, JPEG or WebP");
  });

  it("refuses a text file named .png", async () => {
    const err = await refusal(new TextEncoder().encode("hello, not an image"), "notes.png");
    expect(err.code).toBe("unsupported_type");
    expect(err.status).toBe(415);
  });

  it("refuses a truncated PNG", async () => {
    const png = await makeImage({ width: 1000, height: 1000, seed: 61 });
    const err = await refusal(png.subarray(0, Math.floor(png.byteLength / 2)), "cut.png");
    expect(err.code).toBe("undecodable_image");
    expect(err.message).toContain("cut.png");
  });

  it("refuses an empty file and a file over 20 MB", async () => {
    expect((await refusal(new Uint8Array(), "empty.png")).code).toBe("empty_file");
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    expect((await refusal(big, "huge.png")).code).toBe("file_too_large");
  });

  it("refuses a decompression bomb before decoding it", async () => {
    const bomb = pngBombHeader(30_000, 30_000);
    expect(bomb.byteLength).toBeLessThan(100);
    const err = await refusal(bomb, "bomb.png");
    expect(err.code).toBe("image_too_large");
  });
});
