"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, type RefObject, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { MessageIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { formatTimestamp } from "@/lib/client/format";
import { useClipTime } from "@/lib/client/use-clip-time";
import { formatClipTime, MAX_COMMENT_CHARS } from "@/lib/review/limits";
import type { GuestClipDTO, GuestCommentDTO } from "@/lib/share/dto";
import { GUEST_REFRESH_MS, guestApi, guestKeys } from "./api";

function seek(video: HTMLVideoElement | null, at: number) {
  if (!video) return;
  video.pause();
  video.currentTime = at;
}

/** The clip's comments, refetched while the page is open (guests have no live stream). */
function useGuestComments(token: string, clipId: string) {
  return useQuery({
    queryKey: guestKeys.comments(token, clipId),
    queryFn: ({ signal }) => guestApi.comments(token, clipId, signal),
    refetchInterval: GUEST_REFRESH_MS,
  });
}

/** Under the player: a marker for each comment; the playhead moves along it. */
export function CommentTimeline({
  token,
  clip,
  video,
}: {
  token: string;
  clip: GuestClipDTO;
  video: RefObject<HTMLVideoElement | null>;
}) {
  const { time, duration } = useClipTime(video, clip.videoDurationSec ?? clip.duration);
  const { data: comments = [] } = useGuestComments(token, clip.id);
  const onSeek = (at: number) => seek(video.current, at);
  const pct = (t: number) => `${Math.min(100, Math.max(0, (t / Math.max(duration, 0.1)) * 100))}%`;
  return (
    <div className="relative h-6" data-testid="comment-timeline">
      <div className="absolute inset-x-0 top-1/2 h-1 -translate-y-1/2 rounded-full bg-ink-700" />
      <div
        className="absolute top-1/2 left-0 h-1 -translate-y-1/2 rounded-full bg-accent/60"
        style={{ width: pct(time) }}
      />
      {comments.map((c) => (
        <button
          key={c.id}
          type="button"
          data-testid="comment-marker"
          aria-label={`Go to comment at ${formatClipTime(c.atSec)} by ${c.authorName}`}
          title={`${formatClipTime(c.atSec)} ${c.authorName}: ${c.body}`}
          onClick={() => onSeek(c.atSec)}
          className="absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-ink-900 bg-warn transition-transform hover:scale-125 focus-visible:outline-2 focus-visible:outline-accent-soft"
          style={{ left: pct(c.atSec) }}
        />
      ))}
    </div>
  );
}

function Comment({ c, onSeek }: { c: GuestCommentDTO; onSeek: (at: number) => void }) {
  return (
    <li className="flex flex-col gap-1 py-3" data-testid="comment" data-at={c.atSec}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <button
          type="button"
          onClick={() => onSeek(c.atSec)}
          aria-label={`Play from ${formatClipTime(c.atSec)}`}
          className="rounded-md bg-warn/15 px-1.5 py-0.5 font-mono font-semibold text-warn tabular-nums hover:bg-warn/25 focus-visible:outline-2 focus-visible:outline-accent-soft"
        >
          {formatClipTime(c.atSec)}
        </button>
        <span className="font-semibold text-ink-100" data-testid="comment-author">
          {c.authorName}
          {c.mine && <span className="font-normal text-ink-400"> · you</span>}
        </span>
        <time dateTime={c.createdAt} className="text-ink-400">
          {formatTimestamp(c.createdAt)}
        </time>
      </div>
      <p
        className="text-sm leading-6 break-words whitespace-pre-wrap text-ink-100"
        data-testid="comment-body"
      >
        {c.body}
      </p>
    </li>
  );
}

/**
 * A shared clip's comments in time order and, when the link allows it, a box that comments at the moment
 * the player shows (paused while the guest writes).
 */
export function GuestComments({
  token,
  clip,
  video,
  canComment,
  guestName,
}: {
  token: string;
  clip: GuestClipDTO;
  video: RefObject<HTMLVideoElement | null>;
  canComment: boolean;
  guestName: string;
}) {
  const client = useQueryClient();
  const { time } = useClipTime(video, clip.videoDurationSec ?? clip.duration);
  const { data: comments = [], isPending } = useGuestComments(token, clip.id);
  const [body, setBody] = useState("");
  /** The moment the draft is pinned to: set when the guest starts writing. */
  const [pinned, setPinned] = useState<number | null>(null);
  const at = pinned ?? Math.round(time * 10) / 10;
  const add = useMutation({
    mutationFn: () => guestApi.comment(token, clip.id, { atSec: at, body }),
    onSuccess: () => {
      setBody("");
      setPinned(null);
      void client.invalidateQueries({ queryKey: guestKeys.comments(token, clip.id) });
      void client.invalidateQueries({ queryKey: guestKeys.view(token) });
    },
    onError: (e) => toast.error("Comment not posted", { description: e.message }),
  });
  const onSeek = (t: number) => {
    seek(video.current, t);
    if (!body.trim()) setPinned(null);
  };

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (body.trim() && !add.isPending) add.mutate();
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <section
      aria-labelledby="guest-comments-heading"
      className="flex flex-col gap-3"
      data-testid="guest-comments"
    >
      <h2 id="guest-comments-heading" className="flex items-center gap-2 text-sm font-semibold text-ink-100">
        <MessageIcon className="size-4 text-ink-400" />
        Comments
        <span className="font-normal text-ink-400 tabular-nums">{comments.length}</span>
      </h2>
      {canComment && (
        <form
          onSubmit={submit}
          className="flex flex-col gap-2 rounded-lg border border-ink-700 bg-ink-950/50 p-3"
          data-testid="guest-comment-form"
        >
          <label className="flex flex-col gap-1.5 text-xs text-ink-300">
            <span>
              Comment at{" "}
              <span
                className="font-mono font-semibold text-warn tabular-nums"
                data-testid="guest-comment-time"
              >
                {formatClipTime(at)}
              </span>{" "}
              as <span className="font-medium text-ink-100">{guestName}</span> (guest)
            </span>
            <textarea
              className={cn(
                "min-h-20 w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-sm text-ink-100 placeholder:text-ink-400",
                "hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40",
              )}
              value={body}
              maxLength={MAX_COMMENT_CHARS}
              onFocus={() => {
                // Writing pauses the clip and pins the comment to the frame on screen.
                video.current?.pause();
                if (pinned === null) setPinned(Math.round((video.current?.currentTime ?? time) * 10) / 10);
              }}
              onBlur={() => {
                if (!body.trim()) setPinned(null);
              }}
              onChange={(e) => setBody(e.target.value)}
              onKeyDown={onKeyDown}
              placeholder="What should change at this moment?"
            />
          </label>
          <div className="flex items-center gap-2">
            <Button type="submit" size="sm" variant="primary" disabled={add.isPending || !body.trim()}>
              {add.isPending && <Spinner className="size-3.5" />}
              Post comment
            </Button>
            <span className="hidden text-xs text-ink-400 sm:inline">Ctrl+Enter posts</span>
          </div>
        </form>
      )}
      {isPending ? (
        <p className="text-sm text-ink-400">Loading comments…</p>
      ) : comments.length === 0 ? (
        <p className="text-sm text-ink-400">
          {canComment
            ? "No comments yet. Pause where something should change and write it here."
            : "No comments yet."}
        </p>
      ) : (
        <ul className="divide-y divide-ink-700/70" data-testid="comment-list">
          {comments.map((c) => (
            <Comment key={c.id} c={c} onSeek={onSeek} />
          ))}
        </ul>
      )}
    </section>
  );
}
