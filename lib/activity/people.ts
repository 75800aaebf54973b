// How a person is drawn: initials and a color of their own. Pure and browser-safe.

import { initialsOf } from "@/lib/accounts/initials";
import type { PersonDTO } from "./dto";

/** A hue (0-359) from an id (FNV-1a): the same person has the same color everywhere, in every browser. */
export function avatarHue(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}

export function toPersonDTO(user: { id: string; name: string }): PersonDTO {
  return { id: user.id, name: user.name, initials: initialsOf(user.name) };
}
