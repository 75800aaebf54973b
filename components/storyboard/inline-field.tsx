"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A one-line text field that saves on Enter or when it loses focus, only when its text changed. It shows
 * the server's value again whenever that changes and the field is not being edited (a live change from
 * someone else, or a refused save). Esc puts the saved value back.
 */
export function InlineField({
  label,
  value,
  onSave,
  placeholder,
  maxLength,
  readOnly,
  className,
  testId,
}: {
  label: string;
  value: string;
  onSave: (next: string) => void;
  placeholder?: string;
  maxLength: number;
  readOnly?: boolean;
  className?: string;
  testId?: string;
}) {
  const [text, setText] = useState(value);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setText(value);
  }, [value]);
  const commit = () => {
    editing.current = false;
    const next = text.trim();
    if (next !== value) onSave(next);
  };
  return (
    <input
      aria-label={label}
      data-testid={testId}
      value={text}
      readOnly={readOnly}
      placeholder={readOnly ? "" : placeholder}
      maxLength={maxLength}
      onFocus={() => {
        editing.current = !readOnly;
      }}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => !readOnly && commit()}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          e.currentTarget.blur();
        } else if (e.key === "Escape") {
          setText(value);
          editing.current = false;
          e.currentTarget.blur();
        }
      }}
      className={cn(
        "h-8 w-full min-w-0 rounded-md border border-transparent bg-transparent px-2 text-sm text-ink-100 placeholder:text-ink-500",
        !readOnly && "hover:border-ink-700 focus:border-ink-500 focus:bg-ink-950 focus-visible:outline-none",
        className,
      )}
    />
  );
}
