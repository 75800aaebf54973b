import type { Ref } from "react";
import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { MAX_PROMPT_CHARS } from "@/lib/generations/schema";
import { findMalformedTags, imageTag, unusedReferences } from "@/lib/generations/tags";

export interface PromptFieldProps {
  value: string;
  onChange: (value: string) => void;
  referenceCount: number;
  error?: string;
  textareaRef: Ref<HTMLTextAreaElement>;
}

const counterFormat = new Intl.NumberFormat("en-US");

/** The prompt, raw `<IMAGE_REF_n>` tags and all, with a counter and live lint under it. */
export function PromptField({ value, onChange, referenceCount, error, textareaRef }: PromptFieldProps) {
  const length = value.length;
  const near = length > MAX_PROMPT_CHARS * 0.9;
  const over = length > MAX_PROMPT_CHARS;
  const unused = value.trim() ? unusedReferences(value, referenceCount) : [];
  const malformed = findMalformedTags(value);
  const describedBy = ["prompt-counter", error && "prompt-error"].filter(Boolean).join(" ");

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor="prompt" className="text-sm font-medium text-ink-100">
          Prompt
        </label>
        <span
          id="prompt-counter"
          data-testid="prompt-counter"
          className={cn("text-xs tabular-nums", over ? "text-danger" : near ? "text-warn" : "text-ink-400")}
        >
          {counterFormat.format(length)} / {counterFormat.format(MAX_PROMPT_CHARS)}
        </span>
      </div>
      <textarea
        id="prompt"
        ref={textareaRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={5}
        spellCheck
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        placeholder="<IMAGE_REF_0> walks through <IMAGE_REF_1> at dusk. One continuous handheld shot; soft rain and distant traffic."
        className={cn(
          "min-h-32 w-full resize-y rounded-xl border bg-ink-950/60 px-3.5 py-3 text-sm leading-6 text-ink-100 placeholder:text-ink-400/70",
          "focus:outline-2 focus:outline-offset-0 focus:outline-accent-soft",
          error ? "border-danger/60" : "border-ink-700 hover:border-ink-600",
        )}
      />
      {error && (
        <FieldMessage id="prompt-error" data-testid="prompt-error">
          {error}
        </FieldMessage>
      )}
      {malformed.length > 0 && (
        <FieldMessage tone="warning">
          {malformed.map((m) => m.raw).join(", ")} {malformed.length === 1 ? "is" : "are"} not read as a tag;
          tags are written exactly like {imageTag(0)}.
        </FieldMessage>
      )}
      {unused.length > 0 && (
        <FieldMessage tone="hint" data-testid="prompt-unused">
          Not named in the prompt yet: {unused.map(imageTag).join(", ")}. A tag tells the model what the image
          is for.
        </FieldMessage>
      )}
    </div>
  );
}
