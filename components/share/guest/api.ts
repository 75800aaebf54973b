"use client";

import { getJson, sendJson } from "@/lib/client/http";
import type { SequenceCommentsSource } from "@/lib/client/sequence-queries";
import type { GuestClipDTO, GuestCommentDTO, GuestSequenceDTO, GuestViewDTO } from "@/lib/share/dto";

// The guest page's calls, all under /api/r/<token> (the link's routes; the studio's own API is closed to
// a guest). The browser sends the guest's cookie, scoped to that path, by itself.

export const guestKeys = {
  view: (token: string) => ["guest", token, "view"] as const,
  comments: (token: string, clipId: string) => ["guest", token, "comments", clipId] as const,
  sequence: (token: string, id: string) => ["guest", token, "sequence", id] as const,
  sequenceComments: (token: string, id: string) => ["guest", token, "sequence", id, "comments"] as const,
};

/** What the page refetches this often while open: the studio's live stream is for members. */
export const GUEST_REFRESH_MS = 5_000;

const base = (token: string) => `/api/r/${encodeURIComponent(token)}`;

const postJson = <T>(url: string, body: unknown) => sendJson<T>("POST", url, body);

export const guestApi = {
  view: (token: string, cursor: string | null, signal?: AbortSignal) =>
    getJson<GuestViewDTO>(`${base(token)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, signal),
  comments: async (token: string, clipId: string, signal?: AbortSignal) =>
    (await getJson<{ items: GuestCommentDTO[] }>(`${base(token)}/clips/${clipId}/comments`, signal)).items,
  comment: async (token: string, clipId: string, input: { atSec: number; body: string }) =>
    (await postJson<{ comment: GuestCommentDTO }>(`${base(token)}/clips/${clipId}/comments`, input)).comment,
  review: async (token: string, clipId: string, reviewStatus: GuestClipDTO["reviewStatus"]) =>
    (await postJson<{ clip: GuestClipDTO }>(`${base(token)}/clips/${clipId}/review`, { reviewStatus })).clip,
  password: (token: string, password: string) => postJson<unknown>(`${base(token)}/password`, { password }),
  name: (token: string, name: string) => postJson<unknown>(`${base(token)}/name`, { name }),
  downloadUrl: (token: string, clipId: string) => `${base(token)}/clips/${clipId}/download`,
  sequence: async (token: string, id: string, signal?: AbortSignal) =>
    (await getJson<{ sequence: GuestSequenceDTO }>(`${base(token)}/sequences/${id}`, signal)).sequence,
  /** The sequence's comments under the link, for the sequence's comment list (components/sequence). */
  sequenceComments: (token: string, id: string): SequenceCommentsSource => ({
    queryKey: guestKeys.sequenceComments(token, id),
    url: `${base(token)}/sequences/${encodeURIComponent(id)}/comments`,
  }),
  /** A sequence's page under the link. */
  sequencePath: (token: string, id: string) =>
    `/r/${encodeURIComponent(token)}/sequences/${encodeURIComponent(id)}`,
};
