"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ClipCard } from "./clip-card";
import { ClipRow } from "./clip-row";
import type { Density } from "./layout-prefs";
import {
  collapseGroups,
  columnsFor,
  type GalleryEntry,
  type GalleryRow,
  headCards,
  splitHead,
  takeColumns,
  toRows,
} from "./rows";
import { TakeGroup } from "./take-group";

/** Space between rows and cards: roomy, compact, list. */
const GAPS: Record<Density, number> = { comfortable: 16, compact: 12, list: 8 };
/** Card body under the 16:9 media, a list row, and a take group's header; only estimates, rows are measured. */
const CARD_BODY: Record<Density, number> = { comfortable: 150, compact: 96, list: 0 };
const LIST_ROW = 70;
const TAKE_BODY = 96;
const GROUP_HEADER: Record<Density, number> = { comfortable: 120, compact: 120, list: 64 };

function estimate(row: GalleryRow | undefined, width: number, columns: number, density: Density): number {
  if (!row || width === 0) return 320;
  const gap = GAPS[density];
  if (row.kind === "cards") {
    if (density === "list") return LIST_ROW;
    const cardWidth = (width - gap * (columns - 1)) / columns;
    return Math.round((cardWidth * 9) / 16 + CARD_BODY[density]);
  }
  const takes = row.entry.takes.length;
  if (density === "list") return GROUP_HEADER.list + takes * (LIST_ROW + 6);
  const inner = width - 32;
  const perRow = takeColumns(takes, density === "compact" ? width : inner, density);
  const takeWidth = (inner - 12 * (perRow - 1)) / perRow;
  const takeRows = Math.ceil(takes / perRow);
  return Math.round(GROUP_HEADER[density] + takeRows * ((takeWidth * 9) / 16 + TAKE_BODY + 12));
}

/** Grid classes of the head (the same breakpoints as columnsFor, by the gallery's container width). */
const HEAD_LAYOUT: Record<Density, string> = {
  comfortable: "grid grid-cols-1 items-stretch gap-4 @min-[560px]:grid-cols-2 @min-[1040px]:grid-cols-3",
  compact: "grid grid-cols-2 items-stretch gap-3 @min-[560px]:grid-cols-3 @min-[800px]:grid-cols-4",
  list: "flex flex-col gap-2",
};

/** How the gallery is laid out, and how a take group is collapsed or opened. */
export interface GalleryLayout {
  density: Density;
  collapsed: ReadonlySet<string>;
  setCollapsed: (groupId: string, collapsed: boolean) => void;
}

/** A single clip (or a collapsed group's card) in the layout's form: card, compact card or list row. */
function Single({
  entry,
  layout,
  eager,
}: {
  entry: Extract<GalleryEntry, { kind: "single" }>;
  layout: GalleryLayout;
  eager?: boolean;
}) {
  const { collapsed } = entry;
  const more = collapsed && {
    groupId: collapsed.groupId,
    takes: collapsed.takes,
    onExpand: () => layout.setCollapsed(collapsed.groupId, false),
  };
  if (layout.density === "list") return <ClipRow generation={entry.generation} eager={eager} more={more} />;
  return (
    <ClipCard
      generation={entry.generation}
      eager={eager}
      more={more}
      variant={layout.density === "compact" ? "compact" : "single"}
    />
  );
}

function Group({
  entry,
  layout,
  width,
}: {
  entry: Extract<GalleryEntry, { kind: "group" }>;
  layout: GalleryLayout;
  width: number;
}) {
  return (
    <TakeGroup
      groupId={entry.groupId}
      takes={entry.takes}
      // Before the width is known (server, hydration), two takes a row; then as many as fit.
      columns={takeColumns(entry.takes.length, width - 32)}
      density={layout.density}
      onCollapse={() => layout.setCollapsed(entry.groupId, true)}
    />
  );
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
  layout: GalleryLayout;
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

/** Cards in the first row (at most 4 columns): their posters are the page's largest paint. */
const FIRST_ROW: Record<Density, number> = { comfortable: 3, compact: 4, list: 6 };

/**
 * The first few clips as a plain CSS grid (columns by container width, the same breakpoints as
 * columnsFor) or list: rendered on the server with the first page in the browser's density (its
 * cookie), right at every width before any script runs, and never remounted when the page hydrates.
 */
function Head({
  entries,
  width,
  layout,
}: {
  entries: readonly GalleryEntry[];
  width: number;
  layout: GalleryLayout;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Scrolled far away: the box keeps its height (the page's length) and drops its cards (the DOM).
  const away = useFarFromView(ref);
  return (
    <div ref={ref} data-testid="history-head" style={away === null ? undefined : { height: away }}>
      {away === null && (
        <div className={HEAD_LAYOUT[layout.density]}>
          {entries.map((entry, i) =>
            entry.kind === "group" ? (
              <div key={entry.key} className="col-span-full">
                <Group entry={entry} layout={layout} width={width} />
              </div>
            ) : (
              <Single key={entry.key} entry={entry} layout={layout} eager={i < FIRST_ROW[layout.density]} />
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
export function VirtualGrid({
  entries,
  layout,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: VirtualGridProps) {
  const { density, collapsed } = layout;
  const { head, rest } = useMemo(
    () => splitHead(collapseGroups(entries, collapsed), headCards(density)),
    [entries, collapsed, density],
  );
  const galleryRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const width = useWidth(galleryRef);
  const scrollMargin = useDocumentTop(listRef);
  const columns = columnsFor(width, density);
  const rows = useMemo(() => toRows(rest, columns), [rest, columns]);
  const gap = GAPS[density];

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (i) => estimate(rows[i], width, columns, density),
    getItemKey: (i) => `${rows[i]?.key ?? i}:${density}:${columns}`,
    overscan: density === "list" ? 6 : 2,
    gap,
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
    <div ref={galleryRef} className="@container w-full" data-columns={columns} data-density={density}>
      <Head entries={head} width={width} layout={layout} />
      <div
        ref={listRef}
        data-testid="history-list"
        data-rows={rows.length}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize(), marginTop: rows.length > 0 ? gap : undefined }}
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
                  <Group entry={row.entry} layout={layout} width={width} />
                ) : (
                  <div
                    className="grid items-stretch"
                    style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap }}
                  >
                    {row.entries.map((entry) => (
                      <Single key={entry.key} entry={entry} layout={layout} />
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
