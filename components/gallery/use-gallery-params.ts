"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { GalleryQuery } from "@/lib/client/queries";
import { GALLERY_FILTERS, type GalleryFilter } from "@/lib/generations/dto";

export const SEARCH_MAX_CHARS = 200;

function parseStatus(value: string | null): GalleryFilter {
  return GALLERY_FILTERS.includes(value as GalleryFilter) ? (value as GalleryFilter) : "all";
}

/**
 * The gallery's filter and search live in the URL (`?status=failed&q=rain`), so a view can be shared and
 * survives a reload. Other parameters (the composer's `?use=`) are left alone.
 */
export function useGalleryParams() {
  const params = useSearchParams();
  const pathname = usePathname();
  const status = parseStatus(params.get("status"));
  const q = (params.get("q") ?? "").slice(0, SEARCH_MAX_CHARS);
  const query = useMemo<GalleryQuery>(() => ({ status, q }), [status, q]);

  const update = useCallback(
    (next: Partial<GalleryQuery>) => {
      // Read the live URL, not the render's: a debounced search and a filter click may land together.
      const url = new URLSearchParams(window.location.search);
      if (next.status !== undefined) {
        if (next.status === "all") url.delete("status");
        else url.set("status", next.status);
      }
      if (next.q !== undefined) {
        if (next.q.trim()) url.set("q", next.q);
        else url.delete("q");
      }
      const search = url.toString();
      // The native history API is wired into Next's router: useSearchParams follows and nothing reloads.
      // The state must be null: Next ignores calls that carry its own internal state.
      window.history.replaceState(null, "", `${pathname}${search ? `?${search}` : ""}`);
    },
    [pathname],
  );

  return { query, update };
}
