import type http from "node:http";
// fal's answer shapes, for the fake server: pydantic-style 422 lists, model errors and flat infra errors.

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FalDetailItem {
  loc: (string | number)[];
  msg: string;
  type: string;
  url?: string;
  ctx?: Record<string, unknown>;
  input?: unknown;
}

export const FAKE_OUTCOMES = [
  "success",
  "content_policy",
  "image_too_small",
  "image_load_error",
  "file_download_error",
  "model_error",
  "timeout",
  "no_video",
] as const;
export type FakeOutcome = (typeof FAKE_OUTCOMES)[number];

/** `[fake:content_policy]` in a prompt picks that outcome; `[fake:hold]` holds the job in the queue. */
export function promptDirectives(prompt: unknown): { outcome?: FakeOutcome; hold: boolean } {
  if (typeof prompt !== "string") return { hold: false };
  const tags = [...prompt.matchAll(/\[fake:([a-z_]+)\]/g)].map((m) => m[1]!);
  const outcome = tags.find((t): t is FakeOutcome => (FAKE_OUTCOMES as readonly string[]).includes(t));
  return { outcome, hold: tags.includes("hold") };
}

const INFRA: Record<number, { type?: string; detail: string }> = {
  400: { type: "bad_request", detail: "Bad request" },
  401: { detail: "Invalid API key" },
  403: { detail: "This key may not call this endpoint" },
  404: { detail: "Not Found" },
  429: { detail: "Too many requests: the account's rate limit was exceeded" },
  499: { type: "client_cancelled", detail: "The request was cancelled by the client" },
  500: { type: "internal_error", detail: "An unexpected internal error occurred" },
  502: { type: "runner_incomplete_response", detail: "The runner sent an incomplete response" },
  503: { type: "runner_scheduling_failure", detail: "No runner could be allocated to handle the request" },
  504: { type: "request_timeout", detail: "Request timed out" },
};

/** fal's flat infrastructure error: `{ detail, error_type }` plus the X-Fal-Error-Type header. */
export function infraError(status: number, errorType?: string): FakeResponse {
  if (status === 422) {
    return {
      status,
      body: { detail: [detailItem("value_error", ["body"], "The input could not be processed")] },
    };
  }
  const known = INFRA[status] ?? { type: status >= 500 ? "internal_error" : undefined, detail: "Error" };
  const type = errorType ?? known.type;
  return {
    status,
    body: type ? { detail: known.detail, error_type: type } : { detail: known.detail },
    headers: type ? { "x-fal-error-type": type } : {},
  };
}

/** One item of fal's 422 `detail` list, with its documentation link. */
export const detailItem = (
  type: string,
  loc: (string | number)[],
  msg: string,
  ctx?: Record<string, unknown>,
) =>
  ({ loc, msg, type, url: `https://docs.fal.ai/errors#${type}`, ...(ctx ? { ctx } : {}) }) as FalDetailItem;

/** What the job's result endpoint answers for a failing outcome (success is built by the server). */
export function outcomeError(outcome: Exclude<FakeOutcome, "success" | "no_video">): FakeResponse {
  const notRetryable = { "x-fal-retryable": "false" };
  switch (outcome) {
    case "content_policy":
      return {
        status: 422,
        headers: notRetryable,
        body: {
          detail: [
            detailItem(
              "content_policy_violation",
              ["body", "prompt"],
              "The content could not be processed because it contained material flagged by a content checker.",
            ),
          ],
        },
      };
    case "image_too_small":
      return {
        status: 422,
        headers: notRetryable,
        body: {
          detail: [
            detailItem("image_too_small", ["body", "image_urls", 0], "Image dimensions are too small", {
              min_height: 300,
              min_width: 300,
            }),
          ],
        },
      };
    case "image_load_error":
      return {
        status: 422,
        headers: notRetryable,
        body: {
          detail: [detailItem("image_load_error", ["body", "image_urls", 0], "Failed to load the image")],
        },
      };
    case "file_download_error":
      return {
        status: 422,
        headers: notRetryable,
        body: {
          detail: [
            detailItem("file_download_error", ["body", "image_urls", 0], "Failed to download the file"),
          ],
        },
      };
    case "model_error":
      return infraError(500, "runner_server_error");
    case "timeout":
      return infraError(504, "request_timeout");
  }
}

/** The `error` / `error_type` a COMPLETED status shows for a failed job. */
export function describeFailure(r: FakeResponse): { error: string; error_type: string } {
  const body = (r.body ?? {}) as { detail?: unknown; error_type?: string };
  const first = Array.isArray(body.detail) ? (body.detail[0] as { msg?: string; type?: string }) : undefined;
  return {
    error: first?.msg ?? (typeof body.detail === "string" ? body.detail : `Invalid status code: ${r.status}`),
    error_type: first?.type ?? body.error_type ?? "internal_error",
  };
}

export function send(res: http.ServerResponse, r: FakeResponse) {
  const payload = r.body === undefined ? "" : JSON.stringify(r.body);
  res.writeHead(r.status, {
    ...(r.body === undefined ? {} : { "content-type": "application/json" }),
    "content-length": Buffer.byteLength(payload),
    ...r.headers,
  });
  res.end(payload);
}

export function readBody(req: http.IncomingMessage, limit = 50 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) req.destroy(new Error("body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
