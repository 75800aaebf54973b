"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/", label: "Studio" },
  // "Boards" on a phone: with four links the header's provider badge no longer fit at 390 px.
  { href: "/sequences", label: "Storyboards", short: "Boards" },
  { href: "/library", label: "Library" },
  { href: "/spend", label: "Spend" },
] as const;

/**
/**
 * Studio, Storyboards, Library, Spend: the current page is marked for eyes and for screen readers. On a
 * phone the links scroll sideways when they do not fit, so the header's badge, inbox and menu stay on
 * screen; `compact`: the Studio link gives way to the project switcher beside it (the logo leads home).
 */
export function MainNav({ compact = false }: { compact?: boolean }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Main"
      className="flex min-w-0 items-center gap-0.5 overflow-x-auto p-0.5 [scrollbar-width:none]"
    >
      {LINKS.map((l) => {
        const current =
          l.href === "/" ? pathname === "/" || pathname.startsWith("/clips") : pathname.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "shrink-0 rounded-md px-1.5 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-accent-soft sm:px-2.5",
              current ? "bg-ink-800 text-ink-100" : "text-ink-400 hover:text-ink-100",
              compact && l.href === "/" && "max-sm:hidden",
            )}
          >
            {"short" in l ? (
              <>
                <span className="sm:hidden">{l.short}</span>
                <span className="hidden sm:inline">{l.label}</span>
              </>
            ) : (
              l.label
            )}
          </Link>
        );
      })}
    </nav>
  );
}
