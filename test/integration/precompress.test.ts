import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { precompress } from "@/scripts/precompress";

// scripts/precompress.ts, which npm run build runs after next build so nginx can send the .br and .gz
// beside each static asset as they are (deploy/nginx.conf).

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const script = (n: number) => `export const chunk${n} = ${JSON.stringify("omni ".repeat(2_000 + n))};\n`;

describe("precompress", () => {
  it("writes brotli and gzip copies that decode to the file, skips what is current, redoes what changed", async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "omni-precompress-"));
    mkdirSync(path.join(dir, "chunks"));
    const js = path.join(dir, "chunks", "a.js");
    writeFileSync(js, script(1));
    writeFileSync(path.join(dir, "b.css"), `body{color:red}\n${"/* x */".repeat(400)}`);
    writeFileSync(path.join(dir, "tiny.js"), "1;"); // too small to be worth it
    writeFileSync(path.join(dir, "font.woff2"), Buffer.alloc(4096, 7)); // compressed already

    const first = await precompress(dir);
    expect(first).toMatchObject({ files: 2, written: 2, skipped: 0 });
    expect(zlib.brotliDecompressSync(readFileSync(`${js}.br`)).toString()).toBe(script(1));
    expect(zlib.gunzipSync(readFileSync(`${js}.gz`)).toString()).toBe(script(1));
    expect(readFileSync(`${js}.br`).length).toBeLessThan(readFileSync(`${js}.gz`).length);
    expect(existsSync(path.join(dir, "tiny.js.br"))).toBe(false);
    expect(existsSync(path.join(dir, "font.woff2.br"))).toBe(false);

    const again = await precompress(dir);
    expect(again).toMatchObject({ files: 2, written: 0, skipped: 2 });

    // A file newer than its copies (a rebuild wrote it again) is compressed again.
    writeFileSync(js, script(2));
    const later = new Date(Date.now() + 5_000);
    utimesSync(js, later, later);
    const third = await precompress(dir);
    expect(third).toMatchObject({ written: 1, skipped: 1 });
    expect(zlib.brotliDecompressSync(readFileSync(`${js}.br`)).toString()).toBe(script(2));
  });
});
