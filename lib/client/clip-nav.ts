import { queryOptions } from "@tanstack/react-query";
import type { ClipNeighbors, GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import { getJson } from "./http";
import { isLiveConnected } from "./live-status";
import { ACTIVE_POLL_MS, LIVE_FALLBACK_POLL_MS } from "./queries";

// Moving around from a clip's page: the other takes of its group, and the clips before and after it in
// the gallery view it was opened from. That view travels in the clip page's URL as the gallery's own
// parameters (`/clips/<id>?q=rain&status=completed`), written by lib/client/queries.ts galleryParams.

export const navKeys = {
  /** Every query below: live changes refresh them all (lib/client/use-live-events.ts). */
  all: ["generations", "nav"] as const,
  takes: (groupId: string) => ["generations", "nav", "takes", groupId] as const,
  neighbors: (id: string, from: string) => ["generations", "nav", "neighbors", id, from] as const,
};

/** A clip's page, keeping the gallery view it was reached from (`from`: the gallery's query string). */
export const clipHref = (id: string, from = "") =>
  `/clips/${encodeURIComponent(id)}${from ? `?${from}` : ""}`;

/** The gallery showing that view again. */
export const galleryHref = (from = "") => (from ? `/?${from}` : "/");

/** The takes of a group, in take order (a group has at most four); polls while one is in flight. */
export function takesQueryOptions(groupId: string) {
  return queryOptions({
    queryKey: navKeys.takes(groupId),
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ takeGroup: groupId, limit: "10" });
      const page = await getJson<GenerationPage>(`/api/generations?${params}`, signal);
      return [...page.items].sort((a, b) => a.takeIndex - b.takeIndex) as GenerationDTO[];
    },
    staleTime: 5_000,
    // Live changes refresh it (lib/client/use-live-events.ts); the poll is the fallback while one is made.
    refetchInterval: (query) =>
      query.state.data?.some((g) => !isTerminal(g.status))
        ? isLiveConnected()
          ? LIVE_FALLBACK_POLL_MS
          : ACTIVE_POLL_MS
        : false,
  });
}

/** The clips before and after `id` in the gallery view `from` (the whole gallery when empty). */
export function neighborsQueryOptions(id: string, from: string) {
  return queryOptions({
    queryKey: navKeys.neighbors(id, from),
    queryFn: ({ signal }) =>
      getJson<ClipNeighbors>(
        `/api/generations/${encodeURIComponent(id)}/neighbors${from ? `?${from}` : ""}`,
        signal,
      ),
    staleTime: 10_000,
  });
}
