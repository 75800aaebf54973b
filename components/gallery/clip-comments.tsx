"use client";

import { useQuery } from "@tanstack/react-query";
import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CheckIcon, MessageIcon } from "@/components/ui/icons";
import { commentsQueryOptions } from "@/lib/client/review";
import { useClipTime } from "@/lib/client/use-clip-time";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { CommentDTO } from "@/lib/review/dto";
import { formatClipTime } from "@/lib/review/limits";
import { CommentComposer } from "./comment-composer";
import { shownThreads } from "./comment-nav";
import { CommentThread } from "./comment-thread";
import { CommentTimeline } from "./comment-timeline";
import { IdentityStrip } from "./identity-strip";
import { commentHere, type ReviewState, seekTo, selectComment } from "./review-state";

/**
 * The review conversation on a clip: the timeline of threads, "Comment at" and the composer, and the
 * threads in time order (resolved ones folded away unless asked for).
 */
export function ClipComments({
  g,
  video,
  review,
}: {
  g: GenerationDTO;
  video: RefObject<HTMLVideoElement | null>;
  review: ReviewState;
}) {
  const { time, duration } = useClipTime(video, g.videoDurationSec ?? g.duration);
  const { data: comments = [], isPending } = useQuery(commentsQueryOptions(g.id));
  const { draft, showResolved, setShowResolved } = review;

  const roots = comments.filter((c) => c.parentId === null);
  const replies = new Map<string, CommentDTO[]>();
  for (const c of comments) if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  const resolvedCount = roots.filter((c) => c.resolvedAt).length;
  const shown = shownThreads(comments, showResolved);

  const select = (c: CommentDTO) => selectComment(video.current, review, c);

  return (
    <section aria-labelledby="comments-heading" className="flex flex-col gap-3" data-testid="clip-comments">
      <CommentTimeline
        threads={shown}
        time={time}
        duration={duration}
        selectedId={review.selectedId}
        draft={draft.atSec === null ? null : { atSec: draft.atSec, endSec: draft.endSec }}
        onSelect={select}
      />
      <IdentityStrip
        identity={g.identity}
        isPreview={g.isPreview}
        duration={duration}
        time={time}
        onSeek={(at) => seekTo(video.current, at)}
      />
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="comments-heading" className="flex items-center gap-2 text-sm font-semibold text-ink-100">
          <MessageIcon className="size-4 text-ink-400" />
          Comments
          <span className="font-normal text-ink-400 tabular-nums">{comments.length}</span>
        </h2>
        {resolvedCount > 0 && (
          <button
            type="button"
            aria-pressed={showResolved}
            onClick={() => setShowResolved((s) => !s)}
            className={cn(
              "inline-flex h-7 items-center gap-1 rounded-full border px-2.5 text-xs focus-visible:outline-2 focus-visible:outline-accent-soft",
              showResolved
                ? "border-accent-soft bg-accent/15 text-ink-100"
                : "border-ink-600 text-ink-300 hover:border-ink-400 hover:text-ink-100",
            )}
          >
            <CheckIcon className="size-3.5" />
            Show resolved ({resolvedCount})
          </button>
        )}
        <Button
          size="sm"
          variant="secondary"
          className="ml-auto min-w-36 tabular-nums"
          onClick={() => commentHere(video.current, review, time)}
          data-testid="comment-at"
        >
          <MessageIcon className="size-3.5" />
          Comment at {formatClipTime(time)}
        </Button>
      </div>
      {draft.atSec !== null && (
        <CommentComposer generationId={g.id} video={video} review={review} time={time} duration={duration} />
      )}
      {isPending ? (
        <p className="text-sm text-ink-400">Loading comments…</p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-ink-400">
          {resolvedCount > 0
            ? "Every thread is resolved."
            : "No comments yet. Pause where something should change and press “Comment at”."}
        </p>
      ) : (
        <ul className="divide-y divide-ink-700/70" data-testid="comment-list">
          {shown.map((root) => (
            <CommentThread
              key={root.id}
              root={root}
              replies={replies.get(root.id) ?? []}
              selectedId={review.selectedId}
              onSelect={select}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
