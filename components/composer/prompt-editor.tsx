"use client";

import {
  type KeyboardEvent,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { cn } from "@/components/ui/cn";
import type { CaretRequest, PromptEdit } from "@/lib/client/draft";
import type { EditKind } from "@/lib/client/prompt-history";
import {
  deleteAtCaret,
  type Edit,
  filterByName,
  insertTag,
  type MentionQuery,
  mentionAt,
  normalizeInsertedText,
  replaceRange,
  snapRange,
  stepCaret,
  type TextRange,
  tagNextTo,
} from "@/lib/client/prompt-model";
import { parseImageTags } from "@/lib/generations/tags";
import { REFERENCE_DRAG_TYPE } from "./drag";
import {
  type ChipInfo,
  caretPoint,
  domToOffset,
  type EditorSelection,
  pointToOffset,
  readSelection,
  renderPrompt,
  revealCaret,
  serializePrompt,
  writeSelection,
} from "./editor-dom";
import { MentionMenu } from "./mention-menu";

type MentionState = MentionQuery & { left: number; top: number };

export interface PromptEditorHandle {
  /** Inserts tag `index` where the caret was last (the end if the prompt was never focused). */
  insertTag(index: number): void;
  focus(): void;
}

export interface PromptEditorProps {
  id: string;
  value: string;
  caret: CaretRequest;
  /** One per reference, in tag order. */
  chips: readonly ChipInfo[];
  placeholder: string;
  invalid?: boolean;
  describedBy?: string;
  onEdit: (edit: PromptEdit) => void;
  onUndo: (selection: TextRange) => void;
  onRedo: (selection: TextRange) => void;
  /** Image files pasted or dropped on the prompt become references. */
  onFiles: (files: File[]) => void;
  /** The current index of a dragged reference tile, or null. */
  indexOfReference: (key: string) => number | null;
  ref?: Ref<PromptEditorHandle>;
}

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

/** Files carried by a paste or drop; each is checked (and refused with a reason) by the tray. */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files) : [];
}

/**
 * The prompt: a contenteditable whose content is rebuilt from the prompt string. Every edit is computed on
 * the string (tags are atomic there), so the browser never edits a chip itself; IME input is the one case
 * left to the browser, read back from the DOM when it ends.
 */
export function PromptEditor(props: PromptEditorProps) {
  const { id, value, caret, chips, placeholder, invalid, describedBy, ref } = props;
  const root = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  // Native listeners read the newest props through this ref; `value` is also moved on at once by each
  // edit, so fast typing never computes from a stale string.
  const latest = useRef(props);
  latest.current = props;
  const valueRef = useRef(value);
  const lastSelection = useRef<TextRange | null>(null);
  const appliedSeq = useRef(-1);
  const composing = useRef(false);
  const dismissedAt = useRef<number | null>(null);
  // The caret right after the space an inserted tag brought along: punctuation typed there replaces it.
  const autoSpace = useRef<number | null>(null);
  const [mention, setMention] = useState<MentionState | null>(null);
  const mentionRef = useRef<MentionState | null>(null);
  const [active, setActive] = useState(0);
  const [dropping, setDropping] = useState(false);

  const selection = useCallback((): EditorSelection => {
    const el = root.current!;
    const current = readSelection(el, valueRef.current);
    if (current) return current;
    const fallback = lastSelection.current ?? {
      start: valueRef.current.length,
      end: valueRef.current.length,
    };
    return { ...fallback, anchor: fallback.start, focus: fallback.end };
  }, []);

  const refreshMention = useCallback(() => {
    const el = root.current;
    const sel = el && document.activeElement === el ? readSelection(el, valueRef.current) : null;
    const found = sel && sel.start === sel.end ? mentionAt(valueRef.current, sel.end) : null;
    if (!found || found.start === dismissedAt.current || !el || !frame.current) {
      if (!found) dismissedAt.current = null;
      mentionRef.current = null;
      setMention(null);
      return;
    }
    const point = caretPoint(el, found.start, frame.current);
    const previous = mentionRef.current;
    if (!previous || previous.query !== found.query || previous.start !== found.start) setActive(0);
    const next = { ...found, ...point };
    mentionRef.current = next;
    setMention(next);
  }, []);

  const apply = useCallback(
    (edit: Edit, kind: EditKind, before: TextRange, tagInserted = false) => {
      const el = root.current!;
      // Removing a chip is an undo step of its own, not part of a run of deleted characters.
      const chipGone =
        kind === "delete" && parseImageTags(edit.prompt).length < parseImageTags(valueRef.current).length;
      const caret = edit.selection.end;
      autoSpace.current =
        tagInserted && edit.prompt[caret - 1] === " " && edit.prompt[caret - 2] === ">" ? caret : null;
      valueRef.current = edit.prompt;
      renderPrompt(el, edit.prompt, latest.current.chips);
      writeSelection(el, edit.selection.start, edit.selection.end);
      revealCaret(el);
      lastSelection.current = edit.selection;
      latest.current.onEdit({
        prompt: edit.prompt,
        before,
        after: edit.selection,
        kind: chipGone ? "other" : kind,
      });
      refreshMention();
    },
    [refreshMention],
  );

  // Keep the DOM in step with the prompt (edits from outside: renumbering, undo, a loaded draft) and put
  // the caret where the last change asked for, if the editor has focus.
  useLayoutEffect(() => {
    const el = root.current;
    if (!el || composing.current) return;
    valueRef.current = value;
    const focused = document.activeElement === el;
    const before = focused ? readSelection(el, value) : null;
    const changed = renderPrompt(el, value, chips);
    if (caret.seq !== appliedSeq.current) {
      appliedSeq.current = caret.seq;
      const range = snapRange(value, {
        start: Math.min(caret.start, value.length),
        end: Math.min(caret.end, value.length),
      });
      lastSelection.current = range;
      if (focused) {
        writeSelection(el, range.start, range.end);
        revealCaret(el);
      }
    } else if (changed && before) {
      writeSelection(el, Math.min(before.start, value.length), Math.min(before.end, value.length));
    }
  }, [value, caret, chips]);

  useImperativeHandle(
    ref,
    () => ({
      insertTag(index: number) {
        const el = root.current;
        if (!el) return;
        const length = valueRef.current.length;
        const at = lastSelection.current ?? { start: length, end: length };
        el.focus({ preventScroll: true });
        apply(insertTag(valueRef.current, at, index), "other", at, true);
      },
      focus() {
        root.current?.focus();
      },
    }),
    [apply],
  );

  // Native listeners: React's onBeforeInput is not the standard event (no inputType).
  useEffect(() => {
    const el = root.current!;
    const onBeforeInput = (event: InputEvent) => {
      if (event.isComposing || event.inputType === "insertCompositionText") return;
      const sel = selection();
      const text = () => normalizeInsertedText(event.data ?? event.dataTransfer?.getData("text/plain") ?? "");
      const type = event.inputType;
      if (
        type === "insertText" ||
        type === "insertFromPaste" ||
        type === "insertFromDrop" ||
        type === "insertFromYank"
      ) {
        event.preventDefault();
        const inserted = text();
        const range =
          sel.start === sel.end && sel.start === autoSpace.current && /^[.,;:!?)]/.test(inserted)
            ? { start: sel.start - 1, end: sel.end }
            : sel;
        apply(replaceRange(valueRef.current, range, inserted), type === "insertText" ? "type" : "other", sel);
      } else if (type === "insertReplacementText") {
        event.preventDefault();
        const target = targetRange(event) ?? sel;
        apply(replaceRange(valueRef.current, target, text()), "other", sel);
      } else if (type === "insertLineBreak" || type === "insertParagraph") {
        event.preventDefault();
        apply(replaceRange(valueRef.current, sel, "\n"), "type", sel);
      } else if (type === "deleteContentBackward" || type === "deleteContentForward") {
        event.preventDefault();
        const direction = type === "deleteContentBackward" ? "backward" : "forward";
        apply(deleteAtCaret(valueRef.current, sel, direction), "delete", sel);
      } else if (DELETE_TYPES.has(type)) {
        const target = targetRange(event) ?? (sel.start !== sel.end ? sel : null);
        if (!target) return;
        event.preventDefault();
        apply(replaceRange(valueRef.current, target, ""), "delete", sel);
      } else if (type === "historyUndo") {
        event.preventDefault();
        latest.current.onUndo(sel);
      } else if (type === "historyRedo") {
        event.preventDefault();
        latest.current.onRedo(sel);
      } else if (type.startsWith("format")) {
        event.preventDefault();
      }
    };
    const targetRange = (event: InputEvent): TextRange | null => {
      const r = event.getTargetRanges()[0];
      if (!r || !el.contains(r.startContainer) || !el.contains(r.endContainer)) return null;
      const start = domToOffset(el, r.startContainer, r.startOffset, "before");
      const end = domToOffset(el, r.endContainer, r.endOffset, "after");
      return start === end ? null : snapRange(valueRef.current, { start, end });
    };
    // Whatever the browser did itself (IME, an unknown input type), read it back from the DOM.
    const readBack = () => {
      const before = lastSelection.current ?? {
        start: valueRef.current.length,
        end: valueRef.current.length,
      };
      const prompt = serializePrompt(el);
      if (prompt === valueRef.current) return;
      const sel = readSelection(el, prompt) ?? { start: prompt.length, end: prompt.length };
      apply({ prompt, selection: { start: sel.start, end: sel.end } }, "type", before);
    };
    const onInput = (event: Event) => {
      if ((event as InputEvent).isComposing || composing.current) return;
      readBack();
    };
    const onCompositionStart = () => {
      composing.current = true;
    };
    const onCompositionEnd = () => {
      composing.current = false;
      readBack();
    };
    const onSelectionChange = () => {
      const sel = readSelection(el, valueRef.current);
      if (!sel) return;
      lastSelection.current = { start: sel.start, end: sel.end };
      if (sel.start !== autoSpace.current || sel.end !== autoSpace.current) autoSpace.current = null;
      refreshMention();
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
  }, [apply, refreshMention, selection]);

  const options = mention ? filterByName(chips, mention.query) : [];

  function chooseMention(index: number) {
    if (!mention) return;
    const sel = selection();
    const range = { start: mention.start, end: sel.end };
    dismissedAt.current = null;
    apply(insertTag(valueRef.current, range, index), "other", sel, true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const mod = event.ctrlKey || event.metaKey;
    if (mention) {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        dismissedAt.current = mention.start;
        mentionRef.current = null;
        setMention(null);
        return;
      }
      if (options.length > 0 && !mod) {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          const step = event.key === "ArrowDown" ? 1 : -1;
          setActive((a) => (a + step + options.length) % options.length);
          return;
        }
        if (event.key === "Enter" || event.key === "Tab") {
          event.preventDefault();
          chooseMention(options[Math.min(active, options.length - 1)]!.index);
          return;
        }
      }
    }
    if (mod && !event.altKey && (event.key === "z" || event.key === "Z" || event.key === "y")) {
      event.preventDefault();
      const sel = selection();
      if (event.key === "y" || event.shiftKey) latest.current.onRedo(sel);
      else latest.current.onUndo(sel);
      return;
    }
    // Arrows step over a chip in one press (the browser sometimes stops inside or around it).
    if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && !mod && !event.altKey) {
      const el = root.current!;
      const sel = selection();
      const rtl = getComputedStyle(el).direction === "rtl";
      const direction = (event.key === "ArrowLeft") !== rtl ? "backward" : "forward";
      const prompt = valueRef.current;
      if (event.shiftKey) {
        if (!tagNextTo(prompt, sel.focus, direction)) return;
        event.preventDefault();
        writeSelection(el, sel.anchor, stepCaret(prompt, sel.focus, direction));
      } else if (sel.start === sel.end && tagNextTo(prompt, sel.start, direction)) {
        event.preventDefault();
        writeSelection(el, stepCaret(prompt, sel.start, direction));
      }
    }
  }

  function onCopy(event: React.ClipboardEvent<HTMLDivElement>, cut: boolean) {
    const sel = selection();
    if (sel.start === sel.end) return;
    event.preventDefault();
    // The raw tags travel, so pasting anywhere (here, fal's playground, a note) keeps the bindings.
    event.clipboardData.setData("text/plain", valueRef.current.slice(sel.start, sel.end));
    if (cut) apply(replaceRange(valueRef.current, sel, ""), "delete", sel);
  }

  function onPaste(event: React.ClipboardEvent<HTMLDivElement>) {
    event.preventDefault();
    const text = event.clipboardData.getData("text/plain");
    const files = filesOf(event.clipboardData);
    if (!text && files.length > 0) {
      latest.current.onFiles(files);
      return;
    }
    if (!text) return;
    const sel = selection();
    apply(replaceRange(valueRef.current, sel, normalizeInsertedText(text)), "other", sel);
  }

  function accepts(event: React.DragEvent) {
    const types = Array.from(event.dataTransfer.types);
    return types.includes(REFERENCE_DRAG_TYPE) || types.includes("Files") || types.includes("text/plain");
  }

  function onDragOver(event: React.DragEvent<HTMLDivElement>) {
    if (!accepts(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDropping(true);
  }

  function onDrop(event: React.DragEvent<HTMLDivElement>) {
    setDropping(false);
    if (!accepts(event)) return;
    event.preventDefault();
    const el = root.current!;
    const data = event.dataTransfer;
    const length = valueRef.current.length;
    const at = pointToOffset(el, event.clientX, event.clientY) ?? length;
    const range = { start: at, end: at };
    const key = data.getData(REFERENCE_DRAG_TYPE);
    if (key) {
      const index = latest.current.indexOfReference(key);
      if (index === null) return;
      el.focus({ preventScroll: true });
      apply(insertTag(valueRef.current, range, index), "other", range, true);
      return;
    }
    const files = filesOf(data);
    if (files.length > 0) {
      latest.current.onFiles(files);
      return;
    }
    const text = data.getData("text/plain");
    if (text) {
      el.focus({ preventScroll: true });
      apply(replaceRange(valueRef.current, range, normalizeInsertedText(text)), "other", range);
    }
  }

  // A click on a chip puts the caret beside it rather than inside it.
  function onMouseDown(event: React.MouseEvent<HTMLDivElement>) {
    const chip = (event.target as HTMLElement).closest("[data-tag]");
    if (!chip || !root.current?.contains(chip)) return;
    event.preventDefault();
    const el = root.current;
    const offset = pointToOffset(el, event.clientX, event.clientY) ?? valueRef.current.length;
    el.focus({ preventScroll: true });
    writeSelection(el, offset);
  }

  const listboxId = `${id}-mentions`;
  const activeOption =
    mention && options.length > 0 ? `${listboxId}-${Math.min(active, options.length - 1)}` : undefined;

  return (
    <div ref={frame} className="relative">
      {/* biome-ignore lint/a11y/useSemanticElements: a textarea cannot show chips; this is the ARIA textbox pattern */}
      <div
        ref={root}
        id={id}
        role="textbox"
        tabIndex={0}
        contentEditable
        suppressContentEditableWarning
        aria-multiline="true"
        aria-label="Prompt"
        aria-placeholder={placeholder}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-controls={mention ? listboxId : undefined}
        aria-activedescendant={activeOption}
        aria-autocomplete="list"
        spellCheck
        data-testid="prompt-editor"
        data-value={value}
        onKeyDown={onKeyDown}
        onCopy={(e) => onCopy(e, false)}
        onCut={(e) => onCopy(e, true)}
        onPaste={onPaste}
        onDragStart={(e) => e.preventDefault()}
        onDragOver={onDragOver}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
        onMouseDown={onMouseDown}
        onBlur={() => {
          mentionRef.current = null;
          setMention(null);
        }}
        className={cn(
          "block max-h-[min(28rem,55vh)] min-h-36 w-full overflow-y-auto whitespace-pre-wrap break-words rounded-xl border bg-ink-950/60 px-3.5 py-2.5 text-sm leading-7 text-ink-100 [overflow-wrap:anywhere] [scrollbar-width:thin]",
          "outline-none focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-soft",
          invalid ? "border-danger/60" : "border-ink-700 hover:border-ink-600",
          dropping && "border-accent bg-accent/5",
        )}
      />
      {value === "" && (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-x-0 top-0 border border-transparent px-3.5 py-2.5 text-sm leading-7 text-ink-400"
        >
          {placeholder}
        </div>
      )}
      {mention && (
        <MentionMenu
          id={listboxId}
          left={mention.left}
          top={mention.top}
          query={mention.query}
          options={options.map(({ item, index }) => ({ index, name: item.name, thumbUrl: item.thumbUrl }))}
          active={Math.min(active, Math.max(0, options.length - 1))}
          hasReferences={chips.length > 0}
          onHover={setActive}
          onChoose={chooseMention}
        />
      )}
    </div>
  );
}
