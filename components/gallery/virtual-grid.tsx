"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ClipCard } from "./clip-card";
import { columnsFor, type GalleryEntry, type GalleryRow, takeColumns, toRows } from "./rows";
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

/** The element's width, measured before paint and on every resize. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
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

/**
 * The gallery as virtualized rows: only rows near the viewport are in the DOM, so thousands of clips cost
 * what a screenful does. Rows are measured after render (card heights vary with content); reaching the
 * last rows loads the next page.
 */
export function VirtualGrid({ entries, hasNextPage, isFetchingNextPage, fetchNextPage }: VirtualGridProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const width = useWidth(listRef);
  const scrollMargin = useDocumentTop(listRef);
  const columns = columnsFor(width);
  const rows = useMemo(() => toRows(entries, columns), [entries, columns]);

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
    if (lastIndex >= rows.length - 3 && hasNextPage && !isFetchingNextPage) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <div
      ref={listRef}
      data-testid="history-list"
      data-columns={columns}
      data-rows={rows.length}
      className="relative w-full"
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
                    // The first row's posters are the page's largest paint: fetch them first, not lazily.
                    <ClipCard key={entry.key} generation={entry.generation} eager={item.index === 0} />
                  ))}
                </div>
              )}
            </div>
          );
        })}
    </div>
  );
}
