// Initials for a member's avatar: browser-safe, so cards and menus compute them the same way the API does.

/** "Ana Lima" -> "AL", "cher" -> "C", "jean-luc picard" -> "JP", "" -> "?". */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+/u, ""))
    .filter(Boolean);
  if (words.length === 0) return "?";
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : "";
  return `${first}${last}`.toUpperCase();
}
