import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** Time-ordered, URL-safe id: 9 chars of milliseconds (base 36) + 12 random chars. */
export function newId(now = Date.now()): string {
  const time = now.toString(36).padStart(9, "0");
  const bytes = randomBytes(12);
  let rand = "";
  for (const b of bytes) rand += ALPHABET[b % 36];
  return time + rand;
}
