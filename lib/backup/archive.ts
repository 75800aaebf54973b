import { once } from "node:events";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Header, Pack, Parser, ReadEntry } from "tar";

// A backup is one gzip-compressed tar, written and read as a stream with the `tar` package: each entry is
// fed from a buffer or a stream whose size is known up front (a tar header holds it), so no media file is
// ever held in memory, on either side.

/** Writes entries one after another into a new .tar.gz at `file` (which must not exist). */
export class ArchiveWriter {
  private readonly pack = new Pack({ gzip: true, portable: true });
  private readonly finished: Promise<void>;
  private readonly out: WriteStream;

  constructor(file: string) {
    this.out = createWriteStream(file, { flags: "wx" });
    this.finished = pipeline(this.pack, this.out);
    // Surfaced by close() (or the next add); without a listener an early failure would be unhandled.
    this.finished.catch(() => undefined);
  }

  /** Adds `name` with exactly `size` bytes from `source`; a source of another length fails the backup. */
  async add(name: string, size: number, source: Buffer | Readable): Promise<void> {
    const header = new Header({ path: name, mode: 0o644, size, mtime: new Date(), type: "File" });
    const entry = new ReadEntry(header);
    this.pack.add(entry);
    const chunks = Buffer.isBuffer(source) ? slices(source) : source;
    let seen = 0;
    for await (const chunk of chunks) {
      seen += chunk.length;
      if (seen > size) throw new Error(`${name} grew while it was being archived (over ${size} bytes)`);
      if (!entry.write(chunk)) await Promise.race([once(entry, "drain"), this.closedEarly()]);
    }
    if (seen !== size) throw new Error(`${name}: read ${seen} bytes, expected ${size}`);
    entry.end();
  }

  private closedEarly(): Promise<never> {
    return this.finished.then(() => {
      throw new Error("the archive closed early");
    });
  }

  async close(): Promise<void> {
    this.pack.end();
    await this.finished;
  }

  /** Stops writing after a failure (the caller removes the partial file). */
  abort(): void {
    this.out.destroy();
  }
}

/** A buffer as chunks of 64 KiB, written with the same backpressure as a stream. */
function* slices(data: Buffer): Generator<Buffer> {
  for (let at = 0; at < data.length; at += 65_536) yield data.subarray(at, at + 65_536);
}

export interface ArchiveEntry {
  path: string;
  size: number;
  /** The entry's bytes; read it (or not) before the handler returns. */
  stream: Readable;
}

export class NotAnArchiveError extends Error {}

/**
 * Calls `onEntry` for each file of the .tar.gz at `file`, in order, one at a time: the next entry is read
 * only once the handler returned. A handler's error stops the reading and is thrown.
 */
export async function readArchive(
  file: string,
  onEntry: (entry: ArchiveEntry) => Promise<void>,
): Promise<void> {
  const input = createReadStream(file);
  const parser = new Parser({ strict: true });
  let chain = Promise.resolve();
  let failed: unknown;
  let entries = 0;
  parser.on("entry", (entry: ReadEntry) => {
    entries++;
    chain = chain.then(async () => {
      if (failed === undefined && entry.type === "File") {
        try {
          await onEntry({ path: entry.path, size: entry.size ?? 0, stream: Readable.from(entry) });
        } catch (err) {
          failed = err;
          input.destroy();
        }
      }
      entry.resume();
    });
  });
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("error", reject);
    parser.on("end", resolve);
    parser.on("close", resolve);
  });
  try {
    await Promise.all([pipeline(input, parser as unknown as NodeJS.WritableStream), parsed]);
  } catch (err) {
    await chain;
    if (failed !== undefined) throw failed;
    throw new NotAnArchiveError(
      `${file} is not a readable backup archive (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  await chain;
  if (failed !== undefined) throw failed;
  if (entries === 0) throw new NotAnArchiveError(`${file} is not a backup archive (no entries in it)`);
}
