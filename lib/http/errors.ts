import { DATABASE_UNAVAILABLE_MESSAGE, errorLine, isDatabaseUnavailable } from "@/lib/db/errors";
import type { ApiErrorBody } from "@/lib/generations/dto";

/** An expected failure with a stable code, an HTTP status and a message a person can act on. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields?: Record<string, string>,
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

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) return Response.json(err.toBody(), { status: err.status });
  if (isDatabaseUnavailable(err)) {
    // Expected while PostgreSQL restarts: one line in the log, a clear 503 for the client.
    console.warn(`[db] request refused, the database is unavailable: ${errorLine(err)}`);
    const body: ApiErrorBody = {
      error: { code: "database_unavailable", message: DATABASE_UNAVAILABLE_MESSAGE },
    };
    return Response.json(body, { status: 503, headers: { "Retry-After": "5" } });
  }
  // Internals stay in the server log; the client gets a generic message.
  console.error(err);
  const body: ApiErrorBody = {
    error: { code: "internal_error", message: "Something went wrong on the server. Try again in a moment." },
  };
  return Response.json(body, { status: 500 });
}
