"use client";

import { type ComponentProps, type SyntheticEvent, useEffect, useRef } from "react";
import { createPortal } from "react-dom";
import { useHydrated } from "@/lib/client/use-hydrated";
import { cn } from "./cn";

export type ModalProps = Omit<ComponentProps<"dialog">, "open" | "ref" | "onCancel" | "onClose"> & {
  open: boolean;
  /** Esc, or whatever the content calls it from. */
  onClose: () => void;
};

/** Events that must end at the dialog's edge; see below. */
const stop = (e: SyntheticEvent) => e.stopPropagation();

/**
 * A modal <dialog> (focus kept inside, Esc closes, focus returns to where it was), rendered into
 * document.body so it is never inside its caller's <form>: a dialog's own <form> nested in another one
 * submitted the outer form natively (a page reload) instead of its own. React still bubbles a portal's
 * events to the caller's ancestors, so submits, keys, clicks, pastes and drops stop at the dialog: the
 * composer's Ctrl+Enter and submit must not fire from inside a dialog it renders.
 */
export function Modal({ open, onClose, className, children, ...props }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The portal needs document.body: from hydration on, so the server's HTML and hydration agree.
  const hydrated = useHydrated();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the <dialog> exists from hydration on; one open before then shows then
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open, hydrated]);

  if (!hydrated) return null;
  return createPortal(
    <dialog
      ref={dialog}
      {...props}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onSubmit={stop}
      onKeyDown={stop}
      onKeyUp={stop}
      onClick={stop}
      onPointerDown={stop}
      onPaste={stop}
      onDragOver={stop}
      onDrop={stop}
      className={cn(
        "m-auto rounded-card border border-ink-600 bg-ink-900 p-0 text-ink-100 shadow-[var(--shadow-card)] backdrop:bg-ink-950/70 backdrop:backdrop-blur-sm",
        className,
      )}
    >
      {open && children}
    </dialog>,
    document.body,
  );
}
