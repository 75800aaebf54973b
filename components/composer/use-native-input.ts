"use client";

import { useEffect } from "react";
import {
  deleteAtCaret,
  normalizeInsertedText,
  replaceRange,
  snapRange,
  type TextRange,
  tagNextTo,
} from "@/lib/client/prompt-model";
import type { EditorCore } from "./editor-core";
import { domToOffset, readSelection, serializePrompt } from "./editor-dom";

const DELETE_TYPES = new Set([
  "deleteWordBackward",
  "deleteWordForward",
  "deleteSoftLineBackward",
  "deleteSoftLineForward",
  "deleteHardLineBackward",
  "deleteHardLineForward",
  "deleteEntireSoftLine",
  "deleteContent",
  "deleteByCut",
]);

const INSERT_TYPES = new Set(["insertText", "insertFromPaste", "insertFromDrop", "insertFromYank"]);

export interface NativeInputHandlers {
  onUndo: (selection: TextRange) => void;
  onRedo: (selection: TextRange) => void;
  /** The selection moved or the text changed: the @ menu may open, move or close. */
  onCaret: () => void;
}

/**
 * Turns the browser's input events into edits of the prompt string and cancels the browser's own DOM
 * change. Native listeners, because React's onBeforeInput is not the standard event (it has no
 * inputType). IME composition cannot be cancelled: it is read back from the DOM when it ends.
 */
export function useNativeInput(core: EditorCore, handlers: () => NativeInputHandlers) {
  useEffect(() => {
    const el = core.root.current!;
    const value = () => core.value.current;

    const targetRange = (event: InputEvent): TextRange | null => {
      const r = event.getTargetRanges()[0];
      if (!r || !el.contains(r.startContainer) || !el.contains(r.endContainer)) return null;
      const start = domToOffset(el, r.startContainer, r.startOffset, "before");
      const end = domToOffset(el, r.endContainer, r.endOffset, "after");
      return start === end ? null : snapRange(value(), { start, end });
    };

    const onBeforeInput = (event: InputEvent) => {
      if (event.isComposing || event.inputType === "insertCompositionText") return;
      const sel = core.selection();
      const text = () => normalizeInsertedText(event.data ?? event.dataTransfer?.getData("text/plain") ?? "");
      const type = event.inputType;
      if (INSERT_TYPES.has(type)) {
        event.preventDefault();
        const inserted = text();
        const caretOnly = sel.start === sel.end;
        const afterTag = caretOnly && sel.start === core.autoSpace.current;
        // A space right after a tag and its space (the one Insert or @ put there, even after the caret
        // left and came back) takes that space's place: a chip is never followed by two spaces.
        const spaceAfterTag =
          caretOnly &&
          inserted.startsWith(" ") &&
          value()[sel.start - 1] === " " &&
          tagNextTo(value(), sel.start - 1, "backward") !== undefined;
        // Punctuation typed straight after an insert closes up to the tag.
        const range =
          spaceAfterTag || (afterTag && /^[.,;:!?)]/.test(inserted))
            ? { start: sel.start - 1, end: sel.end }
            : sel;
        core.apply(replaceRange(value(), range, inserted), type === "insertText" ? "type" : "other", sel);
      } else if (type === "insertReplacementText") {
        event.preventDefault();
        core.apply(replaceRange(value(), targetRange(event) ?? sel, text()), "other", sel);
      } else if (type === "insertLineBreak" || type === "insertParagraph") {
        event.preventDefault();
        core.apply(replaceRange(value(), sel, "\n"), "type", sel);
      } else if (type === "deleteContentBackward" || type === "deleteContentForward") {
        event.preventDefault();
        const direction = type === "deleteContentBackward" ? "backward" : "forward";
        core.apply(deleteAtCaret(value(), sel, direction), "delete", sel);
      } else if (DELETE_TYPES.has(type)) {
        const target = targetRange(event) ?? (sel.start !== sel.end ? sel : null);
        if (!target) return;
        event.preventDefault();
        core.apply(replaceRange(value(), target, ""), "delete", sel);
      } else if (type === "historyUndo" || type === "historyRedo") {
        event.preventDefault();
        const h = handlers();
        (type === "historyUndo" ? h.onUndo : h.onRedo)(sel);
      } else if (type.startsWith("format")) {
        event.preventDefault();
      }
    };

    // Whatever the browser did itself (IME, an unknown input type), read back from the DOM.
    const readBack = () => {
      const length = value().length;
      const before = core.lastSelection.current ?? { start: length, end: length };
      const prompt = serializePrompt(el);
      if (prompt === value()) return;
      const sel = readSelection(el, prompt) ?? { start: prompt.length, end: prompt.length };
      core.apply({ prompt, selection: { start: sel.start, end: sel.end } }, "type", before);
    };
    const onInput = (event: Event) => {
      if ((event as InputEvent).isComposing || core.composing.current) return;
      readBack();
    };
    const onCompositionStart = () => {
      core.composing.current = true;
    };
    const onCompositionEnd = () => {
      core.composing.current = false;
      readBack();
    };
    const onSelectionChange = () => {
      const sel = readSelection(el, value());
      if (!sel) return;
      core.lastSelection.current = { start: sel.start, end: sel.end };
      if (sel.start !== core.autoSpace.current || sel.end !== core.autoSpace.current) {
        core.autoSpace.current = null;
      }
      handlers().onCaret();
    };

    el.addEventListener("beforeinput", onBeforeInput);
    el.addEventListener("input", onInput);
    el.addEventListener("compositionstart", onCompositionStart);
    el.addEventListener("compositionend", onCompositionEnd);
    document.addEventListener("selectionchange", onSelectionChange);
    return () => {
      el.removeEventListener("beforeinput", onBeforeInput);
      el.removeEventListener("input", onInput);
      el.removeEventListener("compositionstart", onCompositionStart);
      el.removeEventListener("compositionend", onCompositionEnd);
      document.removeEventListener("selectionchange", onSelectionChange);
    };
  }, [core, handlers]);
}
