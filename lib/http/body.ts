import "server-only";
import { AppError } from "./errors";

/**
 * How long a request body may take to arrive. Without a deadline a client sending a byte a second holds
 * whatever it was given (a buffer, a slot) until Node's own 5-minute request timeout.
 */
export interface BodyDeadline {
  /** The longest gap between two pieces of the body. */
  idleMs: number;
  /** The longest the whole body may take, from the first read. */
  totalMs: number;
}

/** A 20 MB body in 2 minutes needs about 1.4 Mbit/s; a stall of 15 s is a client that has gone quiet. */
export const DEFAULT_BODY_DEADLINE: BodyDeadline = { idleMs: 15_000, totalMs: 120_000 };

/**
 * The client went away before its body arrived whole (closed the tab, lost the network). Node reports it
 * as `ECONNRESET` "aborted", which must not be read as a database connection reset: this is its own kind.
 */
export class BodyAbortedError extends AppError {
  constructor(
    readonly receivedBytes: number,
    options?: { cause?: unknown },
  ) {
    super("body_aborted", "The request was aborted by the client before its body arrived whole.", 400);
    this.name = "BodyAbortedError";
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * 408: the body stalled or was too slow. The answer should close the connection: the rest of a slow body
 * is not worth reading.
 */
export class BodyTimeoutError extends AppError {
  constructor(message: string) {
    super("body_timeout", `${message} Send it again, on a faster or steadier connection.`, 408);
    this.name = "BodyTimeoutError";
  }
}

/** What readWithin rejects with when no piece arrived in time. */
export const STALLED = Symbol("stalled");
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Reads a request body, refusing it as soon as it passes `limit` bytes (whatever Content-Length says), or
 * with 408 when it stalls or takes too long (`deadline`).
 */
export async function readBodyLimited(
  request: Request,
  limit: number,
  tooLarge: string,
  deadline: BodyDeadline = DEFAULT_BODY_DEADLINE,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new AppError("body_too_large", tooLarge, 413);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const endBy = Date.now() + deadline.totalMs;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    // Which limit comes first; a timer may fire a millisecond early, so remember it rather than compare.
    const left = endBy - Date.now();
    const lastWait = left <= deadline.idleMs;
    try {
      next = await readWithin(reader, Math.min(deadline.idleMs, left));
    } catch (err) {
      if (err === STALLED) {
        // The reader is left as it is, not cancelled: cancelling destroys the socket, and the client would
        // get a reset instead of this answer.
        throw new BodyTimeoutError(
          lastWait
            ? `The request body did not arrive within ${seconds(deadline.totalMs)}.`
            : `The request body stalled: nothing arrived for ${seconds(deadline.idleMs)}.`,
        );
      }
      // The body comes from the client's connection and nothing else: a failure to read it is the client.
      throw new BodyAbortedError(total, { cause: err });
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("body_too_large", tooLarge, 413);
    }
    chunks.push(next.value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** The next piece of the body, or a rejection with STALLED after `ms`; the pending read stays pending. */
export function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(STALLED), Math.max(0, ms));
    reader.read().then(
      (r) => {
        clearTimeout(timer);
        resolve(r);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** Parses a JSON body of at most `limit` bytes, with errors a script author can act on. */
export async function readJson(request: Request, limit = 64 * 1024): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
      415,
    );
  }
  const bytes = await readBodyLimited(request, limit, `The request body is larger than ${limit / 1024} KB.`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.", 400);
  }
}
