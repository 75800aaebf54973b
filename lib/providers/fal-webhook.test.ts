import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import {
  clearFalJwksCache,
  type FalWebhookPayload,
  verifyFalWebhook,
  webhookToOutcome,
} from "@/lib/providers/fal-webhook";
import { ProviderCallError } from "@/lib/providers/types";

const NOW = 1_760_000_000_000;
const JWKS_URL = "https://rest.example/.well-known/jwks.json";
const REQUEST_ID = "5b2d3c4e-0000-4000-8000-000000000001";

const keyA = crypto.generateKeyPairSync("ed25519");
const keyB = crypto.generateKeyPairSync("ed25519");
const jwk = (k: crypto.KeyPairKeyObjectResult) => k.publicKey.export({ format: "jwk" });

/** A JWKS endpoint whose keys the test can swap, counting fetches. */
function jwksServer(keys: crypto.KeyPairKeyObjectResult[]) {
  const state = { keys, fetches: 0, fail: false };
  const fetcher = (async () => {
    state.fetches++;
    if (state.fail) return new Response("down", { status: 503 });
    return Response.json({ keys: [{ kty: "RSA", n: "x", e: "AQAB" }, ...state.keys.map(jwk)] });
  }) as unknown as typeof fetch;
  return { state, fetch: fetcher };
}

const okBody = (requestId = REQUEST_ID) =>
  JSON.stringify({
    request_id: requestId,
    gateway_request_id: requestId,
    status: "OK",
    payload: {
      video: {
        url: "https://v3.fal.media/files/out.mp4",
        content_type: "video/mp4",
        file_name: "out.mp4",
        file_size: 1234,
      },
    },
    error: null,
  });

function signed(
  body: string,
  options: { key?: crypto.KeyPairKeyObjectResult; timestamp?: number; requestId?: string } = {},
) {
  const requestId = options.requestId ?? REQUEST_ID;
  const timestamp = String(options.timestamp ?? Math.floor(NOW / 1000));
  const hash = crypto.createHash("sha256").update(body).digest("hex");
  const message = Buffer.from(`${requestId}\nuser-1\n${timestamp}\n${hash}`);
  const signature = crypto.sign(null, message, (options.key ?? keyA).privateKey).toString("hex");
  return new Headers({
    "X-Fal-Webhook-Request-Id": requestId,
    "X-Fal-Webhook-User-Id": "user-1",
    "X-Fal-Webhook-Timestamp": timestamp,
    "X-Fal-Webhook-Signature": signature,
  });
}

const verify = (headers: Headers, body: string, f: typeof fetch, now = NOW) =>
  verifyFalWebhook({ headers, rawBody: new TextEncoder().encode(body), jwksUrl: JWKS_URL, now, fetch: f });

beforeEach(() => clearFalJwksCache());

describe("verifyFalWebhook", () => {
  it("accepts a good signature and returns the parsed payload", async () => {
    const { fetch } = jwksServer([keyA]);
    const result = await verify(signed(okBody()), okBody(), fetch);
    expect(result).toMatchObject({ ok: true, payload: { request_id: REQUEST_ID, status: "OK" } });
  });

  it("rejects a wrong signature", async () => {
    const { fetch } = jwksServer([keyA]);
    const headers = signed(okBody());
    const sig = headers.get("x-fal-webhook-signature")!;
    headers.set("x-fal-webhook-signature", (sig[0] === "0" ? "1" : "0") + sig.slice(1));
    expect(await verify(headers, okBody(), fetch)).toEqual({
      ok: false,
      reason: "signature does not match any of fal's keys",
    });
    headers.set("x-fal-webhook-signature", "not-hex");
    expect(await verify(headers, okBody(), fetch)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/hex/),
    });
  });

  it("rejects a signature made with a key fal does not publish", async () => {
    const { fetch } = jwksServer([keyA]);
    expect(await verify(signed(okBody(), { key: keyB }), okBody(), fetch)).toMatchObject({ ok: false });
  });

  it("rejects stale and future timestamps", async () => {
    const { fetch, state } = jwksServer([keyA]);
    const old = signed(okBody(), { timestamp: NOW / 1000 - 301 });
    expect(await verify(old, okBody(), fetch)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/300 s/),
    });
    const future = signed(okBody(), { timestamp: NOW / 1000 + 301 });
    expect(await verify(future, okBody(), fetch)).toMatchObject({ ok: false });
    expect(state.fetches).toBe(0);
    expect(await verify(signed(okBody(), { timestamp: NOW / 1000 - 299 }), okBody(), fetch)).toMatchObject({
      ok: true,
    });
  });

  it("rejects a tampered body", async () => {
    const { fetch } = jwksServer([keyA]);
    const tampered = okBody().replace("out.mp4", "evil.mp4");
    expect(await verify(signed(okBody()), tampered, fetch)).toMatchObject({ ok: false });
  });

  it("names missing headers", async () => {
    const { fetch } = jwksServer([keyA]);
    const headers = signed(okBody());
    headers.delete("x-fal-webhook-signature");
    headers.delete("x-fal-webhook-timestamp");
    const result = await verify(headers, okBody(), fetch);
    expect(result).toEqual({
      ok: false,
      reason: "missing header X-Fal-Webhook-Timestamp, X-Fal-Webhook-Signature",
    });
  });

  it("rejects a correctly signed body that is not JSON or not a fal payload", async () => {
    const { fetch } = jwksServer([keyA]);
    expect(await verify(signed("not json"), "not json", fetch)).toEqual({
      ok: false,
      reason: "body is not JSON",
    });
    const odd = JSON.stringify({ request_id: REQUEST_ID, status: "MAYBE" });
    expect(await verify(signed(odd), odd, fetch)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/payload/),
    });
  });

  it("rejects a body whose request_id differs from the signed header", async () => {
    const { fetch } = jwksServer([keyA]);
    const body = okBody("another-request");
    expect(await verify(signed(body), body, fetch)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/request_id/),
    });
  });

  it("caches the key set for a day", async () => {
    const { fetch, state } = jwksServer([keyA]);
    await verify(signed(okBody()), okBody(), fetch);
    await verify(signed(okBody()), okBody(), fetch);
    expect(state.fetches).toBe(1);
    const later = NOW + 25 * 60 * 60 * 1000;
    await verify(signed(okBody(), { timestamp: later / 1000 }), okBody(), fetch, later);
    expect(state.fetches).toBe(2);
  });

  it("follows a key rotation, refetching at most once a minute", async () => {
    const { fetch, state } = jwksServer([keyA]);
    expect(await verify(signed(okBody()), okBody(), fetch)).toMatchObject({ ok: true });
    state.keys = [keyB];
    // Within a minute of the last fetch a bad signature does not hit the JWKS again.
    expect(await verify(signed(okBody(), { key: keyB }), okBody(), fetch, NOW + 30_000)).toMatchObject({
      ok: false,
    });
    expect(state.fetches).toBe(1);
    const later = NOW + 61_000;
    const rotated = signed(okBody(), { key: keyB, timestamp: later / 1000 });
    expect(await verify(rotated, okBody(), fetch, later)).toMatchObject({ ok: true });
    expect(state.fetches).toBe(2);
    // A forged signature right after does not cause another fetch.
    const forged = signed(okBody(), { key: keyA, timestamp: later / 1000 });
    expect(await verify(forged, okBody(), fetch, later + 1000)).toMatchObject({ ok: false });
    expect(state.fetches).toBe(2);
  });

  it("reports a JWKS outage as transient", async () => {
    const { fetch, state } = jwksServer([keyA]);
    state.fail = true;
    expect(await verify(signed(okBody()), okBody(), fetch)).toMatchObject({ ok: false, transient: true });
  });
});

describe("webhookToOutcome", () => {
  const base = { request_id: REQUEST_ID, gateway_request_id: REQUEST_ID };

  it("turns OK into the video", () => {
    const payload = JSON.parse(okBody()) as FalWebhookPayload;
    expect(webhookToOutcome(payload)).toEqual({
      ok: true,
      video: {
        url: "https://v3.fal.media/files/out.mp4",
        contentType: "video/mp4",
        fileName: "out.mp4",
        bytes: 1234,
      },
    });
  });

  it("maps an ERROR carrying a 422 detail list like the queue's result", () => {
    const outcome = webhookToOutcome({
      ...base,
      status: "ERROR",
      error: "Invalid status code: 422",
      payload: { detail: [{ loc: ["body", "prompt"], msg: "flagged", type: "content_policy_violation" }] },
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: "content_policy_violation", retryable: false },
    });
  });

  it("maps an ERROR with a flat detail as a provider failure", () => {
    const outcome = webhookToOutcome({
      ...base,
      status: "ERROR",
      error: "Invalid status code: 503",
      payload: { detail: "Runner disconnected", error_type: "runner_disconnected" },
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: "provider_unavailable", retryable: true } });
  });

  it("throws a retryable error when fal could not attach the output", () => {
    const call = () => webhookToOutcome({ ...base, status: "OK", payload: null, payload_error: "too large" });
    expect(call).toThrow(ProviderCallError);
    expect(call).toThrow(/fetched instead/);
  });
});
