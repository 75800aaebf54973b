"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { GalleryQuery } from "@/lib/client/queries";
import { parseGalleryQuery } from "./gallery-query";

/**
 * The gallery's filters live in the URL (`?status=failed&q=rain&favorite=true&review=approved&
 * takes=chosen&character=<id>&asset=<id>&creator=me`), so a view can be shared and survives a reload. Other
 * parameters (the composer's `?use=`) are left alone.
 */
export function useGalleryParams() {
  const params = useSearchParams();
  const pathname = usePathname();
  const parsed = parseGalleryQuery((key) => params.get(key));
  const { status, q, favorite, review, chosen, asset, character, creator } = parsed;
  const query = useMemo<GalleryQuery>(
    () => ({ status, q, favorite, review, chosen, asset, character, creator }),
    [status, q, favorite, review, chosen, asset, character, creator],
  );

  const update = useCallback(
    (next: Partial<GalleryQuery>) => {
      // Read the live URL, not the render's: a debounced search and a filter click may land together.
      const url = new URLSearchParams(window.location.search);
      const put = (key: string, value: string | null) => {
        if (value) url.set(key, value);
        else url.delete(key);
      };
      if (next.status !== undefined) put("status", next.status === "all" ? null : next.status);
      if (next.q !== undefined) put("q", next.q.trim() ? next.q : null);
      if (next.favorite !== undefined) put("favorite", next.favorite ? "true" : null);
      if (next.review !== undefined) put("review", next.review);
      if (next.chosen !== undefined) put("takes", next.chosen ? "chosen" : null);
      if (next.asset !== undefined) put("asset", next.asset);
      if (next.character !== undefined) put("character", next.character);
      if (next.creator !== undefined) put("creator", next.creator);
      const search = url.toString();
      // The native history API is wired into Next's router: useSearchParams follows and nothing reloads.
      // The state must be null: Next ignores calls that carry its own internal state.
      window.history.replaceState(null, "", `${pathname}${search ? `?${search}` : ""}`);
    },
    [pathname],
  );

  return { query, update };
}
