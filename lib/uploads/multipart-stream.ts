import "server-only";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import {
  BodyAbortedError,
  type BodyDeadline,
  BodyTimeoutError,
  DEFAULT_BODY_DEADLINE,
  readWithin,
  STALLED,
} from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";

// A multipart/form-data body read as it arrives, its one file written straight to disk (hashed on the
// way), its small text fields kept. For uploads too large to hold in memory (a reference video's source,
// up to 100 MB): memory stays at a chunk or two whatever the file's size.

export interface StreamedFile {
  path: string;
  /** The name the client gave (not cleaned). */
  name: string;
  bytes: number;
  sha256: string;
  /** The file's first bytes, to sniff its kind. */
  head: Uint8Array;
}

export interface StreamedForm {
  file: StreamedFile | null;
  /** Text fields; a field sent twice keeps its first value. */
  fields: Record<string, string>;
  /** How many parts were named `file`. */
  fileParts: number;
}

export interface StreamOptions {
  /** Where the file goes (a fresh temp path; the caller removes it, whatever happens). */
  filePath: string;
  /** Refuses the whole body past this many bytes. */
  limit: number;
  tooLarge: string;
  deadline?: BodyDeadline;
  /**
   * Called once the file's first `headBytes` (or all of it, when shorter) are here; throwing stops the
   * upload there (e.g. a 100 MB file that is not a video).
   */
  onHead?: (head: Uint8Array) => void;
  headBytes?: number;
}

const MAX_HEADER_BYTES = 8 * 1024;
const MAX_FIELD_BYTES = 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

function malformed(): AppError {
  return new AppError("invalid_multipart", "The upload could not be read as multipart/form-data.", 400);
}

/** The boundary of a multipart/form-data Content-Type, or null. */
export function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function dispositionOf(headers: string): { name: string; fileName: string | null } {
  const line = headers.split("\r\n").find((l) => /^content-disposition:/i.test(l)) ?? "";
  const name = /;\s*name="([^"]*)"/i.exec(line)?.[1] ?? "";
  const file = /;\s*filename="([^"]*)"/i.exec(line);
  return { name, fileName: file ? (file[1] ?? "") : null };
}

type Part =
  | { kind: "file"; out: WriteStream; hash: ReturnType<typeof createHash>; bytes: number; name: string }
  | { kind: "field"; name: string; chunks: Buffer[]; bytes: number }
  | { kind: "skip" };

/** Reads `request`'s multipart body (boundary from `contentType`), writing the `file` field to disk. */
export async function receiveMultipartToFile(
  request: Request,
  contentType: string,
  options: StreamOptions,
): Promise<StreamedForm> {
  const boundary = boundaryOf(contentType);
  if (!boundary || !request.body) throw malformed();
  const { limit, tooLarge, deadline = DEFAULT_BODY_DEADLINE, onHead, headBytes = 256 } = options;
  // Every delimiter is CRLF "--" boundary; the first one follows no CRLF, so one is put in front.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.from(CRLF);
  // Widened on purpose: the helpers below change both, which the checker cannot see from here.
  let state = "preamble" as "preamble" | "after" | "headers" | "body" | "done";
  let part = { kind: "skip" } as Part;
  const form: StreamedForm = { file: null, fields: {}, fileParts: 0 };
  let head: Buffer = Buffer.alloc(0);
  let headSent = false;
  let total = 0;

  const sendHead = () => {
    if (headSent) return;
    headSent = true;
    onHead?.(new Uint8Array(head));
  };

  async function emit(data: Buffer) {
    if (data.length === 0) return;
    if (part.kind === "file") {
      if (!headSent && head.length < headBytes) {
        head = Buffer.concat([head, data.subarray(0, headBytes - head.length)]);
        if (head.length >= headBytes) sendHead();
      }
      part.hash.update(data);
      part.bytes += data.length;
      // Written in the background while the next pieces arrive; waits only when the disk falls behind.
      if (!part.out.write(data)) await once(part.out, "drain");
    } else if (part.kind === "field") {
      part.bytes += data.length;
      if (part.bytes > MAX_FIELD_BYTES) throw malformed();
      part.chunks.push(data);
    }
  }

  async function endPart() {
    if (part.kind === "file") {
      sendHead();
      part.out.end();
      await once(part.out, "close");
      form.file = {
        path: options.filePath,
        name: part.name,
        bytes: part.bytes,
        sha256: part.hash.digest("hex"),
        head: new Uint8Array(head),
      };
    } else if (part.kind === "field") {
      form.fields[part.name] ??= Buffer.concat(part.chunks).toString("utf8");
    }
    part = { kind: "skip" };
  }

  async function startPart(headers: string) {
    const { name, fileName } = dispositionOf(headers);
    if (name === "file" && fileName !== null) {
      form.fileParts += 1;
      if (form.fileParts > 1) return; // refused by the caller, which counts them
      const out = createWriteStream(options.filePath, { flags: "wx" });
      await once(out, "open");
      part = { kind: "file", out, hash: createHash("sha256"), bytes: 0, name: fileName };
    } else if (name && fileName === null) {
      part = { kind: "field", name, chunks: [], bytes: 0 };
    }
  }

  /** Consumes what it can of `buf`; returns when it needs more bytes. */
  async function step() {
    for (;;) {
      if (state === "preamble" || state === "body") {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          // Keep a tail that may be the start of a delimiter.
          const keep = Math.min(buf.length, delimiter.length - 1);
          if (state === "body") await emit(buf.subarray(0, buf.length - keep));
          buf = buf.subarray(buf.length - keep);
          return;
        }
        if (state === "body") {
          await emit(buf.subarray(0, at));
          await endPart();
        }
        buf = buf.subarray(at + delimiter.length);
        state = "after";
      } else if (state === "after") {
        if (buf.length < 2) return;
        const two = buf.subarray(0, 2).toString("latin1");
        if (two === "--") {
          state = "done";
          return;
        }
        if (two !== "\r\n") throw malformed();
        buf = buf.subarray(2);
        state = "headers";
      } else if (state === "headers") {
        const at = buf.indexOf(HEADER_END);
        if (at < 0) {
          if (buf.length > MAX_HEADER_BYTES) throw malformed();
          return;
        }
        await startPart(buf.subarray(0, at).toString("utf8"));
        buf = buf.subarray(at + HEADER_END.length);
        state = "body";
      } else {
        return;
      }
    }
  }

  const reader = request.body.getReader();
  const endBy = Date.now() + deadline.totalMs;
  try {
    for (;;) {
      const left = endBy - Date.now();
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await readWithin(reader, Math.min(deadline.idleMs, left));
      } catch (err) {
        if (err === STALLED) {
          throw new BodyTimeoutError(
            left <= deadline.idleMs
              ? `The request body did not arrive within ${Math.round(deadline.totalMs / 1000)} s.`
              : `The request body stalled: nothing arrived for ${Math.round(deadline.idleMs / 1000)} s.`,
          );
        }
        throw new BodyAbortedError(total, { cause: err });
      }
      if (next.done) break;
      total += next.value.byteLength;
      if (total > limit) throw new AppError("body_too_large", tooLarge, 413);
      buf = buf.length ? Buffer.concat([buf, next.value]) : Buffer.from(next.value);
      if (state !== "done") await step();
    }
  } catch (err) {
    if (!(err instanceof BodyTimeoutError)) await reader.cancel().catch(() => {});
    if (part.kind === "file") await closed(part.out);
    throw err;
  }
  if (state !== "done") {
    if (part.kind === "file") await closed(part.out);
    throw malformed();
  }
  return form;
}

/** Closes a file being written (after a failure), waiting until it is closed. */
async function closed(out: WriteStream): Promise<void> {
  if (out.closed) return;
  out.destroy();
  await once(out, "close").catch(() => {});
}
