"use client";

import { cn } from "@/components/ui/cn";
import { CheckIcon, LayersIcon, UserIcon, XIcon } from "@/components/ui/icons";
import type { GalleryQuery } from "@/lib/client/queries";
import type { ReviewStatus } from "@/lib/review/limits";

type ReviewView = "any" | "favorite" | ReviewStatus;

const VIEWS: ReadonlyArray<{ value: ReviewView; label: string }> = [
  { value: "any", label: "Any review" },
  { value: "favorite", label: "Favorites" },
  { value: "pending", label: "Pending review" },
  { value: "approved", label: "Approved" },
  { value: "changes_requested", label: "Changes requested" },
];

export function reviewViewLabel(query: GalleryQuery): string | null {
  if (query.favorite) return "favorite";
  if (query.review) return VIEWS.find((v) => v.value === query.review)!.label.toLowerCase();
  return null;
}

const toggle = (on: boolean) =>
  cn(
    "inline-flex h-8 items-center gap-1.5 rounded-lg border px-2.5 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-accent-soft sm:text-[13px]",
    on
      ? "border-accent/50 bg-accent/15 text-accent-soft"
      : "border-ink-700 text-ink-300 hover:border-ink-600 hover:text-ink-100",
  );

/**
 * Favorites or one review status, "chosen takes only", and "mine" (clips the looker made). A link to one
 * member's clips (`?creator=<user id>`) shows as a filter to clear; `creatorName` names them when known.
 */
export function ReviewFilters({
  query,
  onChange,
  creatorName,
}: {
  query: GalleryQuery;
  onChange: (next: Partial<GalleryQuery>) => void;
  creatorName?: string | null;
}) {
  const view: ReviewView = query.favorite ? "favorite" : (query.review ?? "any");
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label="Filter by review"
        data-testid="review-filter"
        value={view}
        onChange={(e) => {
          const next = e.target.value as ReviewView;
          onChange({
            favorite: next === "favorite",
            review: next === "any" || next === "favorite" ? null : next,
          });
        }}
        className="h-8 cursor-pointer rounded-lg border border-ink-700 bg-ink-900 px-2.5 text-xs font-medium text-ink-100 hover:border-ink-600 focus-visible:outline-2 focus-visible:outline-accent-soft sm:text-[13px]"
      >
        {VIEWS.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-pressed={query.chosen}
        onClick={() => onChange({ chosen: !query.chosen })}
        data-testid="chosen-filter"
        className={toggle(query.chosen)}
      >
        {query.chosen ? <CheckIcon className="size-3.5" /> : <LayersIcon className="size-3.5" />}
        Chosen takes only
      </button>
      <button
        type="button"
        aria-pressed={query.creator === "me"}
        onClick={() => onChange({ creator: query.creator === "me" ? null : "me" })}
        data-testid="mine-filter"
        title="Only clips you made"
        className={toggle(query.creator === "me")}
      >
        {query.creator === "me" ? <CheckIcon className="size-3.5" /> : <UserIcon className="size-3.5" />}
        Mine
      </button>
      {query.creator && query.creator !== "me" && (
        <button
          type="button"
          onClick={() => onChange({ creator: null })}
          data-testid="creator-filter"
          aria-label={`Made by ${creatorName ?? "one member"}: show everyone's clips`}
          className={toggle(true)}
        >
          Made by {creatorName ?? "one member"}
          <XIcon className="size-3.5" />
        </button>
      )}
    </div>
  );
}
