"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { BellIcon } from "@/components/ui/icons";
import { formatTimestamp } from "@/lib/client/format";
import { getJson } from "@/lib/client/http";
import { inboxKey } from "@/lib/client/inbox";
import type { NotificationDTO } from "@/lib/inbox/dto";
import { formatClipTime } from "@/lib/review/limits";

/** The bell in the header: unread mentions as a count; opens the latest notices. */
export function InboxButton() {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const { data } = useQuery({
    queryKey: inboxKey,
    queryFn: ({ signal }) => getJson<{ items: NotificationDTO[]; unread: number }>("/api/inbox", signal),
  });
  const mark = useMutation({
    mutationFn: async (read: string[] | "all") => {
      await fetch("/api/inbox", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ read }),
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: inboxKey }),
  });

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        data-testid="inbox-button"
        data-unread={unread}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={unread ? `Inbox, ${unread} unread` : "Inbox"}
        onClick={() => setOpen((o) => !o)}
        className="relative inline-flex size-8 items-center sm:size-9 justify-center rounded-lg text-ink-300 transition-colors hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft"
      >
        <BellIcon className="size-[18px]" />
        {unread > 0 ? (
          <span
            aria-hidden
            className="absolute top-1 right-1 flex min-w-4 items-center justify-center rounded-full bg-accent px-1 font-semibold text-[10px] text-white leading-4"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          role="dialog"
          aria-label="Inbox"
          className="fixed inset-x-3 top-14 z-30 rounded-card border border-ink-700 bg-ink-900 shadow-xl sm:absolute sm:inset-x-auto sm:top-11 sm:right-0 sm:w-96"
        >
          <div className="flex items-center justify-between border-ink-700 border-b px-4 py-2.5">
            <h2 className="font-semibold text-ink-100 text-sm">Inbox</h2>
            {unread > 0 ? (
              <button
                type="button"
                onClick={() => mark.mutate("all")}
                className="rounded text-accent-soft text-xs hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft"
              >
                Mark all read
              </button>
            ) : null}
          </div>
          {items.length === 0 ? (
            <p className="px-4 py-6 text-center text-ink-400 text-sm">
              Nothing yet. When someone @mentions you in a comment, it shows up here.
            </p>
          ) : (
            <ul className="max-h-[60vh] overflow-y-auto py-1" data-testid="inbox-items">
              {items.map((n) => (
                <li key={n.id}>
                  <Link
                    href={
                      n.generationId
                        ? `/clips/${encodeURIComponent(n.generationId)}${n.commentId ? `?comment=${encodeURIComponent(n.commentId)}` : ""}`
                        : "/"
                    }
                    onClick={() => {
                      if (!n.read) mark.mutate([n.id]);
                      setOpen(false);
                    }}
                    className={cn(
                      "block px-4 py-2.5 text-sm hover:bg-ink-800 focus-visible:outline-2 focus-visible:outline-accent-soft",
                      n.read ? "text-ink-300" : "text-ink-100",
                    )}
                  >
                    {/* Who and what run on as one sentence (on a phone it wraps as text, not as
                        columns); the time keeps to the right. */}
                    <span className="flex items-start gap-2">
                      {!n.read ? (
                        <span className="mt-1.5 size-2 shrink-0 rounded-full bg-accent">
                          <span className="sr-only">Unread:</span>
                        </span>
                      ) : null}
                      <span className="min-w-0 flex-1">
                        <span className="font-medium">{n.actorName}</span>{" "}
                        <span className="text-ink-400">
                          mentioned you{n.atSec !== null ? ` at ${formatClipTime(n.atSec)}` : ""}
                        </span>
                      </span>
                      <span className="mt-0.5 shrink-0 text-ink-500 text-xs">
                        {formatTimestamp(n.createdAt)}
                      </span>
                    </span>
                    <span className="mt-0.5 line-clamp-2 block text-ink-300">{n.excerpt}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
