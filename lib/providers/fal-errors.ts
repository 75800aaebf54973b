import { ProviderCallError, type ProviderError } from "@/lib/providers/types";

/**
 * A non-2xx answer from fal. Thrown by our fetch wrapper instead of letting @fal-ai/client build its
 * ApiError, because ApiError drops the response headers (X-Fal-Retryable, X-Fal-Error-Type) and because
 * the client retries ApiErrors with 429/5xx on its own, which we must never allow for a billable submit.
 */
export class FalHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers,
  ) {
    super(`fal answered HTTP ${status}`);
    this.name = "FalHttpError";
  }
}

/**
 * A transport failure talking to fal. It deliberately carries neither `code` nor `cause`: the client walks
 * both looking for ECONNRESET & co. and would retry, which must stay our pipeline's decision.
 */
export class FalNetworkError extends Error {
  constructor(
    /** e.g. ECONNREFUSED, ECONNRESET, aborted, timeout, unknown */
    readonly reason: string,
  ) {
    super(`fal could not be reached (${reason})`);
    this.name = "FalNetworkError";
  }
}

export interface FalErrorContext {
  /** The job's references, in order, so messages can name the image the model complained about. */
  references?: readonly { fileName?: string }[];
  /** The job's reference videos, in order (`reference_video_urls`, `<VIDEO_REF_n>`). */
  videos?: readonly { fileName?: string }[];
}

interface FalDetailItem {
  loc?: unknown[];
  msg?: string;
  type?: string;
  ctx?: Record<string, unknown>;
}

const MAX_PROVIDER_TEXT = 300;
const CONNECT_PHASE_REASONS = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** True when the request can't have reached fal, so resending it cannot double-bill. */
export function isConnectPhaseFailure(err: unknown): boolean {
  return err instanceof FalNetworkError && CONNECT_PHASE_REASONS.has(err.reason);
}

/** Finds the transport reason (ECONNREFUSED, aborted, ...) in a fetch failure's cause chain. */
export function networkReason(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = err;
  let reason: string | undefined;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { name, code } = current as { name?: unknown; code?: unknown };
    if (name === "AbortError") return "aborted";
    if (name === "TimeoutError") return "timeout";
    if (typeof code === "string" && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) reason ??= code;
    current = (current as { cause?: unknown }).cause;
  }
  if (reason) return reason;
  if (err instanceof TypeError && /fetch failed|network/i.test(err.message)) return "unknown";
  return undefined;
}

const call = (error: ProviderError, status?: number) => new ProviderCallError(error, status);

/** Maps anything a fal call can throw to the studio's error: a stable code, an actionable sentence, retryable. */
export function mapFalError(err: unknown, context: FalErrorContext = {}): ProviderCallError {
  if (err instanceof ProviderCallError) return err;
  if (err instanceof FalHttpError) return mapFalResponse(err.status, err.body, err.headers, context);
  // @fal-ai/client's own ApiError/ValidationError (status + body, headers lost).
  if (err && typeof err === "object" && typeof (err as { status?: unknown }).status === "number") {
    const { status, body } = err as { status: number; body?: unknown };
    if (status >= 100) return mapFalResponse(status, body, undefined, context);
  }
  const reason = err instanceof FalNetworkError ? err.reason : networkReason(err);
  if (reason) return unreachable(reason);
  return call({
    code: "provider_error",
    message:
      "Something unexpected went wrong while talking to fal. Try again; if it keeps happening, check the server logs.",
    retryable: false,
  });
}

function unreachable(reason: string): ProviderCallError {
  const what =
    reason === "aborted" || reason === "timeout"
      ? "The request to fal timed out or was aborted before fal answered."
      : `Could not reach fal (${reason === "unknown" ? "network error" : reason}).`;
  return call({
    code: "provider_unreachable",
    message: `${what} Check this server's network connection; trying again later usually works.`,
    retryable: true,
  });
}

/** Maps an HTTP status + body (+ headers when known), e.g. a queue answer or a webhook's error payload. */
export function mapFalResponse(
  status: number,
  body: unknown,
  headers?: Headers,
  context: FalErrorContext = {},
): ProviderCallError {
  const retryHeader = headers?.get("x-fal-retryable")?.toLowerCase();
  const headerRetryable = retryHeader === "true" ? true : retryHeader === "false" ? false : undefined;
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  const errorType =
    headers?.get("x-fal-error-type") ?? stringOr((body as { error_type?: unknown } | undefined)?.error_type);

  if (status === 401 || status === 403) {
    return call(
      {
        code: "provider_auth",
        message: `fal refused the FAL_KEY (HTTP ${status}). Check that FAL_KEY holds a valid key with access to this model, then restart the studio.`,
        retryable: false,
      },
      status,
    );
  }
  if (status === 429) {
    return call(
      {
        code: "rate_limited",
        message: "fal is rate-limiting this account right now. The job will be tried again shortly.",
        retryable: headerRetryable ?? true,
      },
      status,
    );
  }
  if (Array.isArray(detail) && detail.length > 0) {
    const error = mapDetailList(detail as FalDetailItem[], status, context);
    // content_policy_violation is final whatever the header says: resending the same input can't pass.
    if (headerRetryable !== undefined && error.code !== "content_policy_violation") {
      error.retryable = headerRetryable;
    }
    return call(error, status);
  }
  const text = clip(stringOr(detail) ?? stringOr((body as { message?: unknown } | undefined)?.message));
  const error = mapFlat(status, errorType, text, headers);
  if (headerRetryable !== undefined) error.retryable = headerRetryable;
  return call(error, status);
}

function mapFlat(
  status: number,
  errorType: string | undefined,
  text: string | undefined,
  headers?: Headers,
): ProviderError {
  const tag = errorType ? `HTTP ${status}, ${errorType}` : `HTTP ${status}`;
  if (status === 499 || errorType === "client_cancelled") {
    return { code: "canceled", message: "The request was cancelled before it finished.", retryable: false };
  }
  if (status === 504 && headers?.get("x-fal-request-timeout-type") === "user") {
    return {
      code: "provider_timeout",
      message: "fal could not start the job within the requested time limit. Try again later.",
      retryable: false,
    };
  }
  if (status === 504 || status === 408 || errorType?.includes("timeout")) {
    return {
      code: "provider_timeout",
      message: `fal timed out (${tag}). Trying again later usually works.`,
      retryable: true,
    };
  }
  if (status >= 500) {
    return {
      code: "provider_unavailable",
      message: `fal could not run the job right now (${tag}). Trying again later usually works.`,
      retryable: true,
    };
  }
  if (status === 404) {
    return {
      code: "not_found",
      message: "fal does not know this request (HTTP 404). It may have expired; start a new generation.",
      retryable: false,
    };
  }
  return {
    code: "invalid_request",
    message: `fal rejected the request${text ? `: ${sentence(text)}` : ` (${tag}).`}`,
    retryable: false,
  };
}

const IMAGE_TYPES = [
  "image_too_small",
  "image_too_large",
  "image_load_error",
  "file_download_error",
  "file_too_large",
];
// fal's error types for a reference video (docs.fal.ai/errors).
const VIDEO_TYPES = ["video_duration_too_long", "unsupported_video_format"];

function mapDetailList(items: FalDetailItem[], status: number, context: FalErrorContext): ProviderError {
  const policy = items.find((i) => i.type === "content_policy_violation");
  if (policy) {
    const index = referenceIndex(policy.loc);
    const video = videoIndex(policy.loc);
    const what =
      index !== undefined
        ? describeReference(index, context)
        : video !== undefined
          ? describeVideo(video, context)
          : policy.loc?.includes("prompt")
            ? "the prompt"
            : "the prompt or the reference images";
    return {
      code: "content_policy_violation",
      message: `The provider's content policy refused ${what}. Change the prompt or the images and try again.`,
      retryable: false,
    };
  }
  const video = items.find(
    (i) =>
      i.type &&
      (VIDEO_TYPES.includes(i.type) || (IMAGE_TYPES.includes(i.type) && videoIndex(i.loc) !== undefined)),
  );
  if (video?.type) return mapVideoError(video, context);
  const image = items.find((i) => i.type && IMAGE_TYPES.includes(i.type));
  if (image?.type) return mapImageError(image, context);
  const first = items[0]!;
  const field = (first.loc ?? []).filter((p) => p !== "body").join(".");
  const msg = clip(first.msg) ?? "the input is not valid";
  if (first.type === "feature_not_supported") {
    return {
      code: "invalid_request",
      message: `The model does not support this: ${sentence(msg)}`,
      retryable: false,
    };
  }
  return {
    code: status === 422 || status === 400 ? "invalid_request" : "provider_error",
    message: `fal rejected the request: ${field ? `${field}: ` : ""}${sentence(msg)}`,
    retryable: status >= 500,
  };
}

function mapImageError(item: FalDetailItem, context: FalErrorContext): ProviderError {
  const index = referenceIndex(item.loc);
  const ref = index !== undefined ? describeReference(index, context) : "one of the reference images";
  const Ref = ref[0]!.toUpperCase() + ref.slice(1);
  const ctx = item.ctx ?? {};
  const dims = (w: unknown, h: unknown) =>
    typeof w === "number" && typeof h === "number" ? ` (${w}x${h} pixels)` : "";
  const messages: Record<string, string> = {
    image_too_small: `${Ref} is smaller than the model accepts${dims(ctx.min_width, ctx.min_height)}. Use a larger image.`,
    image_too_large: `${Ref} is larger than the model accepts${dims(ctx.max_width, ctx.max_height)}. Use a smaller image.`,
    image_load_error: `The model could not read ${ref}. Re-save it as PNG or JPEG and try again.`,
    file_download_error: `fal could not download ${ref}. Try again; if it keeps failing, upload the image again.`,
    file_too_large: `${Ref} is too big a file for the model. Use a smaller or more compressed image.`,
  };
  return { code: item.type!, message: messages[item.type!]!, retryable: false };
}

function mapVideoError(item: FalDetailItem, context: FalErrorContext): ProviderError {
  const index = videoIndex(item.loc);
  const ref = index !== undefined ? describeVideo(index, context) : "one of the reference videos";
  const Ref = ref[0]!.toUpperCase() + ref.slice(1);
  const max = item.ctx?.max_duration;
  const messages: Record<string, string> = {
    video_duration_too_long: `${Ref} is longer than the model accepts${typeof max === "number" ? ` (at most ${max} s)` : ""}. Trim it and try again.`,
    unsupported_video_format: `The model could not read ${ref}. Use an MP4, MOV or WebM video.`,
    file_download_error: `fal could not download ${ref}. Try again; if it keeps failing, add the video again.`,
    file_too_large: `${Ref} is too big a file for the model. Use a shorter or more compressed video.`,
  };
  const message =
    messages[item.type!] ?? `fal rejected ${ref}: ${sentence(clip(item.msg) ?? "the video is not valid")}`;
  return { code: item.type!, message, retryable: false };
}

function listIndex(loc: unknown[] | undefined, field: string): number | undefined {
  if (!loc) return undefined;
  const at = loc.indexOf(field);
  if (at < 0) return undefined;
  const n = Number(loc[at + 1]);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** ["body", "image_urls", 2] -> 2. */
export function referenceIndex(loc: unknown[] | undefined): number | undefined {
  return listIndex(loc, "image_urls");
}

/** ["body", "reference_video_urls", 1] -> 1. */
export function videoIndex(loc: unknown[] | undefined): number | undefined {
  return listIndex(loc, "reference_video_urls");
}

function describeVideo(index: number, context: FalErrorContext): string {
  const name = context.videos?.[index]?.fileName;
  return `reference video ${index + 1} (<VIDEO_REF_${index}>${name ? `, "${clip(name, 80)}"` : ""})`;
}

function describeReference(index: number, context: FalErrorContext): string {
  const name = context.references?.[index]?.fileName;
  return `reference image ${index + 1} (<IMAGE_REF_${index}>${name ? `, "${clip(name, 80)}"` : ""})`;
}

function stringOr(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

function clip(v: string | undefined, max = MAX_PROVIDER_TEXT): string | undefined {
  if (!v) return undefined;
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
