"use client";

import { useMutation } from "@tanstack/react-query";
import type { RefObject } from "react";
import { toast } from "sonner";
import { addCommentAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PencilIcon, RangeIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { actionValue } from "@/lib/client/action";
import { formatClipTime, MAX_COMMENT_CHARS } from "@/lib/review/limits";
import { commentField, useRefreshComments } from "./comment-shared";
import { clipSpan } from "./comment-timeline";
import { MentionTextarea } from "./mention-textarea";
import { COMPOSER_ID, currentTenth, type ReviewState, seekTo } from "./review-state";

export const toggle = (on: boolean) =>
  cn(
    "inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-accent-soft",
    on
      ? "border-accent-soft bg-accent/20 text-ink-100"
      : "border-ink-600 bg-ink-800 text-ink-300 hover:border-ink-400 hover:text-ink-100",
  );

/** What is wrong with the draft's range, if anything (the server checks the same). */
function rangeProblem(atSec: number, endSec: number | null, duration: number): string | null {
  if (endSec === null) return null;
  if (endSec <= atSec) {
    return `The out point (${formatClipTime(endSec)}) must come after the in point (${formatClipTime(atSec)}): set it later, or clear the range.`;
  }
  if (endSec > duration + 0.05) return `The out point is past the end of this ${duration.toFixed(1)} s clip.`;
  return null;
}

/** Writing a comment: its text (with @ for members), its range, and a drawing on the frame. */
export function CommentComposer({
  generationId,
  video,
  review,
  time,
  duration,
}: {
  generationId: string;
  video: RefObject<HTMLVideoElement | null>;
  review: ReviewState;
  time: number;
  duration: number;
}) {
  const refresh = useRefreshComments(generationId);
  const { draft, patchDraft, drawing, setDrawing } = review;
  const atSec = draft.atSec ?? 0;
  const problem = rangeProblem(atSec, draft.endSec, duration);
  const post = useMutation({
    mutationFn: async () => {
      const r = await actionValue(
        addCommentAction({
          generationId,
          atSec,
          endSec: draft.endSec,
          body: draft.body,
          drawing: draft.shapes.length > 0 ? { shapes: draft.shapes } : null,
        }),
      );
      return r.comment;
    },
    onSuccess: () => {
      review.resetDraft();
      refresh();
    },
    onError: (e) => toast.error("Comment not saved", { description: e.message }),
  });
  const ready = draft.body.trim().length > 0 && problem === null;
  const send = () => {
    if (ready && !post.isPending) post.mutate();
  };
  const now = () => currentTenth(video.current, time);
  const startDrawing = () => {
    seekTo(video.current, atSec);
    // The composer sits under the player: on a short screen the frame may be scrolled out of sight.
    video.current?.scrollIntoView({ block: "nearest" });
    review.setSelectedId(null);
    setDrawing(true);
  };
  const empty = !draft.body.trim() && draft.shapes.length === 0 && draft.endSec === null;
  const span = clipSpan(atSec, draft.endSec);

  return (
    <form
      data-testid="comment-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      className="flex flex-col gap-2.5 rounded-lg border border-ink-700 bg-ink-950/50 p-3"
    >
      <label htmlFor={COMPOSER_ID} className="text-xs text-ink-300">
        Comment at <span className="font-mono font-semibold text-warn tabular-nums">{span}</span>
      </label>
      <MentionTextarea
        id={COMPOSER_ID}
        aria-label={`Comment at ${span}`}
        className={cn(commentField, "min-h-20")}
        value={draft.body}
        maxLength={MAX_COMMENT_CHARS}
        onValueChange={(body) => patchDraft({ body })}
        onSubmit={send}
        placeholder="What should change here? @ names a member."
        autoFocus
      />

      <div className="flex flex-wrap items-center gap-1.5" data-testid="range-controls">
        <span className="mr-0.5 inline-flex items-center gap-1 text-xs text-ink-400">
          <RangeIcon className="size-3.5" />
          Range
        </span>
        <button
          type="button"
          className={toggle(false)}
          onClick={() => patchDraft({ atSec: now() })}
          aria-label={`Set the in point at ${formatClipTime(now())}`}
        >
          In <span className="font-mono tabular-nums">{formatClipTime(atSec)}</span>
        </button>
        <button
          type="button"
          className={toggle(draft.endSec !== null)}
          onClick={() => patchDraft({ endSec: now() })}
          aria-label={`Set the out point at ${formatClipTime(now())}`}
        >
          Out{" "}
          <span className="font-mono tabular-nums">
            {draft.endSec === null ? "–:––" : formatClipTime(draft.endSec)}
          </span>
        </button>
        {draft.endSec !== null && (
          <Button size="sm" variant="ghost" onClick={() => patchDraft({ endSec: null })}>
            Clear range
          </Button>
        )}
        <span className="mx-1 hidden h-5 w-px bg-ink-700 sm:block" />
        <button
          type="button"
          className={toggle(drawing)}
          aria-pressed={drawing}
          onClick={() => (drawing ? setDrawing(false) : startDrawing())}
        >
          <PencilIcon className="size-3.5" />
          {drawing ? "Done drawing" : draft.shapes.length > 0 ? "Edit drawing" : "Draw on frame"}
        </button>
        {!drawing && draft.shapes.length > 0 && (
          <span className="text-xs text-ink-400" data-testid="draft-drawing">
            {draft.shapes.length} shape{draft.shapes.length === 1 ? "" : "s"} attached
          </span>
        )}
      </div>
      {problem && (
        <p role="alert" className="text-xs text-danger" data-testid="range-error">
          {problem}
        </p>
      )}

      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm" variant="primary" disabled={post.isPending || !ready}>
          {post.isPending && <Spinner className="size-3.5" />}
          Post comment
        </Button>
        <Button size="sm" variant="ghost" onClick={review.resetDraft}>
          {empty ? "Cancel" : "Discard"}
        </Button>
        <span className="ml-auto text-[11px] text-ink-400">Ctrl/⌘+Enter posts</span>
      </div>
    </form>
  );
}
