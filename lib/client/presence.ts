"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { PRESENCE_HEARTBEAT_MS } from "@/lib/live/heartbeat";
import { getJson } from "./http";

/** Who else has a clip open: refreshed by the live stream's `presence` changes, and every half minute. */
export const presenceKey = (id: string) => ["presence", id] as const;

export interface ViewerDTO {
  id: string;
  name: string;
  initials: string;
}

function newTabId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Says this tab is on the clip's page while it is, and lists who is there (this member included). */
export function usePresence(generationId: string): ViewerDTO[] {
  const [tab] = useState(newTabId);
  useEffect(() => {
    const url = `/api/generations/${encodeURIComponent(generationId)}/presence?tab=${tab}`;
    const beat = () => void fetch(url, { method: "POST" }).catch(() => {});
    beat();
    const timer = setInterval(beat, PRESENCE_HEARTBEAT_MS);
    const bye = () => navigator.sendBeacon?.(`${url}&leave=1`);
    window.addEventListener("pagehide", bye);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", bye);
      bye();
    };
  }, [generationId, tab]);
  const { data } = useQuery({
    queryKey: presenceKey(generationId),
    queryFn: ({ signal }) =>
      getJson<{ viewers: ViewerDTO[] }>(
        `/api/generations/${encodeURIComponent(generationId)}/presence`,
        signal,
      ),
    refetchInterval: 30_000,
  });
  return data?.viewers ?? [];
}
