"use client";

import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, type TextareaHTMLAttributes, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { type MentionMember, mentionMembersQueryOptions } from "@/lib/client/review";
import { filterMembers, mentionQueryAt } from "@/lib/review/mention-text";

// A comment's text box: `@` opens a menu of the team's members (like the prompt's `@` menu for
// references), and Ctrl+Enter (Cmd+Enter on a Mac) sends. Focus stays in the text box while the menu is
// open: the options are pointed at with aria-activedescendant.

const MAX_OPTIONS = 8;

export interface MentionTextareaProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange" | "onSubmit"> {
  value: string;
  onValueChange: (value: string) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit: () => void;
}

export function MentionTextarea({
  value,
  onValueChange,
  onSubmit,
  className,
  ...props
}: MentionTextareaProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const { data: members = [] } = useQuery(mentionMembersQueryOptions);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);

  const options = query ? filterMembers(members, query.query).slice(0, MAX_OPTIONS) : [];
  // A query with a space that matches no one is a sentence going on, not a name: close.
  const open = query !== null && members.length > 0 && (options.length > 0 || !/\s/.test(query.query));
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const refresh = (el: HTMLTextAreaElement) => {
    const found = el.selectionStart === el.selectionEnd ? mentionQueryAt(el.value, el.selectionStart) : null;
    if (!found) setDismissedAt(null);
    if (!found || found.start === dismissedAt) return setQuery(null);
    if (!query || query.start !== found.start || query.query !== found.query) setActive(0);
    setQuery(found);
  };

  const choose = (member: MentionMember) => {
    const el = ref.current;
    if (!el || !query) return;
    const inserted = `@${member.name} `;
    const caret = el.selectionStart;
    onValueChange(value.slice(0, query.start) + inserted + value.slice(caret));
    setQuery(null);
    const at = query.start + inserted.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      setQuery(null);
      onSubmit();
      return;
    }
    if (!open) return;
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setDismissedAt(query?.start ?? null);
      setQuery(null);
      return;
    }
    if (options.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      choose(options[activeIndex]!);
    }
  };

  return (
    <div className="relative">
      <textarea
        ref={ref}
        {...props}
        value={value}
        onChange={(e) => {
          onValueChange(e.target.value);
          refresh(e.target);
        }}
        onSelect={(e) => refresh(e.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={() => setQuery(null)}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open && options.length > 0 ? `${listId}-${activeIndex}` : undefined}
        className={className}
      />
      {open && (
        // biome-ignore lint/a11y/noStaticElementInteractions: keeps focus (and the caret) in the text box on click
        <div
          data-testid="member-menu"
          className="absolute top-full left-0 z-30 mt-1 w-64 max-w-full overflow-hidden rounded-xl border border-ink-600 bg-ink-900 shadow-[0_16px_40px_-12px_rgba(0,0,0,0.7)]"
          onMouseDown={(e) => e.preventDefault()}
        >
          {options.length > 0 ? (
            <div id={listId} role="listbox" aria-label="Members" className="max-h-60 overflow-y-auto p-1">
              {options.map((m, i) => (
                <div
                  key={m.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === activeIndex}
                  tabIndex={-1}
                  onMouseMove={() => setActive(i)}
                  onClick={() => choose(m)}
                  onKeyDown={() => {}}
                  className={cn(
                    "flex cursor-pointer items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm",
                    i === activeIndex ? "bg-accent/20 text-ink-100" : "text-ink-300",
                  )}
                >
                  <span
                    aria-hidden
                    className="flex size-7 shrink-0 items-center justify-center rounded-full bg-ink-700 font-semibold text-[11px] text-ink-100"
                  >
                    {m.initials}
                  </span>
                  <span className="min-w-0 flex-1 truncate font-medium">{m.name}</span>
                </div>
              ))}
            </div>
          ) : (
            <p id={listId} className="px-3 py-2.5 text-xs text-ink-400">
              No member is named “{query?.query}”.
            </p>
          )}
          <p className="border-ink-700 border-t px-3 py-1.5 text-[11px] text-ink-400">
            <kbd className="font-sans">↑↓</kbd> choose · <kbd className="font-sans">Enter</kbd> insert ·{" "}
            <kbd className="font-sans">Esc</kbd> close
          </p>
        </div>
      )}
    </div>
  );
}
