import type { ApiErrorBody } from "@/lib/http/types";

/** A failed request to our own API, carrying the server's `{ error: { code, message } }` when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "message" in error;
}

/** Turns any response body into an ApiRequestError with a message a person can read. */
export function toApiError(status: number, body: unknown): ApiRequestError {
  if (isApiErrorBody(body)) {
    return new ApiRequestError(status, body.error.code, body.error.message, body.error.fields);
  }
  if (status === 0) {
    return new ApiRequestError(
      0,
      "network_error",
      "Could not reach the studio server. Check that it is running.",
    );
  }
  return new ApiRequestError(status, "http_error", `The studio server answered ${status}.`);
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw toApiError(0, null);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, body);
  return body as T;
}

/** A write to one of our routes, JSON (or nothing) in and out; a refusal throws with the server's message. */
export async function sendJson<T>(
  method: "POST" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw toApiError(0, null);
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, parsed);
  return parsed as T;
}
