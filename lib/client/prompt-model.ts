import {
  findMalformedTags,
  findMalformedVideoTags,
  imageTag,
  parseRefTags,
  type RefKind,
  type RefTag,
  refTag,
  videoTag,
} from "@/lib/generations/tags";

// The prompt as the composer edits it: a plain string holding raw `<IMAGE_REF_n>` and `<VIDEO_REF_n>` tags
// (what the model receives), where each tag behaves as one atomic unit. Offsets are UTF-16 indexes into that string; no
// offset ever rests inside a tag.

export interface TextRange {
  start: number;
  end: number;
}

export type Segment =
  | { kind: "text"; text: string; start: number; end: number }
  | { kind: "tag"; ref: RefKind; index: number; raw: string; start: number; end: number };

/** Text runs and tags in order; empty text runs are left out. */
export function segmentPrompt(prompt: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const tag of parseRefTags(prompt)) {
    if (tag.start > last)
      out.push({ kind: "text", text: prompt.slice(last, tag.start), start: last, end: tag.start });
    out.push({ kind: "tag", ref: tag.kind, index: tag.index, raw: tag.raw, start: tag.start, end: tag.end });
    last = tag.end;
  }
  if (last < prompt.length)
    out.push({ kind: "text", text: prompt.slice(last), start: last, end: prompt.length });
  return out;
}

function tagAround(tags: RefTag[], offset: number): RefTag | undefined {
  return tags.find((t) => offset > t.start && offset < t.end);
}

/** Moves an offset that falls inside a tag to the tag's edge (`after` by default). */
export function snapOffset(prompt: string, offset: number, bias: "before" | "after" = "after"): number {
  const clamped = Math.max(0, Math.min(prompt.length, offset));
  const tag = tagAround(parseRefTags(prompt), clamped);
  if (!tag) return clamped;
  return bias === "before" ? tag.start : tag.end;
}

/** Grows a range so it covers whole tags, never half of one; a caret inside a tag goes after it. */
export function snapRange(prompt: string, range: TextRange): TextRange {
  if (range.start === range.end) {
    const at = snapOffset(prompt, range.start);
    return { start: at, end: at };
  }
  const start = Math.min(range.start, range.end);
  const end = Math.max(range.start, range.end);
  return { start: snapOffset(prompt, start, "before"), end: snapOffset(prompt, end, "after") };
}

export interface Edit {
  prompt: string;
  selection: TextRange;
}

export function replaceRange(prompt: string, range: TextRange, text: string): Edit {
  const { start, end } = snapRange(prompt, range);
  const caret = start + text.length;
  return {
    prompt: prompt.slice(0, start) + text + prompt.slice(end),
    selection: { start: caret, end: caret },
  };
}

// Made on first use: an Intl.Segmenter is costly to build, and the page needs none until someone edits.
let segmenter: Intl.Segmenter | null | undefined;
function graphemeSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== "undefined" && "Segmenter" in Intl
        ? new Intl.Segmenter(undefined, { granularity: "grapheme" })
        : null;
  }
  return segmenter;
}

// Only a window around the offset is segmented: prompts can be 20,000 characters long.
const WINDOW = 64;

function previousGrapheme(text: string, offset: number): number {
  if (offset <= 0) return 0;
  const graphemes = graphemeSegmenter();
  if (!graphemes) return offset - 1;
  const from = Math.max(0, offset - WINDOW);
  let start = from;
  for (const g of graphemes.segment(text.slice(from, offset))) start = from + g.index;
  return start;
}

function nextGrapheme(text: string, offset: number): number {
  if (offset >= text.length) return text.length;
  const graphemes = graphemeSegmenter();
  if (!graphemes) return offset + 1;
  const first = graphemes
    .segment(text.slice(offset, offset + WINDOW))
    [Symbol.iterator]()
    .next();
  return first.done ? offset + 1 : offset + first.value.segment.length;
}

/** Where the caret lands after one step left or right: a whole tag, or one grapheme. */
export function stepCaret(prompt: string, offset: number, direction: "backward" | "forward"): number {
  const tags = parseRefTags(prompt);
  if (direction === "backward") {
    const tag = tags.find((t) => t.end === offset);
    return tag ? tag.start : previousGrapheme(prompt, offset);
  }
  const tag = tags.find((t) => t.start === offset);
  return tag ? tag.end : nextGrapheme(prompt, offset);
}

/** The tag right before (backward) or after (forward) a collapsed caret, if any. */
export function tagNextTo(prompt: string, offset: number, direction: "backward" | "forward") {
  return parseRefTags(prompt).find((t) => (direction === "backward" ? t.end === offset : t.start === offset));
}

/** Backspace (backward) or Delete (forward): a selection, else one whole tag or one grapheme. */
export function deleteAtCaret(prompt: string, selection: TextRange, direction: "backward" | "forward"): Edit {
  if (selection.start !== selection.end) return replaceRange(prompt, selection, "");
  const at = snapOffset(prompt, selection.start);
  const other = stepCaret(prompt, at, direction);
  return replaceRange(prompt, { start: Math.min(at, other), end: Math.max(at, other) }, "");
}

/**
 * Puts tag `index` at the range, spaced from its neighbours so it reads as a word; the caret ends after
 * the tag and its trailing space.
 */
export function insertTag(prompt: string, range: TextRange, index: number, kind: RefKind = "image"): Edit {
  const { start, end } = snapRange(prompt, range);
  const before = prompt.slice(0, start);
  const after = prompt.slice(end);
  const lead = before && !/\s$/.test(before) ? " " : "";
  const trail = after && /^[\s.,;:!?)]/.test(after) ? "" : " ";
  const text = `${lead}${refTag(kind, index)}${trail}`;
  const caret = before.length + text.length;
  return { prompt: before + text + after, selection: { start: caret, end: caret } };
}

/** Pasted or dropped text as the prompt stores it: newlines as \n, no non-breaking spaces. */
export function normalizeInsertedText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\u00a0/g, " ");
}

export interface MentionQuery {
  /** Offset of the `@`. */
  start: number;
  /** What was typed after the `@`, up to the caret. */
  query: string;
}

const MAX_MENTION_QUERY = 40;

/**
 * An `@word` that ends at the caret and starts a word (so e-mail addresses do not open the menu). The query
 * runs on past spaces while it still begins one of `names` ("@nova f" for a reference named "nova face"),
 * or while `keepOpen` says it still matches something else (a character: "@Mara K").
 */
export function mentionAt(
  prompt: string,
  caret: number,
  names: readonly string[] = [],
  keepOpen: (query: string) => boolean = () => false,
): MentionQuery | null {
  const head = prompt.slice(Math.max(0, caret - MAX_MENTION_QUERY - 1), caret);
  const opensWord = (start: number) => start === 0 || /[\s(["']/.test(prompt[start - 1] ?? "");
  const match = /@([^\s@<>]{0,40})$/.exec(head); // 40 = MAX_MENTION_QUERY
  if (match) {
    const start = caret - match[0].length;
    return opensWord(start) ? { start, query: match[1]! } : null;
  }
  // A query with spaces (no line break, tag or second @): only as the start of a reference's name.
  const spaced = /@([^\n@<>]{1,40})$/.exec(head);
  if (!spaced || /^\s/.test(spaced[1]!)) return null;
  const start = caret - spaced[0].length;
  const query = spaced[1]!.toLowerCase();
  if (!opensWord(start)) return null;
  if (!names.some((n) => n.toLowerCase().startsWith(query)) && !keepOpen(spaced[1]!)) return null;
  return { start, query: spaced[1]! };
}

/**
 * `@words` left in the prompt that name no reference: they reach the model as typed. A reference's name
 * (spaces and all) after the `@`, or its tag number, counts as a match.
 */
export function unmatchedMentions(prompt: string, names: readonly string[]): string[] {
  const lower = names.map((n) => n.toLowerCase()).filter(Boolean);
  const out: string[] = [];
  for (const m of prompt.matchAll(/(^|[\s(["'])@([^\s@<>.,;:!?)"']+)/g)) {
    const at = (m.index ?? 0) + m[1]!.length + 1;
    const rest = prompt.slice(at).toLowerCase();
    if (lower.some((n) => rest.startsWith(n))) continue;
    // Still being typed at the prompt's end ("@Mara K" on the way to "Mara Kel"): not a stray yet.
    if (rest.trim() && lower.some((n) => n.startsWith(rest.trimEnd()))) continue;
    if (!out.includes(`@${m[2]}`)) out.push(`@${m[2]}`);
  }
  return out;
}

export interface Named {
  name: string;
  /** The item's own tag and number, where the list mixes kinds (images, then videos). */
  kind?: RefKind;
  index?: number;
}

/** References whose name (or tag number) matches the query, best first: name starts, then contains. */
export function filterByName<T extends Named>(
  items: readonly T[],
  query: string,
): Array<{ item: T; index: number }> {
  const q = query.trim().toLowerCase();
  const all = items.map((item, index) => ({ item, index }));
  if (!q) return all;
  const rank = ({ item, index }: { item: T; index: number }) => {
    const name = item.name.toLowerCase();
    const n = item.index ?? index;
    if (name.startsWith(q) || String(n) === q) return 0;
    if (name.split(/[\s_.-]+/).some((word) => word.startsWith(q))) return 1;
    if (
      name.includes(q) ||
      refTag(item.kind ?? "image", n)
        .toLowerCase()
        .includes(q)
    )
      return 2;
    return -1;
  };
  return all
    .map((entry) => ({ entry, r: rank(entry) }))
    .filter(({ r }) => r >= 0)
    .sort((a, b) => a.r - b.r || a.entry.index - b.entry.index)
    .map(({ entry }) => entry);
}

/**
 * Rewrites tag-like text the model would not read (`<image_ref_1>`, `<IMAGE_REF_1`, `IMAGE_REF_1`,
 * `<IMAGE REF 1>`) as the real tag, when it carries a number.
 */
export function fixMalformedTags(prompt: string): string {
  return fixLookalikes(fixLookalikes(prompt, findMalformedTags, imageTag), findMalformedVideoTags, videoTag);
}

function fixLookalikes(
  prompt: string,
  find: typeof findMalformedTags,
  tag: (index: number) => string,
): string {
  let out = "";
  let last = 0;
  for (const m of find(prompt)) {
    const n = /\d{1,3}/.exec(m.raw);
    if (!n) continue;
    // Keep the whitespace the lookalike pattern may have swallowed at its edges.
    const lead = /^\s*/.exec(m.raw)![0];
    const trail = /\s*$/.exec(m.raw)![0];
    out += prompt.slice(last, m.start) + lead + tag(Number(n[0])) + trail;
    last = m.end;
  }
  return out + prompt.slice(last);
}
