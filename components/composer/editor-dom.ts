import { segmentPrompt, snapOffset, type TextRange } from "@/lib/client/prompt-model";
import { type RefKind, refTag } from "@/lib/generations/tags";

// The prompt editor's DOM: text nodes for text, one `contenteditable=false` chip per tag (carrying the
// raw tag in `data-tag`), and a trailing <br> so a final empty line shows. Offsets are indexes into the
// prompt string, where a chip counts as its raw tag.

export interface ChipInfo {
  /** Which tag the chip stands for: `<IMAGE_REF_{index}>` or `<VIDEO_REF_{index}>`. */
  kind: RefKind;
  index: number;
  name: string;
  thumbUrl: string | null;
}

/** The chip of tag (kind, index) in a list that holds the images, then the videos. */
export function chipFor(chips: readonly ChipInfo[], kind: RefKind, index: number): ChipInfo | undefined {
  return chips.find((c) => c.kind === kind && c.index === index);
}

const SENTINEL = "data-sentinel";
const TAG_ATTR = "data-tag";
const KEY_ATTR = "data-chip-key";

export const CHIP_CLASS =
  "mx-px inline-flex h-[22px] max-w-full cursor-default select-none items-center gap-1 whitespace-nowrap rounded-md border py-px pr-1.5 pl-0.5 align-[-6px] text-xs font-medium leading-4";
const CHIP_OK = "border-accent/40 bg-accent/15 text-accent-soft";
/** Reference videos in their own colour (the `video` theme token), as in the gallery's chips. */
const CHIP_OK_VIDEO = "border-video/40 bg-video/15 text-video-soft";
const CHIP_MISSING = "border-danger/50 bg-danger/10 pl-1.5 font-mono text-danger";

function isChip(node: Node | null): node is HTMLElement {
  return node instanceof HTMLElement && node.hasAttribute(TAG_ATTR);
}

function isSentinel(node: Node | null): boolean {
  return node instanceof HTMLElement && node.hasAttribute(SENTINEL);
}

function chipKey(kind: RefKind, index: number, info: ChipInfo | undefined): string {
  const id = `${kind}${index}`;
  return info ? `${id}\u0000${info.name}\u0000${info.thumbUrl ?? ""}` : `${id}\u0000missing`;
}

function makeChip(doc: Document, kind: RefKind, index: number, info: ChipInfo | undefined): HTMLElement {
  const tag = refTag(kind, index);
  const chip = doc.createElement("span");
  chip.setAttribute(TAG_ATTR, tag);
  chip.setAttribute(KEY_ATTR, chipKey(kind, index, info));
  chip.dataset.kind = kind;
  chip.contentEditable = "false";
  chip.draggable = false;
  chip.className = `${CHIP_CLASS} ${info ? (kind === "video" ? CHIP_OK_VIDEO : CHIP_OK) : CHIP_MISSING}`;
  chip.title = info ? `${tag} · ${info.name}` : `${tag} has no reference ${kind}`;
  if (info) {
    if (info.thumbUrl) {
      const img = doc.createElement("img");
      img.src = info.thumbUrl;
      img.alt = "";
      img.draggable = false;
      img.className = "size-4 shrink-0 rounded-[4px] object-cover";
      chip.append(img);
    }
    if (kind === "video") {
      // A small play mark says "video" where the thumbnails alone may not.
      const mark = doc.createElement("span");
      mark.setAttribute("aria-hidden", "true");
      mark.className = "text-[9px] leading-none opacity-80";
      mark.textContent = "▶";
      chip.append(mark);
    }
    const name = doc.createElement("span");
    name.className = "max-w-40 truncate";
    name.textContent = info.name;
    chip.append(name);
  } else {
    chip.textContent = tag;
  }
  return chip;
}

/**
 * Makes the editor show `prompt`. Text nodes are updated in place when the shape is unchanged (keeping
 * the caret and spell-check marks); otherwise the content is rebuilt. Returns whether anything changed.
 */
export function renderPrompt(root: HTMLElement, prompt: string, chips: readonly ChipInfo[]): boolean {
  const doc = root.ownerDocument;
  const wanted = segmentPrompt(prompt).map(
    (s): { text: string } | { ref: RefKind; index: number; key: string } =>
      s.kind === "text"
        ? { text: s.text }
        : { ref: s.ref, index: s.index, key: chipKey(s.ref, s.index, chipFor(chips, s.ref, s.index)) },
  );
  const nodes = Array.from(root.childNodes);
  const last = nodes.at(-1) ?? null;
  const current = isSentinel(last) ? nodes.slice(0, -1) : nodes;
  const sameShape =
    isSentinel(last) &&
    current.length === wanted.length &&
    wanted.every((w, i) => {
      const node = current[i]!;
      return "text" in w
        ? node.nodeType === Node.TEXT_NODE
        : isChip(node) && node.getAttribute(KEY_ATTR) === w.key;
    });
  if (sameShape) {
    let changed = false;
    wanted.forEach((w, i) => {
      const node = current[i] as Text;
      if ("text" in w && node.data !== w.text) {
        node.data = w.text;
        changed = true;
      }
    });
    return changed;
  }
  const sentinel = doc.createElement("br");
  sentinel.setAttribute(SENTINEL, "");
  root.replaceChildren(
    ...wanted.map((w) =>
      "text" in w
        ? doc.createTextNode(w.text)
        : makeChip(doc, w.ref, w.index, chipFor(chips, w.ref, w.index)),
    ),
    sentinel,
  );
  return true;
}

const BLOCKS = new Set(["DIV", "P", "LI"]);

/** The prompt string the DOM shows (also after the browser edited it itself, e.g. during IME input). */
export function serializePrompt(root: HTMLElement): string {
  let out = "";
  const walk = (parent: Node) => {
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) out += (child as Text).data;
      else if (isChip(child)) out += child.getAttribute(TAG_ATTR) ?? "";
      else if (child instanceof HTMLElement) {
        if (child.tagName === "BR") {
          if (!isSentinel(child)) out += "\n";
        } else {
          if (BLOCKS.has(child.tagName) && out && !out.endsWith("\n")) out += "\n";
          walk(child);
        }
      }
    }
  };
  walk(root);
  return out.replace(/\u00a0/g, " ").replace(/\u200b/g, "");
}

function lengthOf(node: Node): number {
  if (node.nodeType === Node.TEXT_NODE) return (node as Text).data.length;
  if (isChip(node)) return (node.getAttribute(TAG_ATTR) ?? "").length;
  if (node instanceof HTMLElement && node.tagName === "BR") return isSentinel(node) ? 0 : 1;
  let total = 0;
  for (const child of Array.from(node.childNodes)) total += lengthOf(child);
  return total;
}

function offsetBefore(root: Node, target: Node): number {
  let total = 0;
  let node: Node | null = target;
  while (node && node !== root) {
    for (let sib = node.previousSibling; sib; sib = sib.previousSibling) total += lengthOf(sib);
    node = node.parentNode;
  }
  return total;
}

function chipOf(root: Node, node: Node | null): HTMLElement | null {
  for (let n = node; n && n !== root; n = n.parentNode) if (isChip(n)) return n;
  return null;
}

/** A DOM position as a prompt offset; a position inside a chip goes to its start or end. */
export function domToOffset(
  root: HTMLElement,
  node: Node,
  offset: number,
  bias: "before" | "after" = "after",
): number {
  const chip = chipOf(root, node);
  if (chip) return offsetBefore(root, chip) + (bias === "before" ? 0 : lengthOf(chip));
  if (node.nodeType === Node.TEXT_NODE) return offsetBefore(root, node) + Math.min(offset, lengthOf(node));
  let total = node === root ? 0 : offsetBefore(root, node);
  const children = Array.from(node.childNodes).slice(0, offset);
  for (const child of children) total += lengthOf(child);
  return total;
}

/** A prompt offset as a DOM position in the flat content renderPrompt makes (text nodes preferred). */
export function offsetToDom(root: HTMLElement, offset: number): { node: Node; offset: number } {
  const children = Array.from(root.childNodes);
  let pos = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (isSentinel(child)) return { node: root, offset: i };
    const len = lengthOf(child);
    if (child.nodeType === Node.TEXT_NODE) {
      if (offset <= pos + len) return { node: child, offset: Math.max(0, offset - pos) };
    } else if (offset <= pos) {
      return { node: root, offset: i };
    } else if (offset < pos + len) {
      return { node: root, offset: i + 1 };
    }
    pos += len;
  }
  return { node: root, offset: children.length };
}

export interface EditorSelection extends TextRange {
  /** Where the selection started and where it ends now (focus moves with Shift+arrows). */
  anchor: number;
  focus: number;
}

/** The selection as prompt offsets (grown to whole chips), or null when it is not in the editor. */
export function readSelection(root: HTMLElement, prompt: string): EditorSelection | null {
  const sel = root.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return null;
  if (!root.contains(sel.anchorNode) || !root.contains(sel.focusNode)) return null;
  const collapsed = sel.isCollapsed;
  const range = sel.getRangeAt(0);
  const start = domToOffset(root, range.startContainer, range.startOffset, collapsed ? "after" : "before");
  const end = domToOffset(root, range.endContainer, range.endOffset, "after");
  const backward =
    !collapsed && (sel.anchorNode !== range.startContainer || sel.anchorOffset !== range.startOffset);
  const s = Math.min(snapOffset(prompt, start, collapsed ? "after" : "before"), prompt.length);
  const e = Math.min(snapOffset(prompt, end, "after"), prompt.length);
  return { start: s, end: e, anchor: backward ? e : s, focus: backward ? s : e };
}

export function writeSelection(root: HTMLElement, anchor: number, focus = anchor): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel) return;
  const a = offsetToDom(root, anchor);
  const f = offsetToDom(root, focus);
  sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
}

/** The prompt offset under a screen point (for drops), or null when the point is not in the editor. */
export function pointToOffset(root: HTMLElement, x: number, y: number): number | null {
  const doc = root.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  let node: Node | null = null;
  let offset = 0;
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) {
    node = position.offsetNode;
    offset = position.offset;
  } else {
    const range = doc.caretRangeFromPoint?.(x, y);
    if (range) {
      node = range.startContainer;
      offset = range.startOffset;
    }
  }
  if (!node || !root.contains(node)) return null;
  const chip = chipOf(root, node);
  if (chip) {
    const rect = chip.getBoundingClientRect();
    return domToOffset(root, chip, 0, x < rect.left + rect.width / 2 ? "before" : "after");
  }
  return domToOffset(root, node, offset);
}

/** Where the caret at `offset` is drawn (its line's bottom and top), relative to `frame`, for the @ menu. */
export function caretPoint(
  root: HTMLElement,
  offset: number,
  frame: HTMLElement,
): { left: number; top: number; lineTop: number } {
  const doc = root.ownerDocument;
  const { node, offset: at } = offsetToDom(root, offset);
  const range = doc.createRange();
  range.setStart(node, at);
  range.collapse(true);
  let rect: DOMRect | undefined = range.getClientRects()[0];
  if (!rect || (rect.width === 0 && rect.height === 0)) {
    const prev = node === root ? root.childNodes[at - 1] : null;
    rect = prev instanceof HTMLElement ? prev.getBoundingClientRect() : root.getBoundingClientRect();
    rect = new DOMRect(prev instanceof HTMLElement ? rect.right : rect.left + 14, rect.top + 10, 0, 18);
  }
  const base = frame.getBoundingClientRect();
  return { left: rect.left - base.left, top: rect.bottom - base.top, lineTop: rect.top - base.top };
}

/** Scrolls the editor (not the page) so the caret is in view after a programmatic edit. */
export function revealCaret(root: HTMLElement): void {
  const sel = root.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || !root.contains(sel.focusNode)) return;
  const range = sel.getRangeAt(0).cloneRange();
  range.collapse(false);
  const rect =
    range.getClientRects()[0] ??
    (sel.focusNode instanceof Element ? sel.focusNode.getBoundingClientRect() : null);
  if (!rect || (rect.top === 0 && rect.bottom === 0)) return;
  const box = root.getBoundingClientRect();
  const pad = 8;
  if (rect.bottom > box.bottom - pad) root.scrollTop += rect.bottom - box.bottom + pad;
  else if (rect.top < box.top + pad) root.scrollTop -= box.top + pad - rect.top;
}
