import type { GalleryQuery } from "@/lib/client/queries";
import { GALLERY_FILTERS, type GalleryFilter } from "@/lib/generations/dto";
import { REVIEW_STATUSES, type ReviewStatus } from "@/lib/review/limits";

// The gallery's filters as they live in the URL, read the same way by the browser (use-gallery-params)
// and by the server when it renders the first page of the gallery (app/page.tsx).

export const SEARCH_MAX_CHARS = 200;

function parseStatus(value: string | null): GalleryFilter {
  return GALLERY_FILTERS.includes(value as GalleryFilter) ? (value as GalleryFilter) : "all";
}

const parseReview = (value: string | null): ReviewStatus | null =>
  REVIEW_STATUSES.includes(value as ReviewStatus) ? (value as ReviewStatus) : null;
const parseId = (value: string | null): string | null =>
  value && /^[A-Za-z0-9_-]{8,64}$/.test(value) ? value : null;

/**
 * `?status=failed&q=rain&favorite=true&review=approved&takes=chosen&character=<id>&asset=<id>&creator=me`
 * (or `creator=<user id>`). Unknown
 * or malformed values read as "no filter", so an old or hand-edited link still opens the gallery.
 */
export function parseGalleryQuery(get: (key: string) => string | null): GalleryQuery {
  return {
    status: parseStatus(get("status")),
    q: (get("q") ?? "").slice(0, SEARCH_MAX_CHARS),
    favorite: get("favorite") === "true",
    review: parseReview(get("review")),
    chosen: get("takes") === "chosen",
    asset: parseId(get("asset")),
    character: parseId(get("character")),
    creator: get("creator") === "me" ? "me" : parseId(get("creator")),
  };
}
