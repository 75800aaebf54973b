import type { ClipboardEvent, DragEvent } from "react";
import { insertTag, normalizeInsertedText, replaceRange } from "@/lib/client/prompt-model";
import type { RefKind } from "@/lib/generations/tags";
import { REFERENCE_DRAG_TYPE } from "./drag";
import { type EditorCore, filesOf } from "./editor-core";
import { pointToOffset } from "./editor-dom";

// Clipboard and drag and drop for the prompt editor. Copy and cut carry the raw tags, so pasting anywhere
// (back here, fal's playground, a note) keeps the bindings; pasted text is parsed back into chips.

export function copyOrCut(core: EditorCore, event: ClipboardEvent, cut: boolean) {
  const sel = core.selection();
  if (sel.start === sel.end) return;
  event.preventDefault();
  const value = core.value.current;
  event.clipboardData.setData("text/plain", value.slice(sel.start, sel.end));
  if (cut) core.apply(replaceRange(value, sel, ""), "delete", sel);
}

/** Text goes in as typed; an image (with no text) becomes a reference. */
export function pasteInto(
  core: EditorCore,
  event: ClipboardEvent,
  onFiles: (files: File[], options: { pasted: true }) => void,
) {
  event.preventDefault();
  const text = event.clipboardData.getData("text/plain");
  const files = filesOf(event.clipboardData);
  if (!text && files.length > 0) return onFiles(files, { pasted: true });
  if (!text) return;
  const sel = core.selection();
  core.apply(replaceRange(core.value.current, sel, normalizeInsertedText(text)), "other", sel);
}

export function acceptsDrop(event: DragEvent): boolean {
  const types = Array.from(event.dataTransfer.types);
  return types.includes(REFERENCE_DRAG_TYPE) || types.includes("Files") || types.includes("text/plain");
}

/** A reference tile inserts its tag where it is dropped; files become references; text goes in. */
export function dropInto(
  core: EditorCore,
  event: DragEvent,
  onFiles: (files: File[]) => void,
  indexOfReference: (key: string) => { kind: RefKind; index: number } | null,
) {
  if (!acceptsDrop(event)) return;
  event.preventDefault();
  const el = core.root.current!;
  const data = event.dataTransfer;
  const value = core.value.current;
  const at = pointToOffset(el, event.clientX, event.clientY) ?? value.length;
  const range = { start: at, end: at };
  const key = data.getData(REFERENCE_DRAG_TYPE);
  if (key) {
    const target = indexOfReference(key);
    if (target === null) return;
    el.focus({ preventScroll: true });
    core.apply(insertTag(value, range, target.index, target.kind), "other", range, true);
    return;
  }
  const files = filesOf(data);
  if (files.length > 0) return onFiles(files);
  const text = data.getData("text/plain");
  if (!text) return;
  el.focus({ preventScroll: true });
  core.apply(replaceRange(value, range, normalizeInsertedText(text)), "other", range);
}
