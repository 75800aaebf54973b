// @mentions of members in a comment's text. Browser-safe: the server stores whom a comment names
// (lib/review/service.ts), the browser highlights them and offers the `@` menu, with the same matching.
//
// A mention is `@` followed by a member's whole name (names may have spaces: "@Ada Lovelace"), compared
// without regard to case. The `@` must not follow a letter or digit (so "ada@example.com" names no one),
// and the name must not run on into more letters ("@Ann" in "@Anna" is Anna, or no one). The longest name
// that fits wins; two members with the same name are both named.

export interface MentionCandidate {
  id: string;
  name: string;
}

export interface MentionSpan {
  /** Where `@` is, and just past the name (UTF-16 offsets into the text). */
  start: number;
  end: number;
  userIds: string[];
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;

/** Whether the character ending just before `i` is part of a word. */
function wordBefore(text: string, i: number): boolean {
  const before = Array.from(text.slice(Math.max(0, i - 2), i)).pop();
  return before !== undefined && WORD.test(before);
}

/** Whether the character starting at `i` is part of a word. */
function wordAt(text: string, i: number): boolean {
  const at = text.codePointAt(i);
  return at !== undefined && WORD.test(String.fromCodePoint(at));
}

/** Every mention in `text`, in order. */
export function findMentions(text: string, members: readonly MentionCandidate[]): MentionSpan[] {
  const named = members
    .map((m) => ({ id: m.id, name: m.name.trim(), lower: m.name.trim().toLowerCase() }))
    .filter((m) => m.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const spans: MentionSpan[] = [];
  if (named.length === 0) return spans;
  for (let i = text.indexOf("@"); i !== -1; i = text.indexOf("@", i + 1)) {
    if (wordBefore(text, i)) continue;
    for (const m of named) {
      const end = i + 1 + m.name.length;
      if (text.slice(i + 1, end).toLowerCase() !== m.lower || wordAt(text, end)) continue;
      spans.push({ start: i, end, userIds: named.filter((o) => o.lower === m.lower).map((o) => o.id) });
      i = end - 1;
      break;
    }
  }
  return spans;
}

/** The ids of the members `body` names with @, each once, in the order they first appear. */
export function extractMentions(body: string, members: readonly MentionCandidate[]): string[] {
  return [...new Set(findMentions(body, members).flatMap((s) => s.userIds))];
}

/** The longest name the `@` menu searches for; past it the menu closes. */
const MAX_QUERY = 40;

/**
 * The `@word` the caret ends, for the `@` menu: where its `@` is and what follows it, or null. The query
 * may hold spaces (names do), but not a line break.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const from = Math.max(0, caret - MAX_QUERY - 1);
  const at = text.lastIndexOf("@", caret - 1);
  if (at < from || at === -1) return null;
  const query = text.slice(at + 1, caret);
  if (/[\n@]/.test(query) || wordBefore(text, at)) return null;
  return { start: at, query };
}

/** Members whose name, or a word of it, starts with `query` (any case); a query with spaces must start the name. */
export function filterMembers<T extends MentionCandidate>(members: readonly T[], query: string): T[] {
  const q = query.toLowerCase();
  if (!q) return [...members];
  return members.filter((m) => {
    const name = m.name.toLowerCase();
    return name.startsWith(q) || (!/\s/.test(q) && name.split(/\s+/).some((w) => w.startsWith(q)));
  });
}
