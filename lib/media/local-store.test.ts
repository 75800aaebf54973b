import { chmod, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalMediaStore } from "./local-store";
import { STALE_TEMP_MS } from "./storage";

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  }
  return out;
}

describe("LocalMediaStore", () => {
  let root: string;
  let store: LocalMediaStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "omni-store-"));
    store = new LocalMediaStore(root);
    await store.init();
  });
  afterEach(async () => {
    await chmod(root, 0o755).catch(() => {});
    await rm(root, { recursive: true, force: true });
  });

  it("stores by content: the same bytes give the same key, stored once", async () => {
    const a = await store.putBuffer(Buffer.from("same bytes"), "png");
    const b = await store.putStream(Readable.from([Buffer.from("same "), Buffer.from("bytes")]), "png");
    expect(b.key).toBe(a.key);
    expect(await allFiles(root)).toHaveLength(1);
  });

  it("leaves no file, partial or whole, when the source breaks mid-stream", async () => {
    async function* breaking() {
      yield Buffer.alloc(64 * 1024, 1);
      throw new Error("connection reset");
    }
    await expect(store.putStream(Readable.from(breaking()), "mp4")).rejects.toThrow("connection reset");
    expect(await allFiles(root)).toEqual([]);
  });

  it("leaves no temp file when many sources fail at their first read", async () => {
    // The pipeline gives up before any byte is written, 40 times at once: each must leave nothing.
    const failing = () =>
      new Readable({
        read() {
          this.destroy(new Error("connection reset"));
        },
      });
    await Promise.all(
      Array.from({ length: 40 }, () =>
        expect(store.putStream(failing(), "mp4")).rejects.toThrow("connection reset"),
      ),
    );
    expect(await allFiles(root)).toEqual([]);
  });

  it("leaves nothing behind when the disk refuses the write", async () => {
    if (process.getuid?.() === 0) {
      // Root ignores file modes; simulate a full disk by making the temp folder a file instead.
      await rm(path.join(root, ".tmp"), { recursive: true });
      await import("node:fs/promises").then((fs) => fs.writeFile(path.join(root, ".tmp"), "not a folder"));
    } else {
      await chmod(path.join(root, ".tmp"), 0o500);
    }
    await expect(store.putBuffer(Buffer.from("x"), "png")).rejects.toThrow();
    await expect(store.putStream(Readable.from([Buffer.from("y")]), "png")).rejects.toThrow();
    const keys = (await allFiles(root)).filter((f) => !f.endsWith(".tmp"));
    expect(keys).toEqual([]);
  });

  it("refuses keys that are not content addresses", () => {
    for (const bad of ["../x.png", "a.png", `${"a".repeat(64)}.exe`, `${"a".repeat(64)}/../../x.png`, ""]) {
      expect(() => store.pathOf(bad)).toThrow("invalid media key");
    }
  });

  it("clears temp files left by a killed process at start, not a live instance's fresh ones", async () => {
    const tmp = path.join(root, ".tmp");
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    const recent = new Date(Date.now() - STALE_TEMP_MS + 60_000);
    await writeFile(path.join(tmp, "killed-mid-save"), "partial video");
    await mkdir(path.join(tmp, "killed-render"));
    await writeFile(path.join(tmp, "killed-render", "part-0.mp4"), "partial");
    await writeFile(path.join(tmp, "another-instance-writing"), "in progress");
    await utimes(path.join(tmp, "killed-mid-save"), old, old);
    await utimes(path.join(tmp, "killed-render"), old, old);
    await utimes(path.join(tmp, "another-instance-writing"), recent, recent);
    // A stored file as old as the stale ones is not the temp folder's business.
    const kept = await store.putBuffer(Buffer.from("a stored image"), "png");
    await utimes(store.pathOf(kept.key), old, old);

    await new LocalMediaStore(root).init();
    expect((await readdir(tmp)).sort()).toEqual(["another-instance-writing"]);
    expect(await store.exists(kept.key)).toBe(true);
  });
});
