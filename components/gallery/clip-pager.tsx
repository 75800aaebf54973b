"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";
import { clipHref } from "@/lib/client/clip-nav";
import type { GalleryQuery } from "@/lib/client/queries";
import type { ClipNeighbor, ClipNeighbors } from "@/lib/generations/dto";
import { REVIEW_LABELS } from "@/lib/review/limits";
import { clipTitle } from "./clip-meta";
import { filterLabel } from "./gallery-toolbar";

/** The gallery view a clip page was opened from, in a few words ("“rain” · Completed"); null: all clips. */
export function viewSummary(query: GalleryQuery): string | null {
  const q = query.q.trim();
  const parts = [
    q && `“${q.length > 24 ? `${q.slice(0, 23)}…` : q}”`,
    query.status !== "all" && filterLabel(query.status),
    query.favorite && "Starred",
    query.review && REVIEW_LABELS[query.review],
    query.chosen && "Chosen takes",
    query.creator && (query.creator === "me" ? "Mine" : "One member's"),
    (query.asset || query.character) && "Using one reference",
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" · ") : null;
}

const neighborName = (n: ClipNeighbor) =>
  `${n.takeCount > 1 ? `Take ${n.takeIndex + 1} of ${n.takeCount}: ` : ""}${clipTitle(n, 60)}`;

function Step({
  dir,
  neighbor,
  reason,
  from,
}: {
  dir: "prev" | "next";
  neighbor: ClipNeighbor | null | undefined;
  /** Why there is no link (the end of the view, still looking, or an error). */
  reason: string;
  from: string;
}) {
  const reasonId = useId();
  const name = dir === "prev" ? "Previous clip" : "Next clip";
  const key = dir === "prev" ? "[" : "]";
  const inner =
    dir === "prev" ? (
      <>
        <ChevronLeftIcon />
        <span className="hidden sm:inline">Previous</span>
      </>
    ) : (
      <>
        <span className="hidden sm:inline">Next</span>
        <ChevronRightIcon />
      </>
    );
  if (neighbor) {
    return (
      <LinkButton
        href={clipHref(neighbor.id, from)}
        size="sm"
        variant="secondary"
        aria-label={name}
        title={`${name} (${key}): ${neighborName(neighbor)}`}
        data-testid={`clip-${dir}`}
        className="px-2 sm:px-2.5"
      >
        {inner}
      </LinkButton>
    );
  }
  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        aria-label={name}
        aria-disabled
        aria-describedby={reasonId}
        title={reason}
        data-testid={`clip-${dir}`}
        className="px-2 opacity-50 sm:px-2.5"
      >
        {inner}
      </Button>
      <span id={reasonId} hidden>
        {reason}
      </span>
    </>
  );
}

/**
 * Previous and Next: the clips beside this one in the gallery view it was opened from (`[` and `]` do the
 * same). At either end the button stays, disabled, saying why.
 */
export function ClipPager({
  neighbors,
  failed,
  from,
}: {
  neighbors: ClipNeighbors | undefined;
  failed: boolean;
  from: string;
}) {
  const where = from ? "in this view" : "in the gallery";
  const reason = (dir: "prev" | "next") => {
    if (failed) return "Could not find the clips around this one. Reload to try again.";
    if (!neighbors) return "Finding the clips around this one…";
    if (dir === "prev") return from ? "This is the first clip in this view." : "This is the newest clip.";
    return from ? "This is the last clip in this view." : "This is the oldest clip.";
  };
  return (
    <nav aria-label={`Clips ${where}`} className="flex items-center gap-1" data-testid="clip-pager">
      <Step dir="prev" neighbor={neighbors?.prev} reason={reason("prev")} from={from} />
      <Step dir="next" neighbor={neighbors?.next} reason={reason("next")} from={from} />
    </nav>
  );
}
