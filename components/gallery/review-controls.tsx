"use client";

import { cn } from "@/components/ui/cn";
import { StarIcon } from "@/components/ui/icons";
import { useUpdateReview } from "@/lib/client/use-review";
import type { GenerationDTO } from "@/lib/generations/dto";
import { REVIEW_LABELS, REVIEW_STATUSES, type ReviewStatus } from "@/lib/review/limits";

const statusTone: Record<ReviewStatus, string> = {
  pending: "border-ink-600 text-ink-300",
  approved: "border-ok/50 bg-ok/10 text-ok",
  changes_requested: "border-warn/50 bg-warn/10 text-warn",
};

/** The star: a toggle button named "Favorite", pressed when the clip is starred. */
export function FavoriteButton({ g, className }: { g: GenerationDTO; className?: string }) {
  const update = useUpdateReview();
  const on = update.isPending ? !!update.variables?.favorite : g.favorite;
  return (
    <button
      type="button"
      aria-label="Favorite"
      aria-pressed={on}
      title={on ? "Remove the star" : "Star this clip"}
      data-testid="favorite"
      onClick={() => update.mutate({ generationId: g.id, favorite: !on })}
      className={cn(
        "inline-flex size-8 shrink-0 items-center justify-center rounded-md transition-colors hover:bg-ink-800 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft",
        on ? "text-warn" : "text-ink-400 hover:text-ink-100",
        className,
      )}
    >
      <StarIcon filled={on} className="size-4" />
    </button>
  );
}

/** Review status as a native select (named "Review status"), tinted by its value. */
export function ReviewStatusSelect({ g, className }: { g: GenerationDTO; className?: string }) {
  const update = useUpdateReview();
  const value = (update.isPending && update.variables?.reviewStatus) || g.reviewStatus;
  return (
    <select
      aria-label="Review status"
      data-testid="review-status"
      value={value}
      onChange={(e) =>
        update.mutate({
          generationId: g.id,
          reviewStatus: e.target.value as ReviewStatus,
          // What this select showed: if someone changed it meanwhile, the server says who, not overwrites.
          expectedStatus: value,
        })
      }
      className={cn(
        "h-8 min-w-0 cursor-pointer rounded-md border bg-ink-900 px-2 text-xs font-medium transition-colors hover:border-ink-400 focus-visible:outline-2 focus-visible:outline-accent-soft",
        statusTone[value],
        className,
      )}
    >
      {REVIEW_STATUSES.map((s) => (
        <option key={s} value={s} className="bg-ink-900 text-ink-100">
          {REVIEW_LABELS[s]}
        </option>
      ))}
    </select>
  );
}
