"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { CompareIcon, UserIcon, XIcon } from "@/components/ui/icons";
import { clearCompare, useCompareSelection } from "@/lib/client/compare-selection";
import type { GalleryQuery } from "@/lib/client/queries";
import { characterQueryOptions } from "@/lib/client/review";
import type { GenerationDTO } from "@/lib/generations/dto";

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

/** Appears once clips are picked for compare; two make the link live. */
export function CompareBar() {
  const picked = useCompareSelection();
  if (picked.length === 0) return null;
  return (
    <div
      className="sticky bottom-4 z-10 mx-auto flex w-full max-w-md items-center gap-3 rounded-card border border-ink-600 bg-ink-900 p-2.5 pl-4 shadow-[var(--shadow-card)]"
      data-testid="compare-bar"
    >
      <CompareIcon className="size-4 shrink-0 text-accent-soft" />
      <span className="text-sm text-ink-100">
        {picked.length === 1 ? "Pick one more clip to compare" : "2 clips picked"}
      </span>
      <button
        type="button"
        onClick={clearCompare}
        className="ml-auto rounded-md px-2 py-1 text-xs text-ink-300 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
      >
        Clear
      </button>
      {picked.length === 2 && (
        <Link
          href={`/compare?a=${encodeURIComponent(picked[0]!)}&b=${encodeURIComponent(picked[1]!)}`}
          className={buttonClasses("primary", "sm")}
        >
          Compare 2 clips
        </Link>
      )}
    </div>
  );
}
