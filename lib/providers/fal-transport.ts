import { FalHttpError, FalNetworkError, networkReason } from "@/lib/providers/fal-errors";

const MAX_ERROR_BODY_CHARS = 16_000;

export interface FalFetchOptions {
  /** When set, every request goes to this origin (plus its path prefix) whatever host the client chose. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * Read the whole body before returning (default true). A body that breaks off mid-read would otherwise
   * surface as a TypeError with an UND_ERR_SOCKET cause, which the client retries: for a submit whose
   * answer was cut short, that is a second billed job. Off only for streaming downloads.
   */
  buffer?: boolean;
  /** Gives up on a request (including reading its body) after this long; a hung provider must not stall jobs. */
  timeoutMs?: number;
}

/** 30 s for API calls; downloads (streamed, unbuffered) get 10 minutes. */
export const API_TIMEOUT_MS = 30_000;
export const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * Points a fal URL at `baseUrl`. @fal-ai/client hard-codes queue.fal.run and rest.fal.ai, and storage
 * hands back upload URLs on other hosts (fal.media, signed bucket URLs), so the rewrite is by origin, not
 * by a host list: with a base URL set, nothing can leave for a real fal host.
 */
export function rewriteFalUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  const target = new URL(url);
  if (target.origin === base.origin && target.pathname.startsWith(`${prefix}/`)) return url;
  return `${base.origin}${prefix}${target.pathname}${target.search}`;
}

/**
 * The fetch the fal client gets. Besides rewriting, it turns every failure into an error the client's
 * retry loop does not recognise (see FalHttpError / FalNetworkError), which is the only way to switch off
 * the queue's built-in retries: queue calls pass their own retry options that override the client config.
 */
export function createFalFetch({
  baseUrl,
  fetch: inner = globalThis.fetch,
  buffer = true,
  timeoutMs = buffer ? API_TIMEOUT_MS : DOWNLOAD_TIMEOUT_MS,
}: FalFetchOptions): typeof fetch {
  const falFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const rawUrl = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = rewriteFalUrl(rawUrl, baseUrl);
    const request = input instanceof Request ? new Request(url, input) : url;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await inner(request, { ...init, signal });
    } catch (err) {
      throw new FalNetworkError(networkReason(err) ?? "unknown");
    }
    if (!response.ok)
      throw new FalHttpError(response.status, await readErrorBody(response), response.headers);
    if (!buffer) return response;
    let bytes: ArrayBuffer;
    try {
      bytes = await response.arrayBuffer();
    } catch (err) {
      throw new FalNetworkError(networkReason(err) ?? "unknown");
    }
    const { status, statusText, headers } = response;
    return new Response(bytes.byteLength > 0 ? bytes : null, { status, statusText, headers });
  };
  return falFetch as typeof fetch;
}

async function readErrorBody(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = (await response.text()).slice(0, MAX_ERROR_BODY_CHARS);
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    // A short plain-text answer is a message worth showing; an HTML error page from a proxy is not.
    const plain = (response.headers.get("content-type") ?? "").startsWith("text/plain");
    return plain && text.trim() && text.length <= 300 ? { detail: text.trim() } : undefined;
  }
}
