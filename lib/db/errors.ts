// Telling "the database is not there right now" (stopped, restarting, unreachable, out of connections)
// from every other failure, so callers can answer 503 with a clear sentence instead of a generic 500.

/** Prisma's codes for a database it cannot reach or lost mid-request (P1001 unreachable, P1017 closed...). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
/** Driver adapter error kinds with the same meaning. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/**
 * PostgreSQL SQLSTATEs: 08xxx connection exceptions, 57P01-57P03 (shutting down, crash recovery, not yet
 * accepting connections), 53300 too many connections.
 */
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
/**
 * Node's error for an HTTP request whose client hung up mid-body: `ECONNRESET` with the message "aborted".
 * The connection that broke is the client's, not the database's.
 */
const isClientAbort = (code: unknown, message: unknown) => code === "ECONNRESET" && message === "aborted";
const MESSAGES =
  /Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, kind, message, cause, meta, originalCode } = e as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
      originalCode?: unknown;
    };
    if (isClientAbort(code, message)) return false;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || SOCKET_CODES.has(code)))
      return true;
    if (typeof originalCode === "string" && SQLSTATE.test(originalCode)) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (kind === "postgres" && typeof code === "string" && SQLSTATE.test(code)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    queue.push(cause, meta?.driverAdapterError);
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The studio's database is not answering right now, so nothing was changed. Try again in a moment.";

/** The line of an error message that says what happened (Prisma's start with where it was called). */
export function errorLine(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).trim();
  return text.split("\n").pop()?.trim() || "unknown error";
}
