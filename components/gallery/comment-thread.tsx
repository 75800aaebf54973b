"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { addCommentAction, resolveCommentAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CheckIcon, ChevronDownIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { actionValue } from "@/lib/client/action";
import type { CommentDTO } from "@/lib/review/dto";
import { MAX_COMMENT_CHARS } from "@/lib/review/limits";
import { commentField, linkButton, useRefreshComments } from "./comment-shared";
import { clipSpan } from "./comment-timeline";
import { CommentView } from "./comment-view";
import { MentionTextarea } from "./mention-textarea";

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
    mutationFn: (resolved: boolean) => actionValue(resolveCommentAction({ commentId: root.id, resolved })),
    onSuccess: (_r, resolved) => {
      if (resolved) setExpanded(false);
      refresh();
    },
    onError: (e) => toast.error("Could not change the thread", { description: e.message }),
  });
  const reopen = (
    <button
      type="button"
      className={linkButton}
      disabled={resolve.isPending}
      onClick={() => resolve.mutate(false)}
      aria-label={`Reopen the thread at ${span}`}
    >
      Reopen
    </button>
  );
  const post = useMutation({
    mutationFn: () =>
      actionValue(addCommentAction({ generationId: root.generationId, parentId: root.id, body: reply })),
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
            {reopen}
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
          {reopen}
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
