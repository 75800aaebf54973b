"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldMessage } from "@/components/ui/field-message";
import { sendJson } from "@/lib/client/http";
import {
  type SequenceCommentsSource,
  type SequenceCommentView,
  sequenceCommentsQueryOptions,
} from "@/lib/client/sequence-queries";
import { clock, locate, shotName, type Timeline } from "@/lib/client/sequence-timeline";
import { MAX_COMMENT_CHARS } from "@/lib/review/limits";

interface Props {
  /** Where the comments are read and posted (the studio's route, or a guest's under a link). */
  source: SequenceCommentsSource;
  /** False for a guest whose link does not allow comments: the list without the form. */
  canComment?: boolean;
  timeline: Timeline;
  /** The playhead's sequence time: where a new comment goes. */
  time: number;
  onSeek: (sec: number) => void;
}

/**
 * Review of the whole sequence: a comment goes on the take playing under the playhead, at that moment
 * of it (the clip's page shows it too); the list gives each comment's shot and time, and a click plays it.
 */
export function SequenceComments({ source, canComment = true, timeline, time, onSeek }: Props) {
  const client = useQueryClient();
  const { data: comments = [] } = useQuery(sequenceCommentsQueryOptions<SequenceCommentView>(source));
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const at = locate(timeline, time);
  const seg = at ? timeline.segments[at.index] : undefined;
  const post = useMutation({
    mutationFn: () =>
      sendJson<{ comment: SequenceCommentView }>("POST", source.url, {
        atSec: Math.round(time * 1000) / 1000,
        body,
      }),
    onSuccess: ({ comment }) => {
      setBody("");
      setError(null);
      toast.success(
        `Comment added to ${shotName({ position: comment.shotPosition, title: comment.shotTitle })}`,
      );
      void client.invalidateQueries({ queryKey: source.queryKey });
    },
    onError: (err) => setError(err.message),
  });
  const top = comments.filter((c) => !c.parentId);
  return (
    <section aria-labelledby="sequence-comments-title" className="space-y-3" data-testid="sequence-comments">
      <h2 id="sequence-comments-title" className="font-semibold text-ink-100 text-sm">
        Review comments <span className="font-normal text-ink-400">({top.length})</span>
      </h2>
      {canComment && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!post.isPending) post.mutate();
          }}
        >
          <label htmlFor="sequence-comment" className="block text-ink-300 text-xs">
            At {clock(time)}
            {seg && at ? ` · ${shotName(seg)}, ${clock(at.offsetSec)} into its take` : ""}
          </label>
          <textarea
            id="sequence-comment"
            value={body}
            maxLength={MAX_COMMENT_CHARS}
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                e.preventDefault();
                if (!post.isPending && body.trim()) post.mutate();
              }
            }}
            rows={2}
            placeholder="What should change here?"
            aria-describedby={error ? "sequence-comment-error" : undefined}
            className="w-full resize-y rounded-lg border border-ink-600 bg-ink-900 px-3 py-2 text-ink-100 text-sm placeholder:text-ink-500 focus-visible:outline-2 focus-visible:outline-accent-soft"
          />
          {error && <FieldMessage id="sequence-comment-error">{error}</FieldMessage>}
          <Button type="submit" size="sm" variant="primary" disabled={!body.trim() || post.isPending}>
            {post.isPending ? "Posting…" : "Comment"}
          </Button>
        </form>
      )}
      <ol className="space-y-1.5">
        {top.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              onClick={() => onSeek(c.sequenceSec)}
              data-testid="sequence-comment"
              className="w-full rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-left text-sm hover:border-ink-500 focus-visible:outline-2 focus-visible:outline-accent-soft"
            >
              <span className="block text-ink-400 text-xs">
                <span className="font-mono tabular-nums">{clock(c.sequenceSec)}</span> ·{" "}
                {shotName({ position: c.shotPosition, title: c.shotTitle })} · {c.authorName}
                {c.resolvedAt ? " · resolved" : ""}
              </span>
              <span className="block whitespace-pre-wrap text-ink-100">{c.body}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
