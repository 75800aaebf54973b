"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { ClipCard } from "./clip-card";
import { columnsFor, type GalleryEntry, type GalleryRow, splitHead, takeColumns, toRows } from "./rows";
import { TakeGroup } from "./take-group";

const GAP = 16;
/** Card body under the 16:9 media, and a take group's header; only estimates, rows are measured. */
const CARD_BODY = 150;
const TAKE_BODY = 96;
const GROUP_HEADER = 120;

function estimate(row: GalleryRow | undefined, width: number, columns: number): number {
  if (!row || width === 0) return 320;
  if (row.kind === "cards") {
    const cardWidth = (width - GAP * (columns - 1)) / columns;
    return Math.round((cardWidth * 9) / 16 + CARD_BODY);
  }
  const inner = width - 32;
  const perRow = takeColumns(row.entry.takes.length, inner);
  const takeWidth = (inner - 12 * (perRow - 1)) / perRow;
  const takeRows = Math.ceil(row.entry.takes.length / perRow);
  return Math.round(GROUP_HEADER + takeRows * ((takeWidth * 9) / 16 + TAKE_BODY + 12));
}

/**
 * The element's width, measured once hydrated and on every resize. The rows under the head render only
 * once it is known, so the updates are transitions: the page's first commit (the composer restoring its
 * draft) does not wait for a screenful of cards, and React yields to typing while they render.
 */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => startTransition(() => setWidth(el.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * Where the list starts in the document. The page scrolls as a whole (window virtualizer), and what sits
 * above the gallery (the composer, on phones) changes height as people work, so this is re-measured
 * whenever the page's size changes.
 */
function useDocumentTop(ref: React.RefObject<HTMLElement | null>): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setTop(Math.round(el.getBoundingClientRect().top + window.scrollY));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, [ref]);
  return top;
}

export interface VirtualGridProps {
  entries: readonly GalleryEntry[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}

/** How far outside the viewport the head stays mounted, as the virtualized rows' overscan does. */
const HEAD_MARGIN_PX = 1_500;

/**
 * null while the element is on screen or near it; its height once it is more than HEAD_MARGIN_PX away
 * (measured as it left), so it can be swapped for an empty box of that height like a virtualized row.
 */
function useFarFromView(ref: React.RefObject<HTMLElement | null>): number | null {
  const [away, setAway] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry) return;
        setAway(entry.isIntersecting ? null : Math.round(entry.boundingClientRect.height));
      },
      { rootMargin: `${HEAD_MARGIN_PX}px 0px` },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return away;
}

/** Cards in the first row (at most 3 columns): their posters are the page's largest paint. */
const FIRST_ROW = 3;

/**
 * The first few clips as a plain CSS grid (columns by container width, the same breakpoints as
 * columnsFor): rendered on the server with the first page, right at every width before any script
 * runs, and never remounted when the page hydrates.
 */
function Head({ entries, width }: { entries: readonly GalleryEntry[]; width: number }) {
  const ref = useRef<HTMLDivElement>(null);
  // Scrolled far away: the box keeps its height (the page's length) and drops its cards (the DOM).
  const away = useFarFromView(ref);
  return (
    <div ref={ref} data-testid="history-head" style={away === null ? undefined : { height: away }}>
      {away === null && (
        <div className="grid grid-cols-1 items-stretch gap-4 @min-[560px]:grid-cols-2 @min-[1040px]:grid-cols-3">
          {entries.map((entry, i) =>
            entry.kind === "group" ? (
              <div key={entry.key} className="col-span-full">
                {/* Before the width is known (server, hydration), two takes a row; then as many as fit. */}
                <TakeGroup
                  groupId={entry.groupId}
                  takes={entry.takes}
                  columns={takeColumns(entry.takes.length, width - 32)}
                />
              </div>
            ) : (
              <ClipCard key={entry.key} generation={entry.generation} eager={i < FIRST_ROW} />
            ),
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The gallery: a head of the newest clips laid out by CSS (see Head), then the rest as virtualized rows,
 * so thousands of clips cost what a screenful does. Rows are measured after render (card heights vary
 * with content); reaching the last rows loads the next page.
 */
export function VirtualGrid({ entries, hasNextPage, isFetchingNextPage, fetchNextPage }: VirtualGridProps) {
  const { head, rest } = useMemo(() => splitHead(entries), [entries]);
  const galleryRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const width = useWidth(galleryRef);
  const scrollMargin = useDocumentTop(listRef);
  const columns = columnsFor(width);
  const rows = useMemo(() => toRows(rest, columns), [rest, columns]);

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => estimate(rows[i], width, columns),
    getItemKey: (i) => `${rows[i]?.key ?? i}:${columns}`,
    overscan: 2,
    gap: GAP,
    scrollMargin,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    // A head-only gallery (no rows yet) still asks for more when its end is near.
    if (lastIndex >= rows.length - 3 && hasNextPage && !isFetchingNextPage) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <div ref={galleryRef} className="@container w-full" data-columns={columns}>
      <Head entries={head} width={width} />
      <div
        ref={listRef}
        data-testid="history-list"
        data-rows={rows.length}
        className={cn("relative w-full", rows.length > 0 && "mt-4")}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {width > 0 &&
          items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute inset-x-0 top-0"
                style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
              >
                {row.kind === "group" ? (
                  <TakeGroup
                    groupId={row.entry.groupId}
                    takes={row.entry.takes}
                    columns={takeColumns(row.entry.takes.length, width - 32)}
                  />
                ) : (
                  <div
                    className="grid items-stretch gap-4"
                    style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
                  >
                    {row.entries.map((entry) => (
                      <ClipCard key={entry.key} generation={entry.generation} />
                    ))}
                  </div>
                )}
              </div>
            );
          })}
      </div>
    </div>
  );
}
