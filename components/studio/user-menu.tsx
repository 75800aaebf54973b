"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { setTheme, useTheme } from "@/components/ui/theme";
import type { Me } from "@/lib/auth/me";

const ROLE_LABEL = { owner: "Owner", admin: "Admin", editor: "Editor", reviewer: "Reviewer" } as const;

/** The signed-in member's initials; opens their name, role, account, members (admins) and sign out. */
export function UserMenu({ me }: { me: Me }) {
  const [open, setOpen] = useState(false);
  const theme = useTheme();
  const [signingOut, setSigningOut] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  async function signOut() {
    setSigningOut(true);
    // Ends the session on the server (better-auth deletes its row), then leaves the studio.
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => {});
    window.location.assign("/login");
  }

  const item =
    "block w-full rounded-md px-3 py-2 text-left text-sm text-ink-200 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft";
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        data-testid="user-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`${me.name}, ${ROLE_LABEL[me.role]}: account menu`}
        title={`${me.name} · ${ROLE_LABEL[me.role]}`}
        onClick={() => setOpen((o) => !o)}
        className="flex size-8 items-center justify-center rounded-full bg-gradient-to-br from-accent-soft to-accent-strong font-semibold text-[13px] text-white sm:size-9 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft"
      >
        {me.initials}
      </button>
      {open ? (
        <div
          id={menuId}
          role="menu"
          className="absolute top-10 right-0 sm:top-11 z-30 w-64 rounded-card border border-ink-700 bg-ink-900 p-1.5 shadow-xl"
        >
          <div className="px-3 py-2">
            <p className="truncate font-medium text-ink-100 text-sm" data-testid="user-name">
              {me.name}
            </p>
            <p className="truncate text-ink-400 text-xs">{me.email}</p>
            <p className="mt-1 text-ink-300 text-xs">
              Role: <span data-testid="user-role">{ROLE_LABEL[me.role]}</span>
            </p>
          </div>
          <div className="my-1 border-ink-700 border-t" />
          <Link role="menuitem" href="/account" className={item} onClick={() => setOpen(false)}>
            Account and API tokens
          </Link>
          {me.role === "owner" || me.role === "admin" ? (
            <Link role="menuitem" href="/members" className={item} onClick={() => setOpen(false)}>
              Members and invitations
            </Link>
          ) : null}
          {/* Phones only: the header's theme toggle gives way to the member's menu there. */}
          <button
            type="button"
            role="menuitem"
            data-testid="menu-theme-toggle"
            onClick={() => setTheme(theme === "light" ? "dark" : "light")}
            className={cn(item, "sm:hidden")}
          >
            Switch to {theme === "light" ? "dark" : "light"} theme
          </button>
          <button
            type="button"
            role="menuitem"
            disabled={signingOut}
            onClick={signOut}
            className={cn(item, "disabled:opacity-60")}
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
