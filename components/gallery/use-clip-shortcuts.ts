"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { RefObject } from "react";
import { clipHref } from "@/lib/client/clip-nav";
import { commentsQueryOptions } from "@/lib/client/review";
import { type PlayerShortcuts, usePlayerShortcuts } from "@/lib/client/use-player-shortcuts";
import type { ClipNeighbors, GenerationDTO } from "@/lib/generations/dto";
import { adjacentComment, shownThreads } from "./comment-nav";
import { commentHere, type ReviewState, selectComment } from "./review-state";

/** Puts keyboard focus on a comment (its time button) without scrolling the player away, and shows it. */
function focusComment(id: string) {
  const el = document.querySelector<HTMLElement>(
    `[data-testid="comment"][data-comment-id="${CSS.escape(id)}"] [data-testid="comment-time"]`,
  );
  if (!el) return;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: "nearest" });
}

/**
 * The clip page's keys (lib/client/use-player-shortcuts.ts): the player's, C to comment at the current
 * time, ← → through the comments the timeline shows, [ ] to the clips beside this one in the gallery
 * view it came from. Off while drawing on the frame (the frame must stay still).
 */
export function useClipShortcuts({
  g,
  video,
  review,
  neighbors,
  from,
}: {
  g: GenerationDTO;
  video: RefObject<HTMLVideoElement | null>;
  review: ReviewState;
  neighbors: ClipNeighbors | undefined;
  from: string;
}): PlayerShortcuts {
  const router = useRouter();
  const playable = g.status === "completed" && Boolean(g.videoUrl);
  const { data: comments = [] } = useQuery({ ...commentsQueryOptions(g.id), enabled: playable });
  const step = (dir: 1 | -1) => {
    const el = video.current;
    const threads = shownThreads(comments, review.showResolved);
    const to = adjacentComment(threads, review.selectedId, el?.currentTime ?? 0, dir);
    if (!to) return;
    selectComment(el, review, to);
    focusComment(to.id);
  };
  const go = (n: { id: string } | null | undefined) => {
    if (n) router.push(clipHref(n.id, from));
  };
  return usePlayerShortcuts({
    videos: () => [video.current],
    enabled: !review.drawing,
    onComment: playable ? () => commentHere(video.current, review, 0) : undefined,
    onPrevComment: playable ? () => step(-1) : undefined,
    onNextComment: playable ? () => step(1) : undefined,
    onPrevClip: () => go(neighbors?.prev),
    onNextClip: () => go(neighbors?.next),
  });
}
