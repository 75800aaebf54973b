"use client";

import { ChooseTake, ChosenTakeContext } from "@/components/gallery/card-review";
import { FavoriteButton, ReviewStatusSelect } from "@/components/gallery/review-controls";
import type { GenerationDTO } from "@/lib/generations/dto";

/**
 * The take the viewer sees chosen in `g`'s group, when compare shows every take of it (null: none is);
 * undefined when some take is not on screen, and then a choice is made without that check.
 */
export function chosenSeen(g: GenerationDTO, clips: readonly GenerationDTO[]): string | null | undefined {
  if (!g.takeGroupId) return undefined;
  const mates = clips.filter((c) => c.takeGroupId === g.takeGroupId);
  if (mates.length < g.takeCount) return undefined;
  return mates.find((c) => c.chosen)?.id ?? null;
}

/**
 * One side's review, as on its card: the star, its review status and, for a take of a group, "Choose this
 * take" (or that it is chosen). Reviewers decide here without leaving compare.
 */
export function CompareSideReview({ g, clips }: { g: GenerationDTO; clips: readonly GenerationDTO[] }) {
  if (g.status !== "completed") return null;
  return (
    // A row of its own in a narrow side (a phone's 2x2), the select taking what the star leaves.
    <span
      className="flex min-w-0 max-w-full flex-wrap items-center gap-1.5 @max-[26rem]:w-full"
      data-testid="compare-review"
    >
      <FavoriteButton g={g} className="-my-0.5" />
      <ReviewStatusSelect g={g} className="@max-[26rem]:flex-1" />
      {g.takeGroupId && g.takeCount > 1 && (
        // A line of its own in a narrow side, so every side's player starts at the same height.
        <span className="flex @max-[26rem]:basis-full">
          <ChosenTakeContext value={chosenSeen(g, clips)}>
            <ChooseTake g={g} />
          </ChosenTakeContext>
        </span>
      )}
    </span>
  );
}
