"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { buttonClasses } from "@/components/ui/button";
import { CompareIcon, UserIcon, XIcon } from "@/components/ui/icons";
import { clearCompare, useCompareSelection } from "@/lib/client/compare-selection";
import type { GalleryQuery } from "@/lib/client/queries";
import { characterQueryOptions } from "@/lib/client/review";
import type { GenerationDTO } from "@/lib/generations/dto";
import { compareHref, MAX_COMPARE } from "@/lib/review/compare-ids";

/** "Clips using <name>": the reverse lookup's header, with a way back to every clip. */
export function LookupHeader({
  query,
  items,
  onClear,
}: {
  query: GalleryQuery;
  items: GenerationDTO[];
  onClear: () => void;
}) {
  const character = useQuery({
    ...characterQueryOptions(query.character ?? ""),
    enabled: Boolean(query.character),
  });
  if (!query.character && !query.asset) return null;
  const assetRef = items.flatMap((g) => g.references).find((r) => r.id === query.asset);
  const name = query.character
    ? (character.data?.name ?? (character.isError ? "a deleted character" : "…"))
    : (assetRef?.label ?? "this image");
  const thumb = query.character ? character.data?.images[0]?.thumbUrl : assetRef?.thumbUrl;
  return (
    <div
      className="flex items-center gap-3 rounded-card border border-accent/40 bg-accent/10 p-3"
      data-testid="lookup-header"
    >
      {thumb ? (
        // biome-ignore lint/performance/noImgElement: thumbnails from our own media route
        <img src={thumb} alt="" width={40} height={40} className="size-10 rounded-lg object-cover" />
      ) : (
        <span className="flex size-10 items-center justify-center rounded-lg bg-ink-800 text-ink-300">
          <UserIcon />
        </span>
      )}
      <div className="flex min-w-0 flex-col">
        <h3 className="truncate text-sm font-semibold text-ink-100">Clips using {name}</h3>
        <p className="text-xs text-ink-300">
          {query.character ? "Every clip made with this character" : "Every clip made with this image"}
        </p>
      </div>
      <button
        type="button"
        onClick={onClear}
        className={buttonClasses("secondary", "sm", "ml-auto shrink-0")}
        aria-label="Show all clips"
      >
        <XIcon className="size-3.5" />
        <span className="hidden sm:inline">Show all clips</span>
      </button>
    </div>
  );
}

/**
 * Appears once clips are picked for compare; two to four make the link live. Docked to the bottom of the
 * window across the gallery's width (flush, opaque, never floating over a card with the card showing
 * around it), and in the page's flow after the last card, so the last row is never under it. While it
 * shows, what is focused or scrolled to is brought above it (scroll-padding-bottom).
 */
export function CompareBar() {
  const picked = useCompareSelection();
  const bar = useRef<HTMLDivElement>(null);
  const shown = picked.length > 0;
  useEffect(() => {
    const el = bar.current;
    if (!shown || !el) return;
    const root = document.documentElement;
    const pad = () => {
      root.style.scrollPaddingBottom = `${Math.ceil(el.getBoundingClientRect().height) + 8}px`;
    };
    pad();
    const observer = new ResizeObserver(pad);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingBottom = "";
    };
  }, [shown]);
  if (!shown) return null;
  const n = picked.length;
  return (
    <div
      ref={bar}
      className="sticky bottom-0 z-10 flex w-full items-center gap-3 border-ink-700 border-t bg-ink-950/95 py-2.5 shadow-[0_-12px_24px_-18px_rgba(0,0,0,0.7)] backdrop-blur"
      data-testid="compare-bar"
    >
      <CompareIcon className="size-4 shrink-0 text-accent-soft" />
      <span className="min-w-0 text-sm text-ink-100" role="status">
        {n === 1 ? "1 clip picked: pick another" : `${n} clips picked`}
        {n < MAX_COMPARE && <span className="hidden text-ink-400 sm:inline"> (up to {MAX_COMPARE})</span>}
      </span>
      <button
        type="button"
        onClick={clearCompare}
        className="ml-auto shrink-0 rounded-md px-2 py-1 text-xs text-ink-300 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
      >
        Clear
      </button>
      {n >= 2 && (
        <Link href={compareHref(picked)} className={buttonClasses("primary", "sm", "shrink-0")}>
          Compare {n} clips
        </Link>
      )}
    </div>
  );
}
