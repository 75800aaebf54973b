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

export function sequenceCommentsQueryOptions(sequenceId: string) {
  return queryOptions({
    queryKey: sequenceKeys.comments(sequenceId),
    queryFn: ({ signal }) =>
      getJson<{ items: SequenceCommentDTO[] }>(
        `/api/sequences/${encodeURIComponent(sequenceId)}/comments`,
        signal,
      ).then((r) => r.items),
  });
}
