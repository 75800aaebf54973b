"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { CharacterDialog, type CharacterImage } from "@/components/library/character-dialog";
import { Button } from "@/components/ui/button";
import { PlusIcon, UserIcon } from "@/components/ui/icons";
import type { CharacterDTO } from "@/lib/characters/dto";
import type { DraftReference } from "@/lib/client/draft";
import { charactersQueryOptions } from "@/lib/client/review";

/** Under the prompt: save the tray's images as a character, or insert a saved one. */
export function CharacterBar({
  references,
  onInsert,
}: {
  references: DraftReference[];
  onInsert: (c: CharacterDTO) => void;
}) {
  const [saving, setSaving] = useState<CharacterImage[] | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { data: characters } = useQuery(charactersQueryOptions);
  const ready = references.filter((r) => r.asset);
  return (
    <div className="-mt-1 flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant="ghost"
        disabled={ready.length === 0}
        title={ready.length === 0 ? "Add reference images first" : "Name these references and reuse them"}
        onClick={() =>
          setSaving(ready.map((r) => ({ assetId: r.asset!.id, label: r.name, thumbUrl: r.asset!.thumbUrl })))
        }
      >
        <UserIcon className="size-3.5" />
        Save as character
      </Button>
      {/* The list opens in the flow, under its button: an overlay would be cut by the composer's own
          scrolling column (and a phone's edge). */}
      <details
        ref={menu}
        data-testid="insert-character"
        className="group open:basis-full"
        onToggle={(e) => {
          // Opened below the fold (or under the sticky Generate footer): bring the list up into view.
          if (e.currentTarget.open) panel.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
        }}
      >
        <summary className="inline-flex h-8 cursor-pointer list-none items-center gap-1.5 rounded-md px-2.5 text-xs font-medium text-ink-300 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft [&::-webkit-details-marker]:hidden">
          <PlusIcon className="size-3.5" />
          Insert character
        </summary>
        <div
          ref={panel}
          className="mt-1 flex w-full max-w-80 scroll-mb-4 flex-col gap-1 rounded-card lg:scroll-mb-48 border border-ink-600 bg-ink-900 p-2 shadow-[var(--shadow-card)]"
        >
          {!characters || characters.length === 0 ? (
            <p className="p-2 text-xs text-ink-400">
              No saved characters yet. Save the tray’s images as one first.
            </p>
          ) : (
            <ul className="flex max-h-72 flex-col gap-0.5 overflow-y-auto">
              {characters.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    onClick={() => {
                      // The dialog this opens hands focus back to the menu's button, not to this hidden row.
                      menu.current?.querySelector("summary")?.focus();
                      if (menu.current) menu.current.open = false;
                      onInsert(c);
                    }}
                    aria-label={`Insert ${c.name}`}
                    className="flex w-full items-center gap-2 rounded-lg p-1.5 text-left hover:bg-ink-800 focus-visible:outline-2 focus-visible:outline-accent-soft"
                  >
                    <span className="flex -space-x-2">
                      {c.images.slice(0, 3).map((i) => (
                        // biome-ignore lint/performance/noImgElement: thumbnails from our own media route
                        <img
                          key={i.id}
                          src={i.thumbUrl}
                          alt=""
                          width={28}
                          height={28}
                          className="size-7 rounded-md border-2 border-ink-900 object-cover"
                        />
                      ))}
                    </span>
                    <span className="min-w-0 flex-1 truncate text-sm text-ink-100">{c.name}</span>
                    <span className="text-xs text-ink-400 tabular-nums">{c.images.length}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Link
            href="/library"
            className="rounded-md p-1.5 text-xs text-accent-soft hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            Open the library
          </Link>
        </div>
      </details>
      <CharacterDialog images={saving} onClose={() => setSaving(null)} />
    </div>
  );
}
