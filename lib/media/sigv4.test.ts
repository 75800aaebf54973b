import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { HeaderBag, HttpRequest, SourceData } from "@smithy/types";
import { describe, expect, it } from "vitest";
import suite from "./fixtures/sigv4-vectors.json";

// s3rver accepts any signature, so the signing the S3 driver relies on is checked here against AWS's own
// Signature Version 4 test suite (lib/media/fixtures/sigv4-vectors.json names its source): the SignatureV4
// class the SDK signs every S3 request and presigned URL with must produce the suite's canonical request,
// string to sign, Authorization header and presigned query, byte for byte.

const bytes = (d: SourceData): string | Uint8Array =>
  typeof d === "string"
    ? d
    : d instanceof Uint8Array
      ? d
      : ArrayBuffer.isView(d)
        ? new Uint8Array(d.buffer)
        : new Uint8Array(d);

/** SHA-256 and HMAC-SHA256 in the shape @smithy/signature-v4 asks for (what @smithy/hash-node does). */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** Remembers the intermediate texts the suite publishes. */
class Recording extends SignatureV4 {
  canonicalRequest = "";
  stringToSign = "";
  protected override createCanonicalRequest(request: HttpRequest, headers: HeaderBag, payloadHash: string) {
    this.canonicalRequest = super.createCanonicalRequest(request, headers, payloadHash);
    return this.canonicalRequest;
  }
  protected override async createStringToSign(...args: [string, string, string, string]) {
    this.stringToSign = await super.createStringToSign(...args);
    return this.stringToSign;
  }
}

interface Vector {
  name: string;
  context: {
    credentials: { access_key_id: string; secret_access_key: string; token?: string };
    expiration_in_seconds: number;
    region: string;
    service: string;
    sign_body: boolean;
    timestamp: string;
  };
  request: string;
  headerCanonicalRequest: string;
  headerStringToSign: string;
  headerSignedRequest: string;
  querySignedRequest: string;
}
const vectors: Vector[] = suite.vectors;
const first = vectors[0] as Vector;

/** request.txt: `METHOD /path?query HTTP/1.1`, `Name:value` lines, a blank line, the body. */
function parseRequest(text: string): HttpRequest {
  const [head = "", body] = text.split(/\n\n/, 2);
  const [start = "", ...lines] = head.split("\n").filter((l) => l !== "");
  const [method = "", target = ""] = start.split(" ");
  const [pathname = "/", search = ""] = target.split("?");
  const query: Record<string, string> = {};
  for (const pair of search ? search.split("&") : []) {
    const [k = "", v = ""] = pair.split("=");
    query[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    headers[line.slice(0, i)] = line.slice(i + 1);
  }
  return {
    method,
    protocol: "https:",
    hostname: headers.Host,
    path: pathname,
    query,
    headers,
    body: body || undefined,
  } as HttpRequest;
}

function signer(v: Vector, secret = v.context.credentials.secret_access_key) {
  const c = v.context.credentials;
  return new Recording({
    service: v.context.service,
    region: v.context.region,
    credentials: { accessKeyId: c.access_key_id, secretAccessKey: secret, sessionToken: c.token },
    sha256: Sha256,
    uriEscapePath: true,
    // The suite's `sign_body` adds an x-amz-content-sha256 header, as the SDK does for every S3 request.
    applyChecksum: v.context.sign_body,
  });
}

const signingDate = new Date(first.context.timestamp);
const expectedAuthorization = (v: Vector) =>
  /^Authorization:(.*)$/m.exec(v.headerSignedRequest)?.[1] ?? "missing in fixture";

describe("request signing (AWS SigV4 test suite)", () => {
  it("covers at least five vectors with the suite's credentials and date", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(5);
    expect(first.context.credentials.access_key_id).toBe("AKIDEXAMPLE");
    expect(signingDate.toISOString()).toBe("2015-08-30T12:36:00.000Z");
  });

  it.each(vectors.map((v) => [v.name, v] as const))("%s: signed in a header", async (_name, v) => {
    const s = signer(v);
    const signed = await s.sign(parseRequest(v.request), { signingDate });
    expect(s.canonicalRequest).toBe(v.headerCanonicalRequest);
    expect(s.stringToSign).toBe(v.headerStringToSign);
    expect(signed.headers.authorization).toBe(expectedAuthorization(v));
  });

  it.each(vectors.map((v) => [v.name, v] as const))("%s: presigned in the query", async (_name, v) => {
    const presigned = await signer(v).presign(parseRequest(v.request), {
      signingDate,
      expiresIn: v.context.expiration_in_seconds,
    });
    const expected = new URLSearchParams(/^\w+ \/[^?\s]*\?(\S*) /.exec(v.querySignedRequest)?.[1] ?? "");
    for (const [name, value] of expected) expect(presigned.query?.[name], name).toBe(value);
  });

  it("a wrong secret gives another signature (so the checks above can fail)", async () => {
    const v = first;
    const signed = await signer(v, `${v.context.credentials.secret_access_key}x`).sign(
      parseRequest(v.request),
      {
        signingDate,
      },
    );
    expect(signed.headers.authorization).not.toBe(expectedAuthorization(v));
  });
});
