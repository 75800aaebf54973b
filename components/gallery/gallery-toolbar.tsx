"use client";

import { useEffect, useRef, useState } from "react";
import { ShareButton } from "@/components/share/share-button";
import { cn } from "@/components/ui/cn";
import { SearchIcon, XIcon } from "@/components/ui/icons";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { type GalleryQuery, galleryParams } from "@/lib/client/queries";
import type { GalleryFilter } from "@/lib/generations/dto";
import { SEARCH_MAX_CHARS } from "./gallery-query";
import { DENSITIES, type Density } from "./layout-prefs";
import { ReviewFilters } from "./review-filters";

const FILTERS: ReadonlyArray<{ value: GalleryFilter; label: string }> = [
  { value: "all", label: "All" },
  { value: "active", label: "In progress" },
  { value: "completed", label: "Completed" },
  { value: "failed", label: "Failed" },
  { value: "canceled", label: "Canceled" },
];

const DEBOUNCE_MS = 250;

export function filterLabel(status: GalleryFilter): string {
  return FILTERS.find((f) => f.value === status)!.label;
}

/** Comfortable cards, a compact grid or list rows; this browser keeps the choice (layout-prefs.ts). */
export function DensitySwitch({ value, onChange }: { value: Density; onChange: (density: Density) => void }) {
  return (
    <SegmentedControl
      label="Gallery density"
      options={DENSITIES}
      value={value}
      onChange={onChange}
      data-testid="density-switch"
      className="shrink-0"
      optionClassName="h-7 flex-none! px-2.5 text-xs whitespace-nowrap"
    />
  );
}

/** Status filter and search (prompt, reference and character names). Typing is debounced before it reaches the URL (and the server). */
export function GalleryToolbar({
  query,
  onChange,
  searching,
  creatorName,
}: {
  query: GalleryQuery;
  onChange: (next: Partial<GalleryQuery>) => void;
  searching: boolean;
  /** The member `?creator=<id>` names, when the clips shown say. */
  creatorName?: string | null;
}) {
  const [text, setText] = useState(query.q);
  // The last text this field sent, so the URL echoing it back does not overwrite newer typing.
  const sent = useRef(query.q);

  useEffect(() => {
    if (query.q !== sent.current) {
      sent.current = query.q;
      setText(query.q);
    }
  }, [query.q]);

  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text;
      onChange({ q: text });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onChange]);

  return (
    <div className="flex flex-col gap-2.5">
      <div className="flex flex-col gap-3 xl:flex-row xl:items-center">
        <SegmentedControl
          label="Filter by status"
          options={FILTERS}
          value={query.status}
          onChange={(status) => onChange({ status })}
          data-testid="status-filter"
          className="w-full sm:w-max xl:order-2 xl:ml-auto"
          optionClassName="h-8 flex-auto! px-2 text-xs whitespace-nowrap sm:flex-none! sm:px-3 sm:text-[13px]"
        />
        <div className="relative xl:order-1 xl:w-80">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-400" />
          <input
            type="search"
            aria-label="Search prompts and names"
            placeholder="Search prompts, references, characters"
            value={text}
            maxLength={SEARCH_MAX_CHARS}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape" && text) {
                e.preventDefault();
                setText("");
              }
            }}
            data-testid="gallery-search"
            className={cn(
              "h-10 w-full rounded-lg border border-ink-700 bg-ink-900 pr-9 pl-9 text-sm text-ink-100 placeholder:text-ink-400",
              "transition-colors hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-soft/40",
              "[&::-webkit-search-cancel-button]:hidden",
            )}
          />
          {text && (
            <button
              type="button"
              aria-label="Clear search"
              onClick={() => setText("")}
              className="absolute top-1/2 right-1.5 flex size-7 -translate-y-1/2 items-center justify-center rounded-md text-ink-400 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
            >
              <XIcon className="size-3.5" />
            </button>
          )}
          <span className="sr-only" role="status">
            {searching ? "Searching…" : ""}
          </span>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <ReviewFilters query={query} onChange={onChange} creatorName={creatorName} />
        <ShareButton
          size="sm"
          variant="ghost"
          label="Share view"
          className="ml-auto"
          share={{
            kind: "gallery_view",
            target: galleryParams(query).toString(),
            what: galleryParams(query).size > 0 ? "the clips this view finds" : "every clip in the gallery",
          }}
        />
      </div>
    </div>
  );
}
