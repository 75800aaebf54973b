"use client";

import { type ReactNode, useEffect, useState } from "react";
import { toast } from "sonner";
import { buttonClasses } from "./button";
import { cn } from "./cn";
import { CheckIcon, CopyIcon } from "./icons";

/**
 * Copies `text` (or what `text()` gives at the click: a URL that needs the browser's location); the icon
 * turns into a check for a moment. `label` is the accessible name. With `children` it is a full button
 * that shows them as its text ("Copied" for the moment after), else a small icon button.
 */
export function CopyButton({
  text,
  label,
  className,
  children,
  icon,
}: {
  text: string | (() => string);
  label: string;
  className?: string;
  children?: ReactNode;
  /** The icon of a full button (the copy icon by default). */
  icon?: ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1_500);
    return () => clearTimeout(timer);
  }, [copied]);
  const full = children !== undefined;
  return (
    <button
      type="button"
      aria-label={full ? undefined : label}
      title={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(typeof text === "function" ? text() : text);
          setCopied(true);
        } catch {
          toast.error("Could not copy", {
            description: "The browser did not allow access to the clipboard.",
          });
        }
      }}
      className={
        full
          ? buttonClasses("secondary", "md", className)
          : cn(
              "inline-flex size-7 shrink-0 items-center justify-center rounded-md text-ink-400 transition-colors hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft",
              className,
            )
      }
    >
      {copied ? (
        <CheckIcon className={full ? "size-4 text-ok" : "size-3.5 text-ok"} />
      ) : full ? (
        (icon ?? <CopyIcon className="size-4" />)
      ) : (
        <CopyIcon className="size-3.5" />
      )}
      {full && (copied ? "Copied" : children)}
    </button>
  );
}
