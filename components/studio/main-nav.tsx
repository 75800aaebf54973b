"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/", label: "Studio" },
  { href: "/library", label: "Library" },
  { href: "/spend", label: "Spend" },
] as const;

/**
 * Studio, Library, Spend: the current page is marked for eyes and for screen readers. `compact`: on a phone
 * the Studio link gives way to the project switcher beside it (the logo leads home as well).
 */
export function MainNav({ compact = false }: { compact?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex items-center gap-0.5">
      {LINKS.map((l) => {
        const current =
          l.href === "/" ? pathname === "/" || pathname.startsWith("/clips") : pathname.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "rounded-md px-1.5 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-accent-soft sm:px-2.5",
              current ? "bg-ink-800 text-ink-100" : "text-ink-400 hover:text-ink-100",
              compact && l.href === "/" && "max-sm:hidden",
            )}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
