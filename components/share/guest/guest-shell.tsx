import type { ReactNode } from "react";
import { UserIcon } from "@/components/ui/icons";
import { LogoMark } from "@/components/ui/logo-mark";
import { ThemeToggle } from "@/components/ui/theme-toggle";

/**
 * The frame of a share link's pages: the studio's mark (not a link: there is nothing of the studio for a
 * guest to go to), what this is, who the guest is, and the theme. No navigation, no composer.
 */
export function GuestShell({ guestName, children }: { guestName?: string | null; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col" data-testid="guest-shell">
      <header className="sticky top-0 z-20 border-ink-700/70 border-b bg-ink-950/85 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-[1400px] items-center gap-3 px-4 sm:px-6 lg:px-8">
          <span className="flex items-center gap-2.5">
            <LogoMark />
            <span className="sr-only whitespace-nowrap text-[15px] font-semibold tracking-tight text-ink-100 min-[480px]:not-sr-only">
              Omni Studio
            </span>
          </span>
          <span aria-hidden className="hidden h-5 w-px bg-ink-700 min-[480px]:block" />
          <span className="text-sm whitespace-nowrap text-ink-300">Review</span>
          <div className="ml-auto flex min-w-0 items-center gap-2">
            {guestName && (
              <span
                className="inline-flex h-8 min-w-0 max-w-[min(16rem,55vw)] items-center gap-1.5 rounded-full border border-ink-700 bg-ink-900 px-3 text-xs text-ink-300"
                data-testid="guest-identity"
                title="The team sees this name on your comments and reviews"
              >
                <UserIcon className="size-3.5 shrink-0" />
                <span className="truncate font-medium text-ink-100">{guestName}</span>
                <span className="shrink-0 text-ink-400">guest</span>
              </span>
            )}
            <ThemeToggle />
          </div>
        </div>
      </header>
      <div className="flex-1">{children}</div>
      <footer className="px-4 py-6 text-center text-xs text-ink-400">
        Shared with you from an Omni Studio. You see only what was shared.
      </footer>
    </div>
  );
}
