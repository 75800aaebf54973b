"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { DensitySwitch, filterLabel, GalleryToolbar } from "@/components/gallery/gallery-toolbar";
import { GalleryViewContext } from "@/components/gallery/gallery-view";
import { CompareBar, LookupHeader } from "@/components/gallery/lookup-header";
import { toEntries } from "@/components/gallery/rows";
import { useGalleryParams } from "@/components/gallery/use-gallery-params";
import { type LayoutPrefs, useLayoutPrefs } from "@/components/gallery/use-layout-prefs";
import { VirtualGrid } from "@/components/gallery/virtual-grid";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FilmIcon, SearchIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useCurrentProject } from "@/lib/client/current-project";
import { ALL_CLIPS, galleryParams, generationsQueryOptions, HISTORY_PAGE_SIZE } from "@/lib/client/queries";
import { isTerminal } from "@/lib/generations/state";
import { useNewClipFocus } from "./use-new-clip-focus";

function Skeleton() {
  return (
    <div aria-hidden className="overflow-hidden rounded-card border border-ink-700 bg-ink-900">
      <div className="aspect-video animate-pulse bg-ink-800" />
      <div className="flex flex-col gap-2.5 p-4">
        <div className="h-5 w-24 animate-pulse rounded-full bg-ink-800" />
        <div className="h-4 w-full animate-pulse rounded bg-ink-800" />
        <div className="h-4 w-2/3 animate-pulse rounded bg-ink-800" />
      </div>
    </div>
  );
}

export function GallerySkeleton() {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <p className="sr-only" role="status">
        Loading clips…
      </p>
      <Skeleton />
      <Skeleton />
    </div>
  );
}

/**
 * Every clip, newest first: filter, search, infinite scroll over a virtualized grid, in the density this
 * browser chose. `layout` is what the server read from this browser's cookies, so its HTML has it too.
 */
export function History({ layout: serverLayout }: { layout: LayoutPrefs }) {
  const { query: view, update } = useGalleryParams();
  const layout = useLayoutPrefs(serverLayout);
  // The URL's filters within the current project (the header's switcher); "All projects" is unscoped.
  const current = useCurrentProject();
  const scoped = useMemo(
    () => (current.projectId ? { ...view, project: current.projectId } : view),
    [view, current.projectId],
  );
  const listOptions = generationsQueryOptions(HISTORY_PAGE_SIZE, scoped);
  const query = useInfiniteQuery({
    ...listOptions,
    // Not before the project is known: an unscoped first read would show other projects' clips.
    enabled: current.ready,
    // While a new filter or search loads, keep showing the last result instead of a skeleton.
    placeholderData: keepPreviousData,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const entries = useMemo(() => toEntries(items), [items]);
  const newClipNote = useNewClipFocus(listOptions.queryKey);
  const from = useMemo(() => galleryParams(view).toString(), [view]);
  const active = items.filter((g) => !isTerminal(g.status)).length;
  const filtered =
    view.status !== "all" ||
    view.q.trim() !== "" ||
    view.favorite ||
    view.review !== null ||
    view.chosen ||
    view.asset !== null ||
    view.character !== null ||
    view.creator !== null;

  return (
    <section
      id="history"
      aria-labelledby="history-heading"
      className="flex min-w-0 scroll-mt-20 flex-col gap-4"
      data-testid="history"
      aria-busy={query.isFetching && query.isPlaceholderData}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h2 id="history-heading" className="text-base font-semibold text-ink-100">
          Gallery
        </h2>
        {active > 0 && (
          <Badge tone="accent" dot="pulse" data-testid="history-active">
            {active} in progress
          </Badge>
        )}
        {query.isFetching && query.isPlaceholderData && <Spinner className="size-4 text-ink-400" />}
        <span className="ml-auto">
          <DensitySwitch value={layout.density} onChange={layout.setDensity} />
        </span>
      </div>

      <LookupHeader query={view} items={items} onClear={() => update({ asset: null, character: null })} />

      <GalleryToolbar
        query={view}
        onChange={update}
        searching={query.isFetching && query.isPlaceholderData}
        creatorName={items.find((g) => g.createdBy?.id === view.creator)?.createdBy?.name}
      />

      {query.isPending ? (
        <GallerySkeleton />
      ) : query.isError && items.length === 0 ? (
        <div
          role="alert"
          className="flex flex-col items-start gap-3 rounded-card border border-danger/30 bg-danger/5 p-5"
        >
          <p className="text-sm text-danger">Could not load the gallery: {query.error.message}</p>
          <Button size="sm" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </div>
      ) : items.length === 0 && filtered ? (
        <div
          data-testid="history-no-match"
          className="flex flex-col items-center gap-3 rounded-card border border-ink-700 border-dashed px-6 py-14 text-center"
        >
          <span className="flex size-12 items-center justify-center rounded-full bg-ink-800 text-ink-300">
            <SearchIcon className="size-5" />
          </span>
          <p className="text-sm font-medium text-ink-100">
            {view.q.trim()
              ? `No ${view.status === "all" ? "" : `${filterLabel(view.status).toLowerCase()} `}clips mention “${view.q.trim()}”`
              : view.status !== "all"
                ? `No ${filterLabel(view.status).toLowerCase()} clips`
                : "No clips match these filters"}
          </p>
          <Button size="sm" variant="secondary" onClick={() => update(ALL_CLIPS)}>
            Show all clips
          </Button>
        </div>
      ) : items.length === 0 ? (
        <div
          data-testid="history-empty"
          className="flex flex-col items-center gap-3 rounded-card border border-ink-700 border-dashed px-6 py-16 text-center"
        >
          <span className="flex size-12 items-center justify-center rounded-full bg-ink-800 text-ink-300">
            <FilmIcon className="size-6" />
          </span>
          <p className="text-sm font-medium text-ink-100">No clips yet</p>
          <p className="max-w-sm text-sm text-ink-400">
            Add reference images, name them in the prompt with their tags, and press Generate. Clips appear
            here and stay after a reload.
          </p>
        </div>
      ) : (
        // Each card's link carries this view to the clip's page (its Previous and Next walk it).
        <GalleryViewContext value={from}>
          <VirtualGrid
            entries={entries}
            layout={layout}
            hasNextPage={hasNextPage}
            isFetchingNextPage={isFetchingNextPage}
            fetchNextPage={fetchNextPage}
          />
        </GalleryViewContext>
      )}

      {hasNextPage && items.length > 0 && (
        <div className="flex justify-center py-2">
          <Button onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} variant="ghost">
            {isFetchingNextPage && <Spinner />}
            {isFetchingNextPage ? "Loading…" : "Load older clips"}
          </Button>
        </div>
      )}
      <CompareBar />
      {/* Said once for screen readers; shown under the header while the user lands on the new card. */}
      <p role="status" className="sr-only">
        {newClipNote ?? ""}
      </p>
      {newClipNote ? (
        <p
          aria-hidden
          data-testid="new-clip-note"
          className="-translate-x-1/2 pointer-events-none fixed top-16 left-1/2 z-20 rounded-full border border-accent/40 bg-ink-900/95 px-3 py-1.5 font-medium text-accent-soft text-xs shadow-lg"
        >
          {newClipNote} ↓
        </p>
      ) : null}
      {!hasNextPage && items.length > 12 && (
        <p className="py-2 text-center text-xs text-ink-400">
          That is every clip{filtered ? " that matches" : ""}.
        </p>
      )}
    </section>
  );
}
