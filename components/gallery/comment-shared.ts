"use client";

import { useQueryClient } from "@tanstack/react-query";
import { studioKeys } from "@/lib/client/queries";
import { reviewKeys } from "@/lib/client/review";

// What the review conversation's parts share: field and link-button styles, and the refresh after a write.

export const commentField =
  "w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-sm text-ink-100 placeholder:text-ink-400 hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40";

export const linkButton =
  "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-ink-300 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft disabled:opacity-50";

/** After any comment write: this clip's comments, and the counts the gallery shows. */
export function useRefreshComments(generationId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: reviewKeys.comments(generationId) });
    void client.invalidateQueries({ queryKey: studioKeys.generations });
  };
}
