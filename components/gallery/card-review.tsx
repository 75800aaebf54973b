"use client";

import { createContext, use } from "react";
import { cn } from "@/components/ui/cn";
import { CheckIcon, CompareIcon, MessageIcon } from "@/components/ui/icons";
import { toggleCompare, useCompareSelection } from "@/lib/client/compare-selection";
import { useUpdateReview } from "@/lib/client/use-review";
import type { GenerationDTO } from "@/lib/generations/dto";
import { FavoriteButton, ReviewStatusSelect } from "./review-controls";

/** A checkbox-like toggle that picks the clip for compare (four at most). */
function CompareToggle({ g }: { g: GenerationDTO }) {
  const picked = useCompareSelection().includes(g.id);
  return (
    <label
      className={cn(
        "relative inline-flex h-8 shrink-0 cursor-pointer items-center gap-1.5 rounded-md px-2 text-xs font-medium transition-colors hover:bg-ink-800 has-focus-visible:outline-2 has-focus-visible:outline-accent-soft",
        picked ? "text-accent-soft" : "text-ink-400 hover:text-ink-100",
      )}
      title="Pick two to four clips to compare them"
    >
      <input
        type="checkbox"
        // Over the whole label, invisible: the click lands on the real checkbox.
        className="absolute inset-0 size-full cursor-pointer appearance-none rounded-md"
        checked={picked}
        onChange={() => toggleCompare(g.id)}
        aria-label="Compare"
        data-testid="compare-toggle"
      />
      <CompareIcon className="size-4" />
      <span className="hidden @min-[14rem]:inline">Compare</span>
    </label>
  );
}

/**
 * The review row of a card: star, status, comment count and the compare pick. Sized by the card, not the
 * window: in a narrow one (a take on a phone) the status takes a line of its own so it reads in full, and
 * Compare shows its word only where there is room.
 */
export function CardReview({ g }: { g: GenerationDTO }) {
  if (g.status !== "completed") return null;
  return (
    <div className="@container" data-testid="card-review">
      <div className="flex min-h-8 items-center gap-1.5 @max-[10rem]:flex-wrap">
        <FavoriteButton g={g} className="-ml-1.5" />
        <ReviewStatusSelect g={g} className="@max-[10rem]:order-last @max-[10rem]:w-full" />
        {g.commentCount > 0 && (
          <span
            className="inline-flex items-center gap-1 text-xs text-ink-400 tabular-nums"
            title={`${g.commentCount} comment${g.commentCount === 1 ? "" : "s"}`}
          >
            <MessageIcon className="size-3.5" />
            {g.commentCount}
            <span className="sr-only"> comments</span>
          </span>
        )}
        <span className="ml-auto" />
        <CompareToggle g={g} />
      </div>
    </div>
  );
}

/**
 * Inside a take group: the take its viewer sees chosen (null: none). Outside one (the clip's page, which
 * does not load the other takes) it is undefined, and a choice is made without that check.
 */
export const ChosenTakeContext = createContext<string | null | undefined>(undefined);

/** In a take group: mark this take as the chosen one, or show that it is. */
export function ChooseTake({ g }: { g: GenerationDTO }) {
  const update = useUpdateReview();
  const chosenNow = use(ChosenTakeContext);
  if (g.status !== "completed") return null;
  if (g.chosen) {
    return (
      <span
        className="inline-flex h-7 items-center gap-1 rounded-full border border-ok/50 bg-ok/10 px-2.5 text-xs font-semibold text-ok"
        data-testid="chosen-take"
      >
        <CheckIcon className="size-3.5" />
        Chosen
      </span>
    );
  }
  return (
    <button
      type="button"
      onClick={() =>
        update.mutate({
          generationId: g.id,
          chosen: true,
          ...(chosenNow !== undefined ? { expectedChosenId: chosenNow } : {}),
        })
      }
      disabled={update.isPending}
      className="inline-flex h-7 items-center rounded-full border border-ink-600 px-2.5 text-xs font-medium text-ink-300 transition-colors hover:border-ink-400 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft disabled:opacity-50"
    >
      Choose this take
    </button>
  );
}
