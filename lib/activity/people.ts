// How a person is drawn: initials and a color of their own. Pure and browser-safe.
import type { PersonDTO } from "./dto";

/** The first letter or digit of a word, upper-cased; skips leading punctuation and marks. */
function firstLetter(word: string): string {
  const m = /[\p{L}\p{N}]/u.exec(word);
  return m ? m[0].toLocaleUpperCase() : "";
}

/** "Mara Lindqvist" -> "ML", "jo" -> "J", "Anne-Marie van Dijk" -> "AD"; "?" when nothing reads. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).map(firstLetter).filter(Boolean);
  if (words.length === 0) return "?";
  return words.length === 1 ? words[0]! : `${words[0]}${words.at(-1)}`;
}

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
