import { queryOptions } from "@tanstack/react-query";
import type { SequenceDTO, SequenceSummaryDTO, ShotDTO } from "@/lib/sequences/dto";
import { getJson, sendJson } from "./http";

// The storyboard's reads (React Query, refreshed by live "sequence" changes: use-live-events.ts) and its
// writes (the sequence and shot routes). Browser-safe.

export const sequenceKeys = {
  all: ["sequences"] as const,
  list: (projectId: string) => ["sequences", "list", projectId] as const,
  detail: (id: string) => ["sequences", "detail", id] as const,
  exports: (id: string) => ["sequences", "exports", id] as const,
  /** Every sequence's review comments (a take's comment may be on any of them). */
  allComments: ["sequences", "comments"] as const,
  comments: (id: string) => ["sequences", "comments", id] as const,
};

export function sequencesQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: sequenceKeys.list(projectId),
    queryFn: ({ signal }) =>
      getJson<{ items: SequenceSummaryDTO[] }>(
        `/api/sequences?project=${encodeURIComponent(projectId)}`,
        signal,
      ),
  });
}

export function sequenceQueryOptions(id: string) {
  return queryOptions({
    queryKey: sequenceKeys.detail(id),
    queryFn: async ({ signal }) =>
      (await getJson<{ sequence: SequenceDTO }>(`/api/sequences/${encodeURIComponent(id)}`, signal)).sequence,
    // The page's server render read it: not again at once on hydration. Live changes invalidate it.
    staleTime: 2_000,
  });
}

export const shotApi = {
  add: (sequenceId: string, body: Record<string, unknown> = {}) =>
    sendJson<{ shot: ShotDTO }>("POST", `/api/sequences/${sequenceId}/shots`, body),
  update: (id: string, body: Record<string, unknown>) =>
    sendJson<{ shot: ShotDTO }>("PATCH", `/api/shots/${id}`, body),
  remove: (id: string) => sendJson<{ shot: ShotDTO }>("DELETE", `/api/shots/${id}`),
  restore: (id: string) => sendJson<{ shot: ShotDTO }>("POST", `/api/shots/${id}/restore`),
  /** The previous shot's chosen take's last frame, references and settings become this shot's content. */
  continueFromPrevious: (id: string) => sendJson<{ shot: ShotDTO }>("POST", `/api/shots/${id}/continue`),
};

/** "1:05", "0:08": a sequence's length as an editor's timeline reads it. */
export function formatRunTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
