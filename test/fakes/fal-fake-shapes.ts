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
    return { status, body: { detail: [item("value_error", ["body"], "The input could not be processed")] } };
  }
  const known = INFRA[status] ?? { type: status >= 500 ? "internal_error" : undefined, detail: "Error" };
  const type = errorType ?? known.type;
  return {
    status,
    body: type ? { detail: known.detail, error_type: type } : { detail: known.detail },
    headers: type ? { "x-fal-error-type": type } : {},
  };
}

const item = (type: string, loc: (string | number)[], msg: string, ctx?: Record<string, unknown>) =>
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
            item(
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
            item("image_too_small", ["body", "image_urls", 0], "Image dimensions are too small", {
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
        body: { detail: [item("image_load_error", ["body", "image_urls", 0], "Failed to load the image")] },
      };
    case "file_download_error":
      return {
        status: 422,
        headers: notRetryable,
        body: {
          detail: [item("file_download_error", ["body", "image_urls", 0], "Failed to download the file")],
        },
      };
    case "model_error":
      return infraError(500, "runner_server_error");
    case "timeout":
      return infraError(504, "request_timeout");
  }
}

const IMAGE_MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], "png"],
  [[0xff, 0xd8, 0xff], "jpeg"],
  [[0x52, 0x49, 0x46, 0x46], "webp"],
  [[0x47, 0x49, 0x46, 0x38], "gif"],
];
const isImage = (b: Uint8Array) => IMAGE_MAGIC.some(([magic]) => magic.every((byte, i) => b[i] === byte));

/**
 * Validates the model input the way fal's pydantic schema does, including fetching every image_url
 * (`resolve` returns the bytes of one of the fake's own files, or undefined when it can't be fetched).
 */
export function validateInput(
  input: unknown,
  resolve: (url: string) => Uint8Array | undefined,
): FalDetailItem[] {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    return [{ loc: ["body"], msg: "Input should be a valid dictionary", type: "dict_type", input }];
  }
  const body = input as Record<string, unknown>;
  const errors: FalDetailItem[] = [];
  const pyd = (
    field: string | [string, number],
    type: string,
    msg: string,
    ctx?: Record<string, unknown>,
  ) => {
    const loc = ["body", ...(Array.isArray(field) ? field : [field])];
    const value = Array.isArray(field) ? (body[field[0]] as unknown[])[field[1]] : body[field];
    const url = `https://errors.pydantic.dev/2.10/v/${type}`;
    errors.push({ type, loc, msg, input: value, url, ...(ctx ? { ctx } : {}) });
  };

  if (!("prompt" in body)) pyd("prompt", "missing", "Field required");
  else if (typeof body.prompt !== "string") pyd("prompt", "string_type", "Input should be a valid string");

  const urls = body.image_urls;
  if (urls === undefined) pyd("image_urls", "missing", "Field required");
  else if (!Array.isArray(urls)) pyd("image_urls", "list_type", "Input should be a valid list");
  else if (urls.length < 1 || urls.length > 5) {
    const short = urls.length < 1;
    pyd(
      "image_urls",
      short ? "too_short" : "too_long",
      `List should have ${short ? "at least 1 item" : "at most 5 items"} after validation, not ${urls.length}`,
      { field_type: "List", ...(short ? { min_length: 1 } : { max_length: 5 }), actual_length: urls.length },
    );
  } else {
    for (const [i, url] of urls.entries()) {
      const loc = ["body", "image_urls", i];
      if (typeof url !== "string") {
        pyd(["image_urls", i], "string_type", "Input should be a valid string");
        continue;
      }
      const bytes = resolve(url);
      if (!bytes) errors.push(item("file_download_error", loc, `Failed to download the file from ${url}`));
      else if (!isImage(bytes)) errors.push(item("image_load_error", loc, "Failed to load the image"));
    }
  }

  if ("aspect_ratio" in body && body.aspect_ratio !== "16:9" && body.aspect_ratio !== "9:16") {
    pyd("aspect_ratio", "literal_error", "Input should be '16:9' or '9:16'", {
      expected: "'16:9' or '9:16'",
    });
  }
  if ("duration" in body) {
    const d = body.duration;
    if (typeof d !== "number" || !Number.isInteger(d)) {
      pyd("duration", "int_type", "Input should be a valid integer");
    } else if (d < 3) {
      pyd("duration", "greater_than_equal", "Input should be greater than or equal to 3", { ge: 3 });
    } else if (d > 10) {
      pyd("duration", "less_than_equal", "Input should be less than or equal to 10", { le: 10 });
    }
  }
  return errors;
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
