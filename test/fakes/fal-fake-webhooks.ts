import crypto from "node:crypto";

export interface WebhookDelivery {
  requestId: string;
  url: string;
  attempt: number;
  /** HTTP status of the receiver's answer; 0 when it could not be reached. */
  status: number;
  ok: boolean;
  /** Exactly the bytes sent (as UTF-8), so a test can replay the delivery. */
  rawBody: string;
  headers: Record<string, string>;
  at: number;
}

export interface SignOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Sign with a key that is not in the JWKS (forgery). */
  foreignKey?: boolean;
}

/** fal's webhook signing: Ed25519 over request id, user id, timestamp and the body's SHA-256 (hex). */
export class FakeWebhookSigner {
  private readonly keys = [crypto.generateKeyPairSync("ed25519")];
  private readonly foreign = crypto.generateKeyPairSync("ed25519");

  constructor(readonly userId: string) {}

  /** JWKS with every current public key. */
  jwks() {
    return {
      keys: this.keys.map(({ publicKey }, i) => ({
        ...(publicKey.export({ format: "jwk" }) as { kty: string; crv: string; x: string }),
        kid: `fake-fal-${i}`,
        use: "sig",
        alg: "EdDSA",
      })),
    };
  }

  /** Signs with a new key; the old one stays published only when `keepOld`. */
  rotate(keepOld = false) {
    const fresh = crypto.generateKeyPairSync("ed25519");
    if (keepOld) this.keys.unshift(fresh);
    else this.keys.splice(0, this.keys.length, fresh);
  }

  headers(requestId: string, rawBody: string, options: SignOptions = {}): Record<string, string> {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const hash = crypto.createHash("sha256").update(rawBody, "utf8").digest("hex");
    const message = Buffer.from(`${requestId}\n${this.userId}\n${timestamp}\n${hash}`, "utf8");
    const key = options.foreignKey ? this.foreign.privateKey : this.keys[0]!.privateKey;
    return {
      "content-type": "application/json",
      "x-fal-webhook-request-id": requestId,
      "x-fal-webhook-user-id": this.userId,
      "x-fal-webhook-timestamp": timestamp,
      "x-fal-webhook-signature": crypto.sign(null, message, key).toString("hex"),
    };
  }
}

/** One POST to the receiver; never throws. */
export async function postWebhook(
  url: string,
  rawBody: string,
  headers: Record<string, string>,
  meta: { requestId: string; attempt: number },
): Promise<WebhookDelivery> {
  let status = 0;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers,
      body: rawBody,
      signal: AbortSignal.timeout(10_000),
    });
    status = res.status;
    await res.arrayBuffer().catch(() => undefined);
  } catch {
    status = 0;
  }
  return {
    ...meta,
    url,
    status,
    ok: status >= 200 && status < 300,
    rawBody,
    headers,
    at: Date.now(),
  };
}

/** fal's webhook body for a finished job: OK with the output, or ERROR with the error body as payload. */
export function webhookBody(requestId: string, response: { status: number; body?: unknown } | undefined) {
  const r = response ?? { status: 500, body: { detail: "No response" } };
  const ok = r.status < 300;
  return {
    request_id: requestId,
    gateway_request_id: requestId,
    status: ok ? "OK" : "ERROR",
    payload: r.body ?? null,
    error: ok ? null : `Invalid status code: ${r.status}`,
  };
}
