import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { boundaryOf, receiveMultipartToFile } from "./multipart-stream";

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omni-multipart-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const BOUNDARY = "----omniTestBoundary42";
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function body(parts: { name: string; fileName?: string; data: Uint8Array | string }[], end = true): Buffer {
  const out: Buffer[] = [Buffer.from("preamble, ignored\r\n")];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ""}`;
    out.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    out.push(Buffer.from(p.data));
    out.push(Buffer.from("\r\n"));
  }
  if (end) out.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(out);
}

/** A request whose body arrives in pieces of `size` bytes, so delimiters fall across pieces. */
function requestOf(bytes: Buffer, size: number): Request {
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
      at += size;
    },
  });
  return new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
}

const receive = (bytes: Buffer, size: number, limit = 10_000_000) =>
  receiveMultipartToFile(requestOf(bytes, size), TYPE, {
    filePath: path.join(dir, `f${++n}`),
    limit,
    tooLarge: "too large",
  });

// Bytes that look like the start of a delimiter, to be kept as data.
const tricky = Buffer.concat([
  Buffer.from(`\r\n--${BOUNDARY.slice(0, 10)}`),
  Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)),
  Buffer.from("\r\n-"),
]);

describe("receiveMultipartToFile", () => {
  it.each([1, 7, 64, 4096, 1 << 20])(
    "writes the file and keeps the fields, in pieces of %d bytes",
    async (size) => {
      const form = await receive(
        body([
          { name: "startSec", data: "12.5" },
          { name: "file", fileName: "clip.mp4", data: tricky },
          { name: "endSec", data: "15" },
        ]),
        size,
      );
      expect(form.fields).toEqual({ startSec: "12.5", endSec: "15" });
      expect(form.fileParts).toBe(1);
      expect(form.file).toMatchObject({ name: "clip.mp4", bytes: tricky.length });
      expect(form.file?.sha256).toBe(createHash("sha256").update(tricky).digest("hex"));
      expect(Buffer.compare(await readFile(form.file!.path), tricky)).toBe(0);
      expect(Buffer.from(form.file!.head).equals(tricky.subarray(0, 256))).toBe(true);
    },
  );

  it("counts file parts, and reads the boundary from the content type", async () => {
    const form = await receive(
      body([
        { name: "file", fileName: "a.mp4", data: "aaa" },
        { name: "file", fileName: "b.mp4", data: "bbb" },
      ]),
      5,
    );
    expect(form.fileParts).toBe(2);
    expect(boundaryOf('multipart/form-data; boundary="quoted b"')).toBe("quoted b");
    expect(boundaryOf("multipart/form-data")).toBeNull();
  });

  it("refuses a body cut short, one over the limit, and a file refused at its head", async () => {
    const cut = body([{ name: "file", fileName: "a.mp4", data: tricky }], false);
    await expect(receive(cut, 100)).rejects.toMatchObject({ code: "invalid_multipart" });
    await expect(
      receive(body([{ name: "file", fileName: "a", data: tricky }]), 100, 1000),
    ).rejects.toMatchObject({
      code: "body_too_large",
      status: 413,
    });
    const refused = receiveMultipartToFile(
      requestOf(body([{ name: "file", fileName: "a", data: tricky }]), 50),
      TYPE,
      {
        filePath: path.join(dir, `f${++n}`),
        limit: 1e7,
        tooLarge: "x",
        onHead: () => {
          throw new AppError("body_too_large", "not a video", 413);
        },
      },
    );
    await expect(refused).rejects.toMatchObject({ message: "not a video" });
  });
});
