"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FilmIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { generationsQueryOptions } from "@/lib/client/queries";
import { isTerminal } from "@/lib/generations/schema";
import { GenerationCard } from "./generation-card";

function Skeleton() {
  return (
    <li aria-hidden className="overflow-hidden rounded-card border border-ink-800 bg-ink-900">
      <div className="aspect-video animate-pulse bg-ink-800/60" />
      <div className="flex flex-col gap-2 p-4">
        <div className="h-5 w-24 animate-pulse rounded-full bg-ink-800" />
        <div className="h-4 w-full animate-pulse rounded bg-ink-800" />
        <div className="h-4 w-2/3 animate-pulse rounded bg-ink-800" />
      </div>
    </li>
  );
}

/** Every clip, newest first. Polls while anything is in flight; loads older pages as you scroll. */
export function History() {
  const query = useInfiniteQuery(generationsQueryOptions());
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const active = items.filter((g) => !isTerminal(g.status)).length;
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "600px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <section aria-labelledby="history-heading" className="flex min-w-0 flex-col gap-4" data-testid="history">
      <div className="flex items-center gap-3">
        <h2 id="history-heading" className="text-base font-semibold text-ink-100">
          History
        </h2>
        {active > 0 && (
          <Badge tone="accent" dot="pulse" data-testid="history-active">
            {active} in progress
          </Badge>
        )}
      </div>

      {query.isPending ? (
        <ul
          className="grid gap-4 sm:grid-cols-2 2xl:grid-cols-3"
          aria-busy="true"
          aria-label="Loading history"
        >
          <Skeleton />
          <Skeleton />
        </ul>
      ) : query.isError && items.length === 0 ? (
        <div
          role="alert"
          className="flex flex-col items-start gap-3 rounded-card border border-danger/30 bg-danger/5 p-5"
        >
          <p className="text-sm text-danger">Could not load the history: {query.error.message}</p>
          <Button size="sm" onClick={() => void query.refetch()}>
            Try again
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
        <ul className="grid gap-4 sm:grid-cols-2 2xl:grid-cols-3" data-testid="history-list">
          {items.map((g) => (
            <li key={g.id} className="flex">
              <GenerationCard generation={g} />
            </li>
          ))}
        </ul>
      )}

      {hasNextPage && (
        <div ref={sentinel} className="flex justify-center py-2">
          <Button onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} variant="ghost">
            {isFetchingNextPage && <Spinner />}
            {isFetchingNextPage ? "Loading…" : "Load older clips"}
          </Button>
        </div>
      )}
    </section>
  );
}
