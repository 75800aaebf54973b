"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import {
  addCommentAction,
  deleteCommentAction,
  editCommentAction,
  resolveCommentAction,
} from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CheckIcon, ChevronDownIcon, PencilIcon, ReplyIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { formatTimestamp } from "@/lib/client/format";
import { studioKeys } from "@/lib/client/queries";
import { reviewKeys } from "@/lib/client/review";
import type { CommentDTO } from "@/lib/review/dto";
import { MAX_COMMENT_CHARS } from "@/lib/review/limits";
import { findMentions } from "@/lib/review/mention-text";
import { clipSpan } from "./comment-timeline";
import { MentionTextarea } from "./mention-textarea";

export const commentField =
  "w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-sm text-ink-100 placeholder:text-ink-400 hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40";

const linkButton =
  "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-ink-300 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft disabled:opacity-50";

/** After any comment write: this clip's comments, and the counts the gallery shows. */
export function useRefreshComments(generationId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: reviewKeys.comments(generationId) });
    void client.invalidateQueries({ queryKey: studioKeys.generations });
  };
}

/** Runs a server action, turning its `{ ok: false }` into a thrown error for React Query. */
async function run<T extends { ok: boolean }>(result: Promise<T>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error((r as unknown as { error: { message: string } }).error.message);
  return r;
}

/** The body, with the members it names highlighted. */
function MentionText({ c }: { c: CommentDTO }) {
  const spans = findMentions(
    c.body,
    c.mentions.map((m) => ({ id: m.userId, name: m.name })),
  );
  if (spans.length === 0) return <>{c.body}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start > at) parts.push(c.body.slice(at, s.start));
    parts.push(
      <span
        key={s.start}
        data-testid="mention"
        className="rounded bg-accent/15 px-0.5 font-semibold text-accent-soft"
      >
        {c.body.slice(s.start, s.end)}
      </span>,
    );
    at = s.end;
  }
  if (at < c.body.length) parts.push(c.body.slice(at));
  return <>{parts}</>;
}

function CommentView({
  c,
  selected,
  onSelect,
  onReply,
  thread,
}: {
  c: CommentDTO;
  selected: boolean;
  onSelect: (c: CommentDTO) => void;
  /** For a thread's first comment: open the reply box. */
  onReply?: () => void;
  /** For a thread's first comment: its resolve and reopen. */
  thread?: { resolve: (resolved: boolean) => void; pending: boolean };
}) {
  const refresh = useRefreshComments(c.generationId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(c.body);
  const span = clipSpan(c.atSec, c.endSec);
  const edit = useMutation({
    mutationFn: () => run(editCommentAction({ commentId: c.id, body: text })),
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
    onError: (e) => toast.error("Could not save the comment", { description: e.message }),
  });
  const remove = useMutation({
    mutationFn: () => run(deleteCommentAction({ commentId: c.id })),
    onSuccess: refresh,
    onError: (e) => toast.error("Could not delete the comment", { description: e.message }),
  });
  const isReply = c.parentId !== null;
  const label = isReply ? `reply by ${c.authorName}` : `comment at ${span}`;

  return (
    <div
      className={cn(
        "flex flex-col gap-1.5 rounded-lg px-2 py-2 -mx-2",
        selected && !isReply && "bg-warn/[0.07] ring-1 ring-warn/40",
      )}
      data-testid="comment"
      data-comment-id={c.id}
      data-at={c.atSec}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        {!isReply && (
          <button
            type="button"
            onClick={() => onSelect(c)}
            aria-label={`Play from ${span}`}
            className="rounded-md bg-warn/15 px-1.5 py-0.5 font-mono font-semibold text-warn tabular-nums hover:bg-warn/25 focus-visible:outline-2 focus-visible:outline-accent-soft"
            data-testid="comment-time"
          >
            {span}
          </button>
        )}
        {c.drawing && (
          <span
            className="inline-flex items-center gap-1 rounded-md bg-ink-800 px-1.5 py-0.5 text-ink-300"
            data-testid="comment-drawing-badge"
            title="Has a drawing: select the comment to see it on the frame"
          >
            <PencilIcon className="size-3" />
            Drawing
          </span>
        )}
        <span className="font-semibold text-ink-100">{c.authorName}</span>
        {c.guest && (
          <span className="rounded border border-ink-600 px-1 text-[10px] uppercase tracking-wide text-ink-400">
            guest
          </span>
        )}
        <time dateTime={c.createdAt} className="text-ink-400">
          {formatTimestamp(c.createdAt)}
          {c.updatedAt !== c.createdAt && !c.resolvedAt && " · edited"}
        </time>
      </div>
      {editing ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) edit.mutate();
          }}
        >
          <MentionTextarea
            aria-label="Edit comment"
            className={cn(commentField, "min-h-16")}
            value={text}
            maxLength={MAX_COMMENT_CHARS}
            onValueChange={setText}
            onSubmit={() => text.trim() && !edit.isPending && edit.mutate()}
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
          onClick={() => onSelect(c)}
          className="whitespace-pre-wrap break-words rounded text-left text-sm leading-6 text-ink-100 hover:text-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft"
          data-testid="comment-body"
        >
          <MentionText c={c} />
        </button>
      )}
      {!editing && (onReply || thread || c.mine || c.canDelete) && (
        <div className="-ml-1.5 flex flex-wrap items-center gap-1">
          {onReply && (
            <button type="button" className={linkButton} onClick={onReply} aria-label={`Reply to ${label}`}>
              <ReplyIcon className="size-3.5" />
              Reply
            </button>
          )}
          {thread && (
            <button
              type="button"
              className={linkButton}
              disabled={thread.pending}
              onClick={() => thread.resolve(true)}
              aria-label={`Resolve ${label}`}
            >
              <CheckIcon className="size-3.5" />
              Resolve
            </button>
          )}
          {c.mine && (
            <button
              type="button"
              onClick={() => {
                setText(c.body);
                setEditing(true);
              }}
              className={linkButton}
              aria-label={`Edit ${label}`}
            >
              Edit
            </button>
          )}
          {c.canDelete && (
            <button
              type="button"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
              className={cn(linkButton, "hover:bg-danger/10 hover:text-danger")}
              aria-label={`Delete ${label}`}
            >
              Delete
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** A thread: its first comment, the replies under it, a reply box; resolved threads fold to one line. */
export function CommentThread({
  root,
  replies,
  selectedId,
  onSelect,
}: {
  root: CommentDTO;
  replies: CommentDTO[];
  selectedId: string | null;
  onSelect: (c: CommentDTO) => void;
}) {
  const refresh = useRefreshComments(root.generationId);
  const resolvedAt = root.resolvedAt;
  const [expanded, setExpanded] = useState(false);
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState("");
  const span = clipSpan(root.atSec, root.endSec);

  const resolve = useMutation({
    mutationFn: (resolved: boolean) => run(resolveCommentAction({ commentId: root.id, resolved })),
    onSuccess: (_r, resolved) => {
      if (resolved) setExpanded(false);
      refresh();
    },
    onError: (e) => toast.error("Could not change the thread", { description: e.message }),
  });
  const post = useMutation({
    mutationFn: () =>
      run(addCommentAction({ generationId: root.generationId, parentId: root.id, body: reply })),
    onSuccess: () => {
      setReply("");
      setReplying(false);
      refresh();
    },
    onError: (e) => toast.error("Reply not saved", { description: e.message }),
  });
  const send = () => {
    if (reply.trim() && !post.isPending) post.mutate();
  };
  const replyCount = `${replies.length} ${replies.length === 1 ? "reply" : "replies"}`;

  if (resolvedAt && !expanded) {
    return (
      <li className="py-2" data-testid="comment-thread" data-thread-id={root.id} data-resolved="true">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-ink-400">
          <CheckIcon className="size-3.5 text-ok" />
          <span className="font-mono tabular-nums">{span}</span>
          <span className="min-w-0 flex-1 truncate text-ink-300" data-testid="resolved-summary">
            <span className="font-semibold">{root.authorName}:</span> {root.body}
          </span>
          <span className="shrink-0">
            Resolved{root.resolvedByName ? ` by ${root.resolvedByName}` : ""}
            {replies.length > 0 && ` · ${replyCount}`}
          </span>
          <span className="flex shrink-0 gap-1">
            <button
              type="button"
              className={linkButton}
              onClick={() => setExpanded(true)}
              aria-label={`Show the resolved thread at ${span}`}
            >
              <ChevronDownIcon className="size-3.5" />
              Show
            </button>
            <button
              type="button"
              className={linkButton}
              disabled={resolve.isPending}
              onClick={() => resolve.mutate(false)}
              aria-label={`Reopen the thread at ${span}`}
            >
              Reopen
            </button>
          </span>
        </div>
      </li>
    );
  }

  return (
    <li
      className="flex flex-col gap-1 py-2"
      data-testid="comment-thread"
      data-thread-id={root.id}
      data-resolved={resolvedAt ? "true" : "false"}
    >
      {resolvedAt && (
        <div className="flex flex-wrap items-center gap-2 text-xs text-ink-400">
          <CheckIcon className="size-3.5 text-ok" />
          Resolved{root.resolvedByName ? ` by ${root.resolvedByName}` : ""}
          <button type="button" className={linkButton} onClick={() => setExpanded(false)}>
            Fold
          </button>
          <button
            type="button"
            className={linkButton}
            disabled={resolve.isPending}
            onClick={() => resolve.mutate(false)}
            aria-label={`Reopen the thread at ${span}`}
          >
            Reopen
          </button>
        </div>
      )}
      <CommentView
        c={root}
        selected={root.id === selectedId}
        onSelect={onSelect}
        onReply={() => setReplying(true)}
        thread={resolvedAt ? undefined : { resolve: (r) => resolve.mutate(r), pending: resolve.isPending }}
      />
      {replies.length > 0 && (
        <ul
          className="ml-3 flex flex-col border-ink-700 border-l-2 pl-3 sm:ml-5"
          data-testid="comment-replies"
        >
          {replies.map((r) => (
            <li key={r.id}>
              <CommentView c={r} selected={false} onSelect={() => onSelect(root)} />
            </li>
          ))}
        </ul>
      )}
      {replying && (
        <form
          className="ml-3 flex flex-col gap-2 border-ink-700 border-l-2 pl-3 sm:ml-5"
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          <MentionTextarea
            aria-label={`Reply to ${root.authorName} at ${span}`}
            className={cn(commentField, "min-h-14")}
            value={reply}
            maxLength={MAX_COMMENT_CHARS}
            onValueChange={setReply}
            onSubmit={send}
            placeholder="Reply… (@ names a member)"
            autoFocus
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" size="sm" variant="primary" disabled={post.isPending || !reply.trim()}>
              {post.isPending && <Spinner className="size-3.5" />}
              Post reply
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setReply("");
                setReplying(false);
              }}
            >
              Cancel
            </Button>
            <span className="text-[11px] text-ink-400">Ctrl+Enter posts</span>
          </div>
        </form>
      )}
    </li>
  );
}
