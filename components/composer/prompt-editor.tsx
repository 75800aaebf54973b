"use client";

import {
  type KeyboardEvent,
  type Ref,
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { cn } from "@/components/ui/cn";
import type { CaretRequest, PromptEdit } from "@/lib/client/draft";
import { insertTag, snapRange, stepCaret, type TextRange, tagNextTo } from "@/lib/client/prompt-model";
import { parseRefTags, type RefKind } from "@/lib/generations/tags";
import type { EditorCore } from "./editor-core";
import {
  type ChipInfo,
  type EditorSelection,
  pointToOffset,
  readSelection,
  renderPrompt,
  revealCaret,
  writeSelection,
} from "./editor-dom";
import { acceptsDrop, copyOrCut, dropInto, pasteInto } from "./editor-transfer";
import { MentionMenu } from "./mention-menu";
import { type MentionCharacter, useMention } from "./use-mention";
import { useNativeInput } from "./use-native-input";

export interface PromptEditorHandle {
  /** Inserts tag `index` of `kind` where the caret was last (the end if the prompt was never focused). */
  insertTag(index: number, kind?: RefKind): void;
  focus(): void;
}

export interface PromptEditorProps {
  id: string;
  value: string;
  caret: CaretRequest;
  /** One per reference: the images in tag order, then the videos in theirs. */
  chips: readonly ChipInfo[];
  placeholder: string;
  invalid?: boolean;
  describedBy?: string;
  onEdit: (edit: PromptEdit) => void;
  onUndo: (selection: TextRange) => void;
  onRedo: (selection: TextRange) => void;
  /** Image files pasted or dropped on the prompt become references. */
  onFiles: (files: File[], options?: { pasted?: boolean }) => void;
  /** The tag of a dragged reference tile (its kind and current index), or null. */
  indexOfReference: (key: string) => { kind: RefKind; index: number } | null;
  /** Saved characters the `@` menu offers after the references. */
  characters?: readonly MentionCharacter[];
  /**
   * A character chosen in the `@` menu: the image indices to tag (main first), its images brought into
   * the tray as needed; null when it cannot be (the reason is shown by the caller).
   */
  onMentionCharacter?: (id: string) => number[] | null;
  ref?: Ref<PromptEditorHandle>;
}

const isUndoKey = (e: KeyboardEvent) =>
  (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "z" || e.key === "Z" || e.key === "y");

/**
 * The prompt: a contenteditable whose content is rebuilt from the prompt string. Every edit is computed on
 * the string (tags are atomic there), so the browser never edits a chip itself; IME input is the one case
 * left to the browser, read back from the DOM when it ends.
 */
export function PromptEditor(props: PromptEditorProps) {
  const { id, value, caret, chips, placeholder, invalid, describedBy, ref } = props;
  const root = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  // Listeners read the newest props through this ref.
  const latest = useRef(props);
  latest.current = props;
  const valueRef = useRef(value);
  const lastSelection = useRef<TextRange | null>(null);
  const autoSpace = useRef<number | null>(null);
  const composing = useRef(false);
  const appliedSeq = useRef(-1);
  const afterApply = useRef<() => void>(() => {});
  const [dropping, setDropping] = useState(false);

  const core = useMemo<EditorCore>(
    () => ({
      root,
      value: valueRef,
      lastSelection,
      autoSpace,
      composing,
      selection(): EditorSelection {
        const current = readSelection(root.current!, valueRef.current);
        if (current) return current;
        const length = valueRef.current.length;
        const last = lastSelection.current ?? { start: length, end: length };
        return { ...last, anchor: last.start, focus: last.end };
      },
      apply(edit, kind, before, tagInserted = false) {
        const el = root.current!;
        // Removing a chip is an undo step of its own, not part of a run of deleted characters.
        const chipGone =
          kind === "delete" && parseRefTags(edit.prompt).length < parseRefTags(valueRef.current).length;
        const end = edit.selection.end;
        autoSpace.current =
          tagInserted && edit.prompt[end - 1] === " " && edit.prompt[end - 2] === ">" ? end : null;
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
        afterApply.current();
      },
    }),
    [],
  );

  const mention = useMention(core, frame, chips, props.characters);
  afterApply.current = mention.refresh;
  const handlers = useCallback(
    () => ({ onUndo: latest.current.onUndo, onRedo: latest.current.onRedo, onCaret: mention.refresh }),
    [mention.refresh],
  );
  useNativeInput(core, handlers);

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
      const clamp = (n: number) => Math.min(n, value.length);
      const range = snapRange(value, { start: clamp(caret.start), end: clamp(caret.end) });
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
      insertTag(index: number, kind: RefKind = "image") {
        const el = root.current;
        if (!el) return;
        const length = valueRef.current.length;
        const at = lastSelection.current ?? { start: length, end: length };
        el.focus({ preventScroll: true });
        core.apply(insertTag(valueRef.current, at, index, kind), "other", at, true);
      },
      focus() {
        root.current?.focus();
      },
    }),
    [core],
  );

  /** The option at `position`: a reference's tag, or a character's (its images' tags, main first). */
  function chooseMention(position: number) {
    if (!mention.mention) return;
    const chip = mention.options[position];
    const character = mention.characters[position - mention.options.length];
    const tags = chip
      ? [{ index: chip.index, kind: chip.kind }]
      : character
        ? (props.onMentionCharacter?.(character.id) ?? []).map((index) => ({ index, kind: "image" as const }))
        : [];
    if (tags.length === 0) return mention.dismiss();
    const sel = core.selection();
    let edit = { prompt: valueRef.current, selection: { start: mention.mention.start, end: sel.end } };
    for (const tag of tags) edit = insertTag(edit.prompt, edit.selection, tag.index, tag.kind);
    core.apply(edit, "other", sel, true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const mod = event.ctrlKey || event.metaKey;
    if (mention.mention) {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        return mention.dismiss();
      }
      if (mention.count > 0 && !mod) {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          return mention.move(event.key === "ArrowDown" ? 1 : -1);
        }
        if (event.key === "Enter" || event.key === "Tab") {
          event.preventDefault();
          return chooseMention(mention.active);
        }
      }
    }
    if (isUndoKey(event)) {
      event.preventDefault();
      const sel = core.selection();
      if (event.key === "y" || event.shiftKey) props.onRedo(sel);
      else props.onUndo(sel);
      return;
    }
    // Arrows step over a chip in one press (the browser sometimes stops inside or around it).
    if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && !mod && !event.altKey) {
      const el = root.current!;
      const sel = core.selection();
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

  // A click on a chip puts the caret beside it rather than inside it.
  function onMouseDown(event: React.MouseEvent<HTMLDivElement>) {
    const el = root.current;
    const chip = (event.target as HTMLElement).closest("[data-tag]");
    if (!el || !chip || !el.contains(chip)) return;
    event.preventDefault();
    const offset = pointToOffset(el, event.clientX, event.clientY) ?? valueRef.current.length;
    el.focus({ preventScroll: true });
    writeSelection(el, offset);
  }

  const listboxId = `${id}-mentions`;
  const open = mention.mention;
  const activeOption = open && mention.count > 0 ? `${listboxId}-${mention.active}` : undefined;

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
        aria-controls={open ? listboxId : undefined}
        aria-activedescendant={activeOption}
        aria-autocomplete="list"
        spellCheck
        data-testid="prompt-editor"
        data-value={value}
        onKeyDown={onKeyDown}
        onCopy={(e) => copyOrCut(core, e, false)}
        onCut={(e) => copyOrCut(core, e, true)}
        onPaste={(e) => pasteInto(core, e, props.onFiles)}
        // Text is not dragged around inside the prompt; tiles, files and outside text are dropped in.
        onDragStart={(e) => e.preventDefault()}
        onDragOver={(e) => {
          if (!acceptsDrop(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
          setDropping(true);
        }}
        onDragLeave={() => setDropping(false)}
        onDrop={(e) => {
          setDropping(false);
          dropInto(core, e, props.onFiles, props.indexOfReference);
        }}
        onMouseDown={onMouseDown}
        onBlur={mention.close}
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
      {open && (
        <MentionMenu
          id={listboxId}
          left={open.left}
          top={open.top}
          lineTop={open.lineTop}
          query={open.query}
          options={mention.options}
          characters={mention.characters}
          active={mention.active}
          hasReferences={chips.length > 0 || (props.characters?.length ?? 0) > 0}
          onHover={mention.setActive}
          onChoose={chooseMention}
        />
      )}
    </div>
  );
}
