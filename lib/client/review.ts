"use client";

import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { ActivityPage } from "@/lib/activity/dto";
import type { CharacterDTO } from "@/lib/characters/dto";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { CommentDTO } from "@/lib/review/dto";
import type { MentionCandidate } from "@/lib/review/mention-text";
import { getJson } from "./http";

// Reads for review and the library: characters, comments, compare and the spend ledger.

export const reviewKeys = {
  characters: ["characters"] as const,
  character: (id: string) => ["characters", id] as const,
  comments: (generationId: string) => ["comments", generationId] as const,
  activity: (generationId: string) => ["activity", generationId] as const,
  mentionMembers: ["members", "mention"] as const,
  compare: (ids: readonly string[]) => ["compare", ...ids] as const,
  ledger: (days: number, project: string | null = null) => ["ledger", days, project ?? "all"] as const,
  /** The library: every character, counted over one project's clips (or all, with null). */
  library: (project: string | null) => ["characters", "library", project ?? "all"] as const,
};

export const charactersQueryOptions = queryOptions({
  queryKey: reviewKeys.characters,
  queryFn: async ({ signal }) => (await getJson<{ items: CharacterDTO[] }>("/api/characters", signal)).items,
  staleTime: 5_000,
});

/** The library's characters with clip counts and spend over `project`'s clips (every project's: null). */
export function libraryQueryOptions(project: string | null) {
  return queryOptions({
    queryKey: reviewKeys.library(project),
    queryFn: async ({ signal }) =>
      (
        await getJson<{ items: CharacterDTO[] }>(
          project ? `/api/characters?project=${encodeURIComponent(project)}` : "/api/characters",
          signal,
        )
      ).items,
    staleTime: 5_000,
  });
}

export function characterQueryOptions(id: string) {
  return queryOptions({
    queryKey: reviewKeys.character(id),
    queryFn: async ({ signal }) =>
      (await getJson<{ character: CharacterDTO }>(`/api/characters/${encodeURIComponent(id)}`, signal))
        .character,
    retry: false,
  });
}

/** A clip's comments; the server says which the signed-in person may edit or delete (`mine`, `canDelete`). */
export function commentsQueryOptions(generationId: string) {
  return queryOptions({
    queryKey: reviewKeys.comments(generationId),
    queryFn: async ({ signal }) =>
      (
        await getJson<{ items: CommentDTO[] }>(
          `/api/generations/${encodeURIComponent(generationId)}/comments`,
          signal,
        )
      ).items,
  });
}

export const ACTIVITY_PAGE_SIZE = 20;

/** A clip's activity trail, newest first; older events page in with `?before=`. */
export function activityQueryOptions(generationId: string) {
  return infiniteQueryOptions({
    queryKey: reviewKeys.activity(generationId),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(ACTIVITY_PAGE_SIZE) });
      if (pageParam) params.set("before", pageParam);
      return getJson<ActivityPage>(
        `/api/generations/${encodeURIComponent(generationId)}/activity?${params}`,
        signal,
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export interface MentionMember extends MentionCandidate {
  initials: string;
}

/** The members the `@` menu offers. The list changes rarely: kept a minute. */
export const mentionMembersQueryOptions = queryOptions({
  queryKey: reviewKeys.mentionMembers,
  queryFn: async ({ signal }) =>
    (await getJson<{ items: MentionMember[] }>("/api/members?fields=mention", signal)).items,
  staleTime: 60_000,
  retry: false,
});

export interface CompareDTO {
  /** The 2 to 4 clips, in the URL's order (A, B, C, D). */
  clips: GenerationDTO[];
}

/** The clips of a compare; the input diff between two of them is lib/review/compare.ts's diffInputs. */
export function compareQueryOptions(ids: readonly string[]) {
  return queryOptions({
    queryKey: reviewKeys.compare(ids),
    queryFn: ({ signal }) =>
      getJson<CompareDTO>(`/api/compare?ids=${ids.map(encodeURIComponent).join(",")}`, signal),
    retry: false,
  });
}

export interface LedgerDTO {
  days: { day: string; completedUsd: number; completed: number; failed: number; canceled: number }[];
  characters: { id: string; name: string; clipCount: number; spendUsd: number }[];
  totals: { completedUsd: number; completed: number; failed: number; canceled: number };
}

/** The spend ledger of `project`'s clips (every project's: null). */
export function ledgerQueryOptions(days = 30, project: string | null = null) {
  const params = new URLSearchParams({ days: String(days) });
  if (project) params.set("project", project);
  return queryOptions({
    queryKey: reviewKeys.ledger(days, project),
    queryFn: ({ signal }) => getJson<LedgerDTO>(`/api/spend/ledger?${params}`, signal),
  });
}
