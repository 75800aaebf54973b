"use client";

import { cn } from "./cn";
import { MoonIcon, SunIcon } from "./icons";
import { setTheme, useTheme } from "./theme";

/** Flips between the dark and light themes; the choice is kept in this browser. */
export function ThemeToggle({ className }: { className?: string }) {
  const theme = useTheme();
  const next = theme === "light" ? "dark" : "light";
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      data-theme={theme ?? ""}
      aria-label={theme ? `Switch to ${next} theme` : "Switch theme"}
      title={theme ? `Switch to ${next} theme` : undefined}
      onClick={() => setTheme(next)}
      className={cn(
        "inline-flex size-8 items-center justify-center rounded-lg text-ink-300 transition-colors hover:bg-ink-800 hover:text-ink-100 sm:size-9",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft",
        className,
      )}
    >
      {/* Both icons are drawn; CSS shows the one for the theme on <html>, so there is nothing to hydrate. */}
      <SunIcon className="size-[18px] [.light_&]:hidden" />
      <MoonIcon className="hidden size-[18px] [.light_&]:block" />
    </button>
  );
}
