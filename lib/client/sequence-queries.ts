// The watch page's queries (the sequence itself: lib/client/sequences.ts): its exports and comments, refreshed by live changes
// (lib/client/use-live-events.ts) and, while an export runs, by a short poll.
import { queryOptions } from "@tanstack/react-query";
import type { ExportDTO } from "@/lib/exports/dto";
import type { CommentDTO } from "@/lib/review/dto";
import { getJson } from "./http";
import { sequenceKeys } from "./sequences";

/** While an export is queued or running, how often its list is read again (live changes come sooner). */
export const EXPORT_POLL_MS = 1_000;

export function exportsQueryOptions(sequenceId: string) {
  return queryOptions({
    queryKey: sequenceKeys.exports(sequenceId),
    queryFn: ({ signal }) =>
      getJson<{ exports: ExportDTO[] }>(
        `/api/sequences/${encodeURIComponent(sequenceId)}/export`,
        signal,
      ).then((r) => r.exports),
    refetchInterval: (q) =>
      q.state.data?.some((e) => e.status === "queued" || e.status === "running") ? EXPORT_POLL_MS : false,
  });
}

/** A comment on one of the sequence's chosen takes, placed on the sequence (lib/sequences/review.ts). */
export interface SequenceCommentDTO extends CommentDTO {
  shotId: string;
  /** 0-based place of the shot. */
  shotPosition: number;
  shotTitle: string;
  /** Where it is on the sequence's clock (the take's start plus the comment's time in the take). */
  sequenceSec: number;
}

/** What the sequence's comment list shows of a comment: a member's SequenceCommentDTO and a guest's both are one. */
export interface SequenceCommentView {
  id: string;
  parentId: string | null;
  body: string;
  authorName: string;
  resolvedAt: string | null;
  shotPosition: number;
  shotTitle: string;
  sequenceSec: number;
}

/** Where a sequence's comments are read and posted: the studio's route, or a guest's under a link. */
export interface SequenceCommentsSource {
  queryKey: readonly unknown[];
  /** GET lists `{ items }`, POST `{ atSec, body }` answers `{ comment }`. */
  url: string;
}

export const memberSequenceComments = (sequenceId: string): SequenceCommentsSource => ({
  queryKey: sequenceKeys.comments(sequenceId),
  url: `/api/sequences/${encodeURIComponent(sequenceId)}/comments`,
});

export function sequenceCommentsQueryOptions<T extends SequenceCommentView = SequenceCommentDTO>(
  source: SequenceCommentsSource,
) {
  return queryOptions({
    queryKey: source.queryKey,
    queryFn: ({ signal }) => getJson<{ items: T[] }>(source.url, signal).then((r) => r.items),
  });
}
