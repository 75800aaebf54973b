"use client";

import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { deleteCommentAction, editCommentAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CheckIcon, PencilIcon, ReplyIcon } from "@/components/ui/icons";
import { actionValue } from "@/lib/client/action";
import { formatTimestamp } from "@/lib/client/format";
import type { CommentDTO } from "@/lib/review/dto";
import { MAX_COMMENT_CHARS } from "@/lib/review/limits";
import { findMentions } from "@/lib/review/mention-text";
import { commentField, linkButton, useRefreshComments } from "./comment-shared";
import { clipSpan } from "./comment-timeline";
import { MentionTextarea } from "./mention-textarea";

// One comment of a thread: who and when, its body with mentions highlighted, and what the viewer may
// do with it (reply, resolve, edit their own, delete). The thread around it is ./comment-thread.tsx.

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

export function CommentView({
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
    mutationFn: () => actionValue(editCommentAction({ commentId: c.id, body: text })),
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
    onError: (e) => toast.error("Could not save the comment", { description: e.message }),
  });
  const remove = useMutation({
    mutationFn: () => actionValue(deleteCommentAction({ commentId: c.id })),
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
          <span
            data-testid="comment-guest-badge"
            title="Commented through a share link"
            className="rounded border border-ink-600 px-1 text-[10px] uppercase tracking-wide text-ink-400"
          >
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
