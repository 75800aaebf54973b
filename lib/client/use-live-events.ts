"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { isPublicPath } from "@/lib/auth/paths";
import type { Change } from "@/lib/live/events";
import { navKeys } from "./clip-nav";
import { inboxKey } from "./inbox";
import { setLiveConnected } from "./live-status";
import { presenceKey } from "./presence";
import { projectKeys } from "./projects";
import { removeGeneration, studioKeys } from "./queries";
import { reviewKeys } from "./review";
import { sequenceKeys } from "./sequences";

/** After the server refused the stream (a restart, signed out), try again this long after. */
const REOPEN_MS = 5_000;
/** Shared views (gallery lists, spend, characters) refetch at most this often. */
export const WIDE_REFRESH_MS = 500;

type Invalidate = (queryKey: readonly unknown[]) => void;

/**
 * Invalidates at once, then at most once per `ms` for each key, the last time after the last call. With
 * many clips in flight their status moves arrive several a second, and each would otherwise restart the
 * refetch of every loaded page of the gallery.
 */
export function throttledInvalidator(client: QueryClient, ms: number): Invalidate {
  const open = new Map<string, { due: boolean }>();
  return (queryKey) => {
    const hash = JSON.stringify(queryKey);
    const current = open.get(hash);
    if (current) {
      current.due = true;
      return;
    }
    void client.invalidateQueries({ queryKey });
    const slot = { due: false };
    open.set(hash, slot);
    const end = () => {
      if (!slot.due) {
        open.delete(hash);
        return;
      }
      slot.due = false;
      void client.invalidateQueries({ queryKey });
      setTimeout(end, ms);
    };
    setTimeout(end, ms);
  };
}

const compareWith = (id: string | undefined) => ({
  queryKey: ["compare"],
  predicate: (q: { queryKey: readonly unknown[] }) => id === undefined || q.queryKey.includes(id),
});

/**
 * Refreshes what a change touches; only queries on screen refetch, the rest are marked stale. One clip's
 * own queries refresh at once; views many changes share go through `wide` (see throttledInvalidator).
 */
export function applyChange(
  client: QueryClient,
  change: Change,
  wide: Invalidate = (queryKey) => void client.invalidateQueries({ queryKey }),
): void {
  const id = change.generationId;
  const own = (queryKey: readonly unknown[]) => void client.invalidateQueries({ queryKey });
  const detail = () => id && own(studioKeys.generation(id));
  switch (change.kind) {
    case "generation.progress":
      detail();
      return;
    case "generation.created":
      wide(studioKeys.generationLists);
      // A storyboard's shot cards show their takes' states, posters and the chosen takes' totals.
      wide(sequenceKeys.all);
      // The switcher's clip counts.
      wide(projectKeys.all);
      // A clip page's take switcher and Prev/Next (lib/client/clip-nav.ts).
      wide(navKeys.all);
      wide(studioKeys.spend);
      return;
    case "generation.restored":
      // Its page may be open (it says "deleted" until now): the clip and its trail come back.
      detail();
      wide(sequenceKeys.all);
      if (id) own(reviewKeys.activity(id));
      wide(studioKeys.generationLists);
      // The switcher's clip counts.
      wide(projectKeys.all);
      wide(navKeys.all);
      wide(studioKeys.spend);
      return;
    case "generation.deleted":
      if (id) removeGeneration(client, id);
      wide(sequenceKeys.all);
      wide(studioKeys.generationLists);
      // The switcher's clip counts.
      wide(projectKeys.all);
      wide(navKeys.all);
      wide(studioKeys.spend);
      return;
    case "generation.status":
      detail();
      wide(sequenceKeys.all);
      wide(studioKeys.generationLists);
      wide(navKeys.all);
      wide(studioKeys.spend);
      wide(["ledger"]);
      void client.invalidateQueries(compareWith(id));
      return;
    case "review":
      detail();
      // A chosen take's approval is its shot's "approved".
      wide(sequenceKeys.all);
      // Every review change is signed in the clip's activity trail.
      if (id) own(reviewKeys.activity(id));
      wide(studioKeys.generationLists);
      wide(navKeys.all);
      wide(reviewKeys.characters);
      void client.invalidateQueries(compareWith(id));
      return;
    case "identity":
      // Cards, the clip page, compare and the characters' trends show scores.
      detail();
      wide(studioKeys.generationLists);
      wide(reviewKeys.characters);
      void client.invalidateQueries(compareWith(id));
      return;
    case "comment":
      if (id) own(reviewKeys.comments(id));
      // Cards and the clip page show how many comments a clip has.
      detail();
      wide(studioKeys.generationLists);
      // A sequence's review lists its chosen takes' comments.
      wide(sequenceKeys.allComments);
      return;
    case "export":
      if (change.sequenceId) own(sequenceKeys.exports(change.sequenceId));
      return;
    case "character":
      wide(reviewKeys.characters);
      return;
    case "presence":
      if (id) own(presenceKey(id));
      return;
    case "inbox":
      own(inboxKey);
      return;
    case "project":
      // The header's switcher and its Manage dialog (made, renamed, archived or unarchived).
      wide(projectKeys.all);
      return;
    case "sequence":
      // A shot added, moved, edited, removed, restored or a take chosen: the storyboard and the lists.
      wide(sequenceKeys.all);
      return;
  }
}

/**
 * Listens to GET /api/events for as long as the tab is open and refreshes the queries each change
 * touches. EventSource reconnects by itself after a dropped connection, naming the last event it saw;
 * the server then replays what was missed, or sends `reset` (refetch everything).
 */
export function useLiveEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    // Sign-in, setup, invitations and guests' share links have nothing live, and the stream (members
    // only) would be refused.
    if (isPublicPath(window.location.pathname) || typeof EventSource === "undefined") return;
    let source: EventSource | undefined;
    let lastId = "";
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const wide = throttledInvalidator(client, WIDE_REFRESH_MS);
    const open = () => {
      const s = new EventSource(
        lastId ? `/api/events?lastEventId=${encodeURIComponent(lastId)}` : "/api/events",
      );
      source = s;
      const seen = (e: MessageEvent) => {
        lastId = e.lastEventId || lastId;
      };
      s.addEventListener("ready", (e) => {
        seen(e);
        setLiveConnected(true);
      });
      s.addEventListener("reset", (e) => {
        seen(e);
        setLiveConnected(true);
        void client.invalidateQueries();
      });
      s.addEventListener("change", (e) => {
        seen(e);
        setLiveConnected(true);
        try {
          applyChange(client, JSON.parse(e.data) as Change, wide);
        } catch {
          // A change this version does not know: nothing to refresh.
        }
      });
      s.onerror = () => {
        setLiveConnected(false);
        // A refused stream (a restart's 503, a lost session) is not retried by EventSource itself.
        if (s.readyState === EventSource.CLOSED) reopen = setTimeout(open, REOPEN_MS);
      };
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.close();
      setLiveConnected(false);
    };
  }, [client]);
}
