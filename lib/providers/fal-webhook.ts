import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { mapFalResponse } from "@/lib/providers/fal-errors";
import { falOutputToResult } from "@/lib/providers/fal-output";
import { ProviderCallError, type ProviderResult } from "@/lib/providers/types";

/** fal signs a webhook at send time; older (or future) timestamps are replays or clock trouble. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
const JWKS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A failed verification may mean fal rotated keys: refetch then, but not more often than this. */
const JWKS_MIN_REFETCH_MS = 60 * 1000;
const JWKS_FETCH_TIMEOUT_MS = 10_000;

export const falWebhookPayloadSchema = z.object({
  request_id: z.string().min(1),
  gateway_request_id: z.string().nullish(),
  status: z.enum(["OK", "ERROR"]),
  payload: z.unknown().optional(),
  error: z.string().nullish(),
  payload_error: z.string().nullish(),
});
export type FalWebhookPayload = z.infer<typeof falWebhookPayloadSchema>;

export type VerifyFalWebhookResult =
  | { ok: true; payload: FalWebhookPayload }
  /** `transient` when fal's keys could not be fetched: answer 5xx so fal delivers again later. */
  | { ok: false; reason: string; transient?: boolean };

export interface VerifyFalWebhookOptions {
  headers: Headers;
  rawBody: Uint8Array;
  jwksUrl: string;
  /** Current time in milliseconds (Date.now()), for tests. */
  now?: number;
  fetch?: typeof fetch;
}

interface CachedKeys {
  keys: crypto.KeyObject[];
  fetchedAt: number;
  /** Last forced refetch attempt, successful or not: bounds how often a bad signature can hit the JWKS. */
  refetchTriedAt: number;
}
const jwksCache = new Map<string, CachedKeys>();

/** Forgets every cached key set (tests). */
export function clearFalJwksCache() {
  jwksCache.clear();
}

/** Checks fal's Ed25519 signature, the timestamp window and the body before anything trusts the payload. */
export async function verifyFalWebhook(options: VerifyFalWebhookOptions): Promise<VerifyFalWebhookResult> {
  const { headers, rawBody, jwksUrl } = options;
  const now = options.now ?? Date.now();
  const requestId = headers.get("x-fal-webhook-request-id");
  const userId = headers.get("x-fal-webhook-user-id");
  const timestamp = headers.get("x-fal-webhook-timestamp");
  const signatureHex = headers.get("x-fal-webhook-signature");
  const missing = [
    ["X-Fal-Webhook-Request-Id", requestId],
    ["X-Fal-Webhook-User-Id", userId],
    ["X-Fal-Webhook-Timestamp", timestamp],
    ["X-Fal-Webhook-Signature", signatureHex],
  ].filter(([, v]) => !v);
  if (missing.length > 0)
    return { ok: false, reason: `missing header ${missing.map(([h]) => h).join(", ")}` };

  if (!/^\d{1,12}$/.test(timestamp!)) return { ok: false, reason: "timestamp is not a unix time in seconds" };
  if (Math.abs(now / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: `timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s away from now` };
  }
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex!)) {
    return { ok: false, reason: "signature is not a hex Ed25519 signature" };
  }
  const signature = Buffer.from(signatureHex!, "hex");
  const bodyHash = crypto.createHash("sha256").update(rawBody).digest("hex");
  const message = Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${bodyHash}`, "utf8");

  const fetcher = options.fetch ?? globalThis.fetch;
  let cached: CachedKeys;
  try {
    cached = await loadKeys(jwksUrl, fetcher, now, false);
  } catch {
    return { ok: false, reason: "fal's webhook keys could not be fetched", transient: true };
  }
  let valid = verifyWithAny(cached.keys, message, signature);
  if (!valid && now - Math.max(cached.fetchedAt, cached.refetchTriedAt) >= JWKS_MIN_REFETCH_MS) {
    cached.refetchTriedAt = now;
    try {
      valid = verifyWithAny((await loadKeys(jwksUrl, fetcher, now, true)).keys, message, signature);
    } catch {
      return { ok: false, reason: "fal's webhook keys could not be refreshed", transient: true };
    }
  }
  if (!valid) return { ok: false, reason: "signature does not match any of fal's keys" };

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(rawBody));
  } catch {
    return { ok: false, reason: "body is not JSON" };
  }
  const parsed = falWebhookPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "body is not a fal webhook payload" };
  if (parsed.data.request_id !== requestId) {
    return { ok: false, reason: "body request_id does not match X-Fal-Webhook-Request-Id" };
  }
  return { ok: true, payload: parsed.data };
}

function verifyWithAny(keys: crypto.KeyObject[], message: Buffer, signature: Buffer): boolean {
  return keys.some((key) => {
    try {
      return crypto.verify(null, message, key, signature);
    } catch {
      return false;
    }
  });
}

async function loadKeys(
  url: string,
  fetcher: typeof fetch,
  now: number,
  force: boolean,
): Promise<CachedKeys> {
  const hit = jwksCache.get(url);
  if (hit && !force && now - hit.fetchedAt < JWKS_MAX_AGE_MS) return hit;
  const res = await fetcher(url, {
    headers: { Accept: "application/json" },
    signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`JWKS answered HTTP ${res.status}`);
  const body = (await res.json()) as { keys?: unknown };
  const keys = (Array.isArray(body.keys) ? body.keys : []).flatMap((jwk) => {
    const k = jwk as { kty?: unknown; crv?: unknown; x?: unknown };
    if (k.kty !== "OKP" || k.crv !== "Ed25519" || typeof k.x !== "string") return [];
    try {
      return [crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: k.x }, format: "jwk" })];
    } catch {
      return [];
    }
  });
  if (keys.length === 0) throw new Error("JWKS has no Ed25519 keys");
  const entry = { keys, fetchedAt: now, refetchTriedAt: now };
  jwksCache.set(url, entry);
  return entry;
}

/**
 * The job's outcome as a webhook tells it. When fal could not attach the output (`payload_error`, e.g. too
 * large), this throws a retryable ProviderCallError (code webhook_payload_unavailable): the job did finish,
 * so the caller should fetch the result through the queue instead of failing the generation.
 */
export function webhookToOutcome(payload: FalWebhookPayload): ProviderResult {
  if (payload.status === "OK") {
    if (payload.payload == null) {
      throw new ProviderCallError({
        code: "webhook_payload_unavailable",
        message:
          "fal finished the job but its webhook carried no output. The result will be fetched instead.",
        retryable: true,
      });
    }
    return falOutputToResult(payload.payload);
  }
  const body = (payload.payload ?? undefined) as { detail?: unknown } | undefined;
  // fal's error text looks like "Invalid status code: 422": the original HTTP status of the model's answer.
  const status = Number(/\b([1-5]\d\d)\b/.exec(payload.error ?? "")?.[1] ?? NaN);
  const fallbackStatus = Array.isArray(body?.detail) ? 422 : 500;
  const mapped = mapFalResponse(
    Number.isFinite(status) ? status : fallbackStatus,
    body ?? {
      detail: payload.error ?? undefined,
    },
  );
  return { ok: false, error: mapped.error };
}
