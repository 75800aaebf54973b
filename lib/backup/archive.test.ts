import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ArchiveWriter, NotAnArchiveError, readArchive } from "./archive";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "omni-archive-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function collect(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

it("writes buffers and streams into a .tar.gz and reads them back in order, byte-exact", async () => {
  const file = path.join(dir, "a.tar.gz");
  const big = randomBytes(3 * 1024 * 1024 + 17);
  const w = new ArchiveWriter(file);
  await w.add("manifest.json", 2, Buffer.from("{}"));
  await w.add("media/big", big.length, Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
  await w.add("empty", 0, Buffer.alloc(0));
  await w.close();
  const seen: Array<[string, number, Buffer]> = [];
  await readArchive(file, async (e) => {
    seen.push([e.path, e.size, await collect(e.stream)]);
  });
  expect(seen.map(([p, s]) => [p, s])).toEqual([
    ["manifest.json", 2],
    ["media/big", big.length],
    ["empty", 0],
  ]);
  expect(seen[1]?.[2].equals(big)).toBe(true);
});

it("refuses a stream shorter than announced", async () => {
  const w = new ArchiveWriter(path.join(dir, "short.tar.gz"));
  await expect(w.add("x", 10, Readable.from([Buffer.from("abc")]))).rejects.toThrow(
    /read 3 bytes, expected 10/,
  );
  w.abort();
});

it("names a file that is no archive", async () => {
  const file = path.join(dir, "text.tar.gz");
  await writeFile(file, "just some text, not a tar at all\n".repeat(40));
  await expect(readArchive(file, async () => undefined)).rejects.toBeInstanceOf(NotAnArchiveError);
});

it("stops at a handler's error and throws it", async () => {
  const file = path.join(dir, "b.tar.gz");
  const w = new ArchiveWriter(file);
  for (const n of ["one", "two", "three"]) await w.add(n, 1, Buffer.from("x"));
  await w.close();
  const seen: string[] = [];
  await expect(
    readArchive(file, async (e) => {
      seen.push(e.path);
      if (e.path === "two") throw new Error("stop here");
    }),
  ).rejects.toThrow("stop here");
  expect(seen).toEqual(["one", "two"]);
});
