"use client";

import { useEffect, useState } from "react";
import { toast } from "sonner";
import { cn } from "./cn";
import { CheckIcon, CopyIcon } from "./icons";

/** Copies `text`; the icon turns into a check for a moment. `label` is the accessible name. */
export function CopyButton({ text, label, className }: { text: string; label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1_500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
        } catch {
          toast.error("Could not copy", {
            description: "The browser did not allow access to the clipboard.",
          });
        }
      }}
      className={cn(
        "inline-flex size-7 shrink-0 items-center justify-center rounded-md text-ink-400 transition-colors hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft",
        className,
      )}
    >
      {copied ? <CheckIcon className="size-3.5 text-ok" /> : <CopyIcon className="size-3.5" />}
    </button>
  );
}
