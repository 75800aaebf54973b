"use client";

import { type ReactNode, type Ref, useEffect, useState } from "react";
import type { ChipInfo } from "@/components/composer/editor-dom";
import { PromptEditor, type PromptEditorHandle } from "@/components/composer/prompt-editor";
import { PromptLint } from "@/components/composer/prompt-lint";
import { PromptTips } from "@/components/composer/prompt-tips";
import type { MentionCharacter } from "@/components/composer/use-mention";
import { cn } from "@/components/ui/cn";
import { BracesIcon, BulbIcon } from "@/components/ui/icons";
import type { CaretRequest, PromptEdit } from "@/lib/client/draft";
import { formatCount } from "@/lib/client/format";
import type { TextRange } from "@/lib/client/prompt-model";
import { MAX_PROMPT_CHARS } from "@/lib/generations/limits";
import type { RefKind } from "@/lib/generations/tags";

export interface PromptFieldProps {
  value: string;
  caret: CaretRequest;
  chips: readonly ChipInfo[];
  /** An error that blocks Generate (out-of-range tag, too long, or the server's answer). */
  blocking: boolean;
  serverError?: string;
  editorRef: Ref<PromptEditorHandle>;
  onEdit: (edit: PromptEdit) => void;
  onUndo: (selection: TextRange) => void;
  onRedo: (selection: TextRange) => void;
  onFiles: (files: File[], options?: { pasted?: boolean }) => void;
  indexOfReference: (key: string) => { kind: RefKind; index: number } | null;
  /** Saved characters for the `@` menu, and what choosing one tags (see PromptEditor). */
  characters?: readonly MentionCharacter[];
  onMentionCharacter?: (id: string) => number[] | null;
  onFixMalformed: () => void;
  onRemoveOutOfRange: () => void;
  /** The Payload view, rendered when its disclosure is open. */
  payload: (id: string) => ReactNode;
}

const PLACEHOLDER =
  "Type @ to name a reference: @hero walks through @alley at dusk. Single continuous handheld shot; soft rain, distant traffic.";

function Toggle(props: { open: boolean; controls: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-expanded={props.open}
      aria-controls={props.controls}
      onClick={props.onClick}
      className={cn(
        "flex h-7 items-center gap-1.5 rounded-md px-2 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-accent-soft",
        props.open ? "bg-ink-700 text-ink-100" : "text-ink-400 hover:bg-ink-800 hover:text-ink-100",
      )}
    >
      {props.children}
    </button>
  );
}

/** The prompt with its chips, a counter, the live lint, and the Tips and Payload disclosures. */
export function PromptField(props: PromptFieldProps) {
  const { value, chips } = props;
  const [panel, setPanel] = useState<"tips" | "payload" | null>(null);
  const length = value.length;
  const near = length >= MAX_PROMPT_CHARS * 0.9;
  const over = length > MAX_PROMPT_CHARS;
  const describedBy = ["prompt-counter", props.blocking && "prompt-error"].filter(Boolean).join(" ");
  const toggle = (which: "tips" | "payload") => setPanel((p) => (p === which ? null : which));
  // The panels open under the prompt, which on most screens is at or past the fold: bring the one just
  // opened into view, so the click visibly does something.
  useEffect(() => {
    if (!panel) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document
      .getElementById(panel === "tips" ? "prompt-tips" : "prompt-payload")
      ?.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
  }, [panel]);

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium text-ink-100">Prompt</span>
        <div className="flex items-center gap-1">
          <Toggle open={panel === "tips"} controls="prompt-tips" onClick={() => toggle("tips")}>
            <BulbIcon className="size-3.5" />
            Tips
          </Toggle>
          <Toggle open={panel === "payload"} controls="prompt-payload" onClick={() => toggle("payload")}>
            <BracesIcon className="size-3.5" />
            Payload
          </Toggle>
          <span
            id="prompt-counter"
            data-testid="prompt-counter"
            data-state={over ? "over" : near ? "near" : "ok"}
            className={cn(
              "ml-1.5 text-xs tabular-nums",
              over ? "font-medium text-danger" : near ? "text-warn" : "text-ink-400",
            )}
          >
            {formatCount(length)} / {formatCount(MAX_PROMPT_CHARS)}
          </span>
        </div>
      </div>
      <PromptEditor
        ref={props.editorRef}
        id="prompt"
        value={value}
        caret={props.caret}
        chips={chips}
        placeholder={PLACEHOLDER}
        invalid={props.blocking}
        describedBy={describedBy}
        onEdit={props.onEdit}
        onUndo={props.onUndo}
        onRedo={props.onRedo}
        onFiles={props.onFiles}
        indexOfReference={props.indexOfReference}
        characters={props.characters}
        onMentionCharacter={props.onMentionCharacter}
      />
      {panel === "tips" && <PromptTips id="prompt-tips" />}
      {panel === "payload" && props.payload("prompt-payload")}
      <PromptLint
        prompt={value}
        names={chips.filter((c) => c.kind === "image").map((c) => c.name)}
        videoNames={chips.filter((c) => c.kind === "video").map((c) => c.name)}
        characterNames={props.characters?.map((c) => c.name)}
        serverError={props.serverError}
        onFixMalformed={props.onFixMalformed}
        onRemoveOutOfRange={props.onRemoveOutOfRange}
      />
    </div>
  );
}
