import { DATABASE_UNAVAILABLE_MESSAGE, errorLine, isDatabaseUnavailable } from "@/lib/db/errors";
import type { ApiErrorBody } from "./types";

/** An expected failure with a stable code, an HTTP status and a message a person can act on. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields?: Record<string, string>,
    /** Extra response headers (e.g. WWW-Authenticate on a 401). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  toBody(): ApiErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

export interface MappedError {
  status: number;
  body: ApiErrorBody;
  headers?: Record<string, string>;
}

/**
 * The one mapping from anything thrown to what the client is told, for route handlers (errorResponse)
 * and server actions (lib/http/server-action.ts) alike.
 */
export function mapError(err: unknown): MappedError {
  if (err instanceof AppError) return { status: err.status, body: err.toBody(), headers: err.headers };
  if (isDatabaseUnavailable(err)) {
    // Expected while PostgreSQL restarts: one line in the log, a clear 503 for the client.
    console.warn(`[db] request refused, the database is unavailable: ${errorLine(err)}`);
    return {
      status: 503,
      body: { error: { code: "database_unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } },
      headers: { "Retry-After": "5" },
    };
  }
  // Internals stay in the server log; the client gets a generic message.
  console.error(err);
  return {
    status: 500,
    body: {
      error: {
        code: "internal_error",
        message: "Something went wrong on the server. Try again in a moment.",
      },
    },
  };
}

export function errorResponse(err: unknown): Response {
  const { status, body, headers } = mapError(err);
  return Response.json(body, { status, headers });
}
