import { createHash, randomBytes } from "node:crypto";

// Secrets the studio hands out once (API tokens, invitation and share links) and keeps only as a hash.
// They carry 256 random bits, so a plain SHA-256 is enough to make a stolen table useless: there is no
// password to guess, and a lookup by hash stays one indexed read.

/** A new secret: `<prefix>_` and 43 base64url characters (32 random bytes). */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Whether a string has the shape of a secret made by newSecret with this prefix. */
export function looksLikeSecret(prefix: string, value: string): boolean {
  return new RegExp(`^${prefix}_[A-Za-z0-9_-]{43}$`).test(value);
}
