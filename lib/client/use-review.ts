"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { updateReviewAction } from "@/app/actions";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { ReviewUpdate } from "@/lib/review/schema";
import { studioKeys, upsertGeneration } from "./queries";
import { reviewKeys } from "./review";

/** A refused review change, with the server's code ("conflict": someone else changed it first). */
class ReviewError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Star, review status and chosen take. Choosing a take changes its siblings too, so lists refetch. A
 * change made against a stale view is refused by the server with who changed it: the message is shown
 * and the clip refetched, so its current state is on screen to decide on again.
 */
export function useUpdateReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: ReviewUpdate) => {
      const result = await updateReviewAction(input);
      if (!result.ok) throw new ReviewError(result.error.code, result.error.message);
      return result.generation;
    },
    onSuccess: (generation: GenerationDTO, input) => {
      upsertGeneration(client, generation);
      if (input.chosen !== undefined) void client.invalidateQueries({ queryKey: studioKeys.generations });
      void client.invalidateQueries({ queryKey: reviewKeys.characters });
      void client.invalidateQueries({ queryKey: reviewKeys.activity(generation.id) });
    },
    onError: (err, input) => {
      if (err instanceof ReviewError && err.code === "conflict") {
        toast.error("Your change was not saved", { description: err.message, duration: 10_000 });
        void client.invalidateQueries({ queryKey: studioKeys.generation(input.generationId) });
        void client.invalidateQueries({ queryKey: studioKeys.generationLists });
        void client.invalidateQueries({ queryKey: reviewKeys.activity(input.generationId) });
        return;
      }
      toast.error("Could not save the review", { description: err.message });
    },
  });
}
