"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type RefObject, useState } from "react";
import { toast } from "sonner";
import { addCommentAction, deleteCommentAction, editCommentAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { MessageIcon, UserIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useAuthor } from "@/lib/client/author";
import { formatTimestamp } from "@/lib/client/format";
import { studioKeys } from "@/lib/client/queries";
import { commentsQueryOptions, reviewKeys } from "@/lib/client/review";
import { useClipTime } from "@/lib/client/use-clip-time";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { CommentDTO } from "@/lib/review/dto";
import { formatClipTime, MAX_AUTHOR_CHARS, MAX_COMMENT_CHARS } from "@/lib/review/limits";

const field =
  "w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-sm text-ink-100 placeholder:text-ink-400 hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40";

function seek(video: HTMLVideoElement | null, at: number) {
  if (!video) return;
  video.pause();
  video.currentTime = at;
}

/** Markers for each comment on a bar as wide as the player; the playhead moves along it. */
function Timeline({
  comments,
  time,
  duration,
  onSeek,
}: {
  comments: CommentDTO[];
  time: number;
  duration: number;
  onSeek: (at: number) => void;
}) {
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

function NameForm({ onSave }: { onSave: (name: string) => void }) {
  const [name, setName] = useState("");
  return (
    <form
      className="flex flex-col gap-2 rounded-lg border border-ink-700 bg-ink-950/50 p-3 sm:flex-row sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSave(name);
      }}
    >
      <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs text-ink-300">
        Your display name (kept in this browser, shown on your comments)
        <input
          className={field}
          value={name}
          maxLength={MAX_AUTHOR_CHARS}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Mara from design"
          autoComplete="nickname"
        />
      </label>
      <Button type="submit" variant="primary" disabled={!name.trim()}>
        Save name
      </Button>
    </form>
  );
}

function CommentItem({
  c,
  authorId,
  onSeek,
  generationId,
}: {
  c: CommentDTO;
  authorId: string | null;
  onSeek: (at: number) => void;
  generationId: string;
}) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(c.body);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: reviewKeys.comments(generationId) });
    void client.invalidateQueries({ queryKey: studioKeys.generations });
  };
  const edit = useMutation({
    mutationFn: async () => {
      const r = await editCommentAction({ commentId: c.id, body: text, authorId });
      if (!r.ok) throw new Error(r.error.message);
    },
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
    onError: (e) => toast.error("Could not save the comment", { description: e.message }),
  });
  const remove = useMutation({
    mutationFn: async () => {
      const r = await deleteCommentAction({ commentId: c.id, authorId });
      if (!r.ok) throw new Error(r.error.message);
    },
    onSuccess: refresh,
    onError: (e) => toast.error("Could not delete the comment", { description: e.message }),
  });
  return (
    <li className="flex flex-col gap-1.5 py-3" data-testid="comment" data-at={c.atSec}>
      <div className="flex items-center gap-2 text-xs">
        <button
          type="button"
          onClick={() => onSeek(c.atSec)}
          aria-label={`Play from ${formatClipTime(c.atSec)}`}
          className="rounded-md bg-warn/15 px-1.5 py-0.5 font-mono font-semibold text-warn tabular-nums hover:bg-warn/25 focus-visible:outline-2 focus-visible:outline-accent-soft"
          data-testid="comment-time"
        >
          {formatClipTime(c.atSec)}
        </button>
        <span className="font-semibold text-ink-100">{c.authorName}</span>
        <time dateTime={c.createdAt} className="text-ink-400">
          {formatTimestamp(c.createdAt)}
          {c.updatedAt !== c.createdAt && " · edited"}
        </time>
        {c.mine && !editing && (
          <span className="ml-auto flex gap-1">
            <button
              type="button"
              onClick={() => setEditing(true)}
              className="rounded px-1.5 py-0.5 text-ink-300 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
              aria-label={`Edit comment at ${formatClipTime(c.atSec)}`}
            >
              Edit
            </button>
            <button
              type="button"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
              className="rounded px-1.5 py-0.5 text-ink-300 hover:bg-danger/10 hover:text-danger focus-visible:outline-2 focus-visible:outline-accent-soft"
              aria-label={`Delete comment at ${formatClipTime(c.atSec)}`}
            >
              Delete
            </button>
          </span>
        )}
      </div>
      {editing ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            edit.mutate();
          }}
        >
          <textarea
            aria-label="Edit comment"
            className={cn(field, "min-h-16")}
            value={text}
            maxLength={MAX_COMMENT_CHARS}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="flex gap-2">
            <Button type="submit" size="sm" variant="primary" disabled={edit.isPending || !text.trim()}>
              Save
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setText(c.body);
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          onClick={() => onSeek(c.atSec)}
          className="whitespace-pre-wrap break-words rounded text-left text-sm leading-6 text-ink-100 hover:text-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft"
          data-testid="comment-body"
        >
          {c.body}
        </button>
      )}
    </li>
  );
}

/** Comments pinned to moments of the clip: the timeline, "Comment at", and the list in time order. */
export function ClipComments({ g, video }: { g: GenerationDTO; video: RefObject<HTMLVideoElement | null> }) {
  const client = useQueryClient();
  const { author, setName } = useAuthor();
  const { time, duration } = useClipTime(video, g.videoDurationSec ?? g.duration);
  const { data: comments = [], isPending } = useQuery(
    commentsQueryOptions(g.id, author?.authorId ?? "anonymous0"),
  );
  const [draftAt, setDraftAt] = useState<number | null>(null);
  const [body, setBody] = useState("");
  const add = useMutation({
    mutationFn: async (atSec: number) => {
      if (!author) throw new Error("Set a display name first.");
      const r = await addCommentAction({ generationId: g.id, atSec, body, author });
      if (!r.ok) throw new Error(r.error.message);
      return r.comment;
    },
    onSuccess: () => {
      setBody("");
      setDraftAt(null);
      void client.invalidateQueries({ queryKey: reviewKeys.comments(g.id) });
      void client.invalidateQueries({ queryKey: studioKeys.generations });
    },
    onError: (e) => toast.error("Comment not saved", { description: e.message }),
  });
  const onSeek = (at: number) => seek(video.current, at);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (draftAt !== null && body.trim()) add.mutate(draftAt);
  }

  return (
    <section aria-labelledby="comments-heading" className="flex flex-col gap-3" data-testid="clip-comments">
      <Timeline comments={comments} time={time} duration={duration} onSeek={onSeek} />
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="comments-heading" className="flex items-center gap-2 text-sm font-semibold text-ink-100">
          <MessageIcon className="size-4 text-ink-400" />
          Comments
          <span className="font-normal text-ink-400 tabular-nums">{comments.length}</span>
        </h2>
        {author && (
          <span className="inline-flex items-center gap-1 text-xs text-ink-400">
            <UserIcon className="size-3.5" />
            as {author.authorName}
          </span>
        )}
        <Button
          size="sm"
          variant="secondary"
          className="ml-auto min-w-36 tabular-nums"
          onClick={() => {
            video.current?.pause();
            setDraftAt(Math.round((video.current?.currentTime ?? time) * 10) / 10);
          }}
          data-testid="comment-at"
        >
          <MessageIcon className="size-3.5" />
          Comment at {formatClipTime(time)}
        </Button>
      </div>
      {draftAt !== null &&
        (author ? (
          <form
            onSubmit={submit}
            className="flex flex-col gap-2 rounded-lg border border-ink-700 bg-ink-950/50 p-3"
          >
            <label className="flex flex-col gap-1 text-xs text-ink-300">
              <span>
                Comment at{" "}
                <span className="font-mono font-semibold text-warn">{formatClipTime(draftAt)}</span>
              </span>
              <textarea
                className={cn(field, "min-h-20")}
                value={body}
                maxLength={MAX_COMMENT_CHARS}
                onChange={(e) => setBody(e.target.value)}
                placeholder="What should change at this moment?"
                // biome-ignore lint/a11y/noAutofocus: the user just asked to write this comment
                autoFocus
              />
            </label>
            <div className="flex gap-2">
              <Button type="submit" size="sm" variant="primary" disabled={add.isPending || !body.trim()}>
                {add.isPending && <Spinner className="size-3.5" />}
                Post comment
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDraftAt(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <NameForm onSave={setName} />
        ))}
      {isPending ? (
        <p className="text-sm text-ink-400">Loading comments…</p>
      ) : comments.length === 0 ? (
        <p className="text-sm text-ink-400">
          No comments yet. Pause where something should change and press “Comment at”.
        </p>
      ) : (
        <ul className="divide-y divide-ink-700/70" data-testid="comment-list">
          {comments.map((c) => (
            <CommentItem
              key={c.id}
              c={c}
              authorId={author?.authorId ?? null}
              onSeek={onSeek}
              generationId={g.id}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
