"use client";

import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { cn } from "./cn";

export interface SegmentOption<T extends string | number> {
  value: T;
  label: ReactNode;
  /** Accessible name when `label` is not plain text. */
  ariaLabel?: string;
}

export interface SegmentedControlProps<T extends string | number> {
  /** The group's accessible name, e.g. "Duration". */
  label: string;
  options: readonly SegmentOption<T>[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
  optionClassName?: string;
  describedBy?: string;
  "data-testid"?: string;
}

/** A radio group drawn as segmented buttons: one tab stop, arrow keys move and select (WAI-ARIA radio). */
export function SegmentedControl<T extends string | number>({
  label,
  options,
  value,
  onChange,
  className,
  optionClassName,
  describedBy,
  "data-testid": testId,
}: SegmentedControlProps<T>) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const selected = Math.max(
    0,
    options.findIndex((o) => o.value === value),
  );

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = options.length - 1;
    const next: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowDown: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      ArrowUp: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    onChange(options[target]!.value);
    refs.current[target]?.focus();
  }

  return (
    <div
      role="radiogroup"
      aria-label={label}
      aria-describedby={describedBy}
      data-testid={testId}
      className={cn("flex gap-1 rounded-lg border border-ink-700 bg-ink-950/60 p-1", className)}
    >
      {options.map((option, i) => {
        const checked = i === selected;
        return (
          // biome-ignore lint/a11y/useSemanticElements: the WAI-ARIA radio pattern on buttons, with roving focus
          <button
            key={String(option.value)}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-label={option.ariaLabel}
            tabIndex={checked ? 0 : -1}
            onClick={() => onChange(option.value)}
            onKeyDown={(e) => onKeyDown(e, i)}
            className={cn(
              "flex min-w-0 flex-1 items-center justify-center gap-2 rounded-md text-sm font-medium tabular-nums transition-colors",
              "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft",
              checked
                ? "bg-ink-700 text-ink-100 shadow-[0_1px_2px_rgba(0,0,0,0.4)]"
                : "text-ink-400 hover:bg-ink-800 hover:text-ink-100",
              optionClassName,
            )}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
