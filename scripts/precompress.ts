// After `next build` (npm run build runs it): writes `<file>.br` (brotli, quality 11) and `<file>.gz`
// (gzip, level 9) beside every compressible file of the build's static assets (.next/static), so nginx
// serves them as they are (deploy/nginx.conf: brotli_static, gzip_static) instead of compressing each
// script on every request as `next start` does. A file whose compressed copies are newer than itself is
// skipped, so a second run costs only the listing; a compressed copy that saves nothing is not written.
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text that compresses; images, fonts (woff2 is brotli already) and media are left alone. */
const COMPRESSIBLE = new Set([
  ".js",
  ".mjs",
  ".css",
  ".map",
  ".json",
  ".svg",
  ".txt",
  ".html",
  ".xml",
  ".wasm",
]);
/** nginx's gzip_min_length default is 20 bytes; below about 1 KB the headers outweigh the saving. */
const MIN_BYTES = 1024;

export interface PrecompressResult {
  files: number;
  written: number;
  skipped: number;
  bytesIn: number;
  bytesBrotli: number;
  bytesGzip: number;
  ms: number;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

async function mtimeMs(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

/** Written under a temporary name, then renamed: nginx never serves half a file. */
async function writeAtomic(file: string, bytes: Buffer) {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

async function compressOne(file: string, totals: PrecompressResult) {
  const source = await stat(file);
  const [br, gz] = await Promise.all([mtimeMs(`${file}.br`), mtimeMs(`${file}.gz`)]);
  totals.files += 1;
  if (br !== null && gz !== null && br >= source.mtimeMs && gz >= source.mtimeMs) {
    totals.skipped += 1;
    return;
  }
  const bytes = await readFile(file);
  const [b, g] = await Promise.all([
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzip(bytes, { level: 9 }),
  ]);
  totals.bytesIn += bytes.length;
  if (b.length < bytes.length) {
    await writeAtomic(`${file}.br`, b);
    totals.bytesBrotli += b.length;
  }
  if (g.length < bytes.length) {
    await writeAtomic(`${file}.gz`, g);
    totals.bytesGzip += g.length;
  }
  totals.written += 1;
}

/** Pre-compresses every compressible file under `dir`, `concurrency` at a time (zlib runs on libuv's pool). */
export async function precompress(dir: string, concurrency = Math.max(2, os.cpus().length)) {
  const t0 = performance.now();
  const totals: PrecompressResult = {
    files: 0,
    written: 0,
    skipped: 0,
    bytesIn: 0,
    bytesBrotli: 0,
    bytesGzip: 0,
    ms: 0,
  };
  await mkdir(dir, { recursive: true });
  const queue: string[] = [];
  for await (const file of walk(dir)) {
    const ext = path.extname(file);
    if (!COMPRESSIBLE.has(ext)) continue;
    if ((await stat(file)).size < MIN_BYTES) continue;
    queue.push(file);
  }
  // The largest first, so one big chunk does not finish alone at the end.
  const sizes = new Map(await Promise.all(queue.map(async (f) => [f, (await stat(f)).size] as const)));
  queue.sort((a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0));
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) await compressOne(file, totals);
    }),
  );
  totals.ms = performance.now() - t0;
  return totals;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "");
if (isMain) {
  const dir = path.resolve(process.argv[2] ?? ".next/static");
  const r = await precompress(dir);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `precompress: ${r.files} files in ${path.relative(process.cwd(), dir) || dir}, ${r.written} compressed, ` +
      `${r.skipped} already current; ${kb(r.bytesIn)} → brotli ${kb(r.bytesBrotli)}, gzip ${kb(r.bytesGzip)}; ` +
      `${(r.ms / 1000).toFixed(1)} s`,
  );
}
