"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { clipTitle } from "@/components/gallery/clip-meta";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { AlertIcon, ArrowLeftIcon, MessageIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { ApiRequestError } from "@/lib/client/http";
import type { GuestClipDTO, GuestLinkDTO, GuestViewDTO } from "@/lib/share/dto";
import { dayText } from "../format";
import { GUEST_REFRESH_MS, guestApi, guestKeys } from "./api";
import { GuestPoster, guestCardClass, guestGridClass } from "./guest-card";
import { GuestClip, ReviewBadge } from "./guest-clip";
import { SequenceList } from "./guest-sequence-list";

// A share link's page once the guest is through its gate: one clip, the takes of a group (tabs), or a
// gallery view (a grid; a clip opens in place, ?clip=<id>). It refetches every few seconds, so the team's
// comments and reviews show up without a reload (the studio's live stream is for members only).

function selectedFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get("clip");
}

export function LinkFacts({ link }: { link: GuestLinkDTO }) {
  const allows = ["view", ...link.permissions.map((p) => (p === "review" ? "approve" : p))].join(", ");
  return (
    <p className="text-xs text-ink-400" data-testid="guest-link-facts">
      Shared by <span className="text-ink-300">{link.sharedBy}</span> · you can {allows} · open until{" "}
      {dayText(link.expiresAt)}
    </p>
  );
}

function TakeTabs({
  clips,
  selected,
  onSelect,
}: {
  clips: GuestClipDTO[];
  selected: string;
  onSelect: (id: string) => void;
}) {
  return (
    <div
      role="tablist"
      aria-label="Takes"
      className="flex gap-2 overflow-x-auto pb-1"
      data-testid="guest-takes"
    >
      {clips.map((c) => {
        const on = c.id === selected;
        return (
          <button
            key={c.id}
            type="button"
            role="tab"
            aria-selected={on}
            onClick={() => onSelect(c.id)}
            className={cn(
              "flex shrink-0 items-center gap-2.5 rounded-lg border p-1.5 pr-3 text-left transition-colors focus-visible:outline-2 focus-visible:outline-accent-soft",
              on ? "border-accent/60 bg-accent/10" : "border-ink-700 bg-ink-900 hover:border-ink-600",
            )}
          >
            <span className="relative h-10 w-16 overflow-hidden rounded-md bg-ink-800">
              {c.posterUrl && (
                // biome-ignore lint/performance/noImgElement: posters through the share link's media route
                <img src={c.posterUrl} alt="" className="size-full object-cover" />
              )}
            </span>
            <span className="flex flex-col gap-0.5">
              <span className="text-sm font-medium text-ink-100">Take {c.takeIndex + 1}</span>
              <ReviewBadge status={c.reviewStatus} className="h-5 px-2 text-[11px]" />
            </span>
          </button>
        );
      })}
    </div>
  );
}

function ClipGrid({ clips, onOpen }: { clips: GuestClipDTO[]; onOpen: (id: string) => void }) {
  return (
    <ul className={guestGridClass} data-testid="guest-grid">
      {clips.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            onClick={() => onOpen(c.id)}
            className={guestCardClass}
            data-testid="guest-card"
            data-id={c.id}
          >
            <GuestPoster url={c.posterUrl} zoom />
            <span className="flex flex-col gap-2 p-3">
              <span className="line-clamp-2 text-sm leading-5 text-ink-100">{clipTitle(c, 90)}</span>
              <span className="flex flex-wrap items-center gap-2">
                <ReviewBadge status={c.reviewStatus} className="h-5 px-2 text-[11px]" />
                {c.takeCount > 1 && (
                  <span className="text-xs text-ink-400">
                    Take {c.takeIndex + 1} of {c.takeCount}
                  </span>
                )}
                {c.commentCount > 0 && (
                  <span className="inline-flex items-center gap-1 text-xs text-ink-400 tabular-nums">
                    <MessageIcon className="size-3.5" />
                    {c.commentCount}
                  </span>
                )}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Stopped({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div
      role="alert"
      className="mx-auto mt-10 flex max-w-lg flex-col items-center gap-3 rounded-card border border-ink-700 bg-ink-900 p-8 text-center"
      data-testid="guest-stopped"
    >
      <AlertIcon className="size-6 text-warn" />
      <p className="text-sm leading-6 text-ink-300">{message}</p>
      {children}
    </div>
  );
}

export function GuestView({ token, initial }: { token: string; initial: GuestViewDTO }) {
  const query = useInfiniteQuery({
    queryKey: guestKeys.view(token),
    queryFn: ({ pageParam, signal }) => guestApi.view(token, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initial], pageParams: [null] },
    refetchInterval: GUEST_REFRESH_MS,
    retry: (count, error) =>
      !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && count < 2,
  });
  const view = query.data.pages[0] ?? initial;
  const clips = query.data.pages.flatMap((p) => p.clips);
  const kind = view.link.kind;
  /** A gallery view and a project page like the gallery: a grid, and a clip opens in place. */
  const grid = kind === "gallery_view" || kind === "project";
  const [selected, setSelected] = useState<string | null>(null);

  // The open clip lives in the address (?clip=), so a reload or the back button keeps the place.
  useEffect(() => {
    const sync = () => setSelected(selectedFromUrl());
    sync();
    window.addEventListener("popstate", sync);
    return () => window.removeEventListener("popstate", sync);
  }, []);
  const open = (id: string | null) => {
    const url = new URL(window.location.href);
    if (id) url.searchParams.set("clip", id);
    else url.searchParams.delete("clip");
    window.history[grid ? "pushState" : "replaceState"](null, "", url);
    setSelected(id);
    if (grid) window.scrollTo({ top: 0 });
  };

  const error = query.error;
  // The link stopped working while the page was open (revoked, expired), or the guest's cookie ran out.
  if (error instanceof ApiRequestError && [401, 404, 410].includes(error.status)) {
    return (
      <Stopped message={error.status === 401 ? "This browser's visit to the link ended." : error.message}>
        {error.status === 401 && (
          <Button variant="primary" onClick={() => window.location.reload()}>
            Open the link again
          </Button>
        )}
      </Stopped>
    );
  }

  const current = clips.find((c) => c.id === selected) ?? (grid ? undefined : clips[0]);
  const heading =
    view.link.title ??
    (kind === "take_group"
      ? `${clips.length} takes`
      : kind === "project"
        ? "A project for review"
        : kind === "gallery_view"
          ? "Clips for review"
          : null);

  return (
    <main
      className="mx-auto flex max-w-[1400px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8"
      data-testid="guest-view"
      data-kind={kind}
    >
      <div className="flex flex-col gap-1.5">
        {grid && current && (
          <button
            type="button"
            onClick={() => open(null)}
            className="inline-flex items-center gap-1.5 self-start rounded-md text-sm text-ink-300 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <ArrowLeftIcon className="size-4" />
            All {clips.length} clips
          </button>
        )}
        {heading &&
          !(grid && current) &&
          (grid ? (
            <h1 className="text-xl font-semibold text-ink-100" data-testid="guest-heading">
              {heading}
            </h1>
          ) : (
            <p className="text-base font-semibold text-ink-100" data-testid="guest-heading">
              {heading}
            </p>
          ))}
        <LinkFacts link={view.link} />
      </div>
      {!current && view.sequences.length > 0 && <SequenceList token={token} sequences={view.sequences} />}
      {clips.length === 0 ? (
        <Stopped
          message={
            kind === "generation"
              ? "This clip is no longer available: it was deleted in the studio."
              : "There is nothing here right now: the clips this link shares were deleted or no longer match."
          }
        />
      ) : (
        <>
          {kind === "take_group" && current && (
            <TakeTabs clips={clips} selected={current.id} onSelect={(id) => open(id)} />
          )}
          {current ? (
            <GuestClip key={current.id} token={token} view={view} clip={current} />
          ) : (
            <>
              {view.sequences.length > 0 && (
                <h2 className="font-semibold text-ink-100 text-sm">
                  Clips ({clips.length}
                  {query.hasNextPage ? "+" : ""})
                </h2>
              )}
              <ClipGrid clips={clips} onOpen={(id) => open(id)} />
              {query.hasNextPage && (
                <Button
                  className="self-center"
                  onClick={() => void query.fetchNextPage()}
                  disabled={query.isFetchingNextPage}
                >
                  {query.isFetchingNextPage && <Spinner />}
                  Show more clips
                </Button>
              )}
            </>
          )}
        </>
      )}
    </main>
  );
}
