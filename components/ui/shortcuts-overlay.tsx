"use client";

import { useId } from "react";
import type { ShortcutLine } from "@/lib/client/player-keys";
import { Button } from "./button";
import { cn } from "./cn";
import { KeyboardIcon, XIcon } from "./icons";
import { Modal } from "./modal";

const kbd =
  "inline-flex h-6 min-w-6 items-center justify-center rounded-md border border-ink-600 border-b-2 bg-ink-800 px-1.5 font-mono text-xs font-semibold text-ink-100";

/** A key as the keyboard shows it. */
export function Kbd({ children, className }: { children: string; className?: string }) {
  return <kbd className={cn(kbd, className)}>{children}</kbd>;
}

/**
 * The list of keyboard shortcuts (a modal: Esc or Close closes it, focus goes back where it was). `lines`
 * comes from usePlayerShortcuts, so a page lists only the keys it handles; `note` says when they work.
 */
export function ShortcutsOverlay({
  open,
  onClose,
  lines,
  note = "They work whenever you are not typing in a field.",
}: {
  open: boolean;
  onClose: () => void;
  lines: readonly ShortcutLine[];
  note?: string;
}) {
  const title = useId();
  return (
    <Modal
      open={open}
      onClose={onClose}
      aria-labelledby={title}
      data-testid="shortcuts-overlay"
      className="w-[min(30rem,calc(100vw-2rem))]"
    >
      <div className="flex flex-col gap-3 p-5">
        <div className="flex items-center gap-2">
          <KeyboardIcon className="size-5 text-ink-400" />
          <h2 id={title} className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <Button variant="ghost" size="sm" className="-mr-2 ml-auto" onClick={onClose} aria-label="Close">
            <XIcon />
          </Button>
        </div>
        <p className="text-sm text-ink-400">{note}</p>
        <dl className="flex flex-col divide-y divide-ink-700/70" data-testid="shortcut-list">
          {lines.map((line) => (
            <div
              key={line.what}
              className="flex items-center justify-between gap-4 py-2"
              data-testid="shortcut"
            >
              <dt className="text-sm text-ink-100">{line.what}</dt>
              <dd className="flex shrink-0 items-center gap-1">
                {line.keys.map((k, i) => (
                  <span key={k} className="flex items-center gap-1">
                    {i > 0 && <span className="text-xs text-ink-400">or</span>}
                    <Kbd>{k}</Kbd>
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </Modal>
  );
}

/** The visible way to the list (`?` opens it too). Says "Shortcuts" beside the icon where there is room. */
export function ShortcutsButton({ onClick, className }: { onClick: () => void; className?: string }) {
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={onClick}
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      className={className}
      data-testid="shortcuts-button"
    >
      <KeyboardIcon />
      <span className="hidden sm:inline">Shortcuts</span>
      <span className="hidden sm:inline-flex">
        <Kbd className="h-5 min-w-5 px-1 text-[11px]">?</Kbd>
      </span>
    </Button>
  );
}
