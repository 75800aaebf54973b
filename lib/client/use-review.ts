"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { updateReviewAction } from "@/app/actions";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { ReviewUpdate } from "@/lib/review/schema";
import { studioKeys, upsertGeneration } from "./queries";
import { reviewKeys } from "./review";

/** Star, review status and chosen take. Choosing a take changes its siblings too, so lists refetch. */
export function useUpdateReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: ReviewUpdate) => {
      const result = await updateReviewAction(input);
      if (!result.ok) throw new Error(result.error.message);
      return result.generation;
    },
    onSuccess: (generation: GenerationDTO, input) => {
      upsertGeneration(client, generation);
      if (input.chosen !== undefined) void client.invalidateQueries({ queryKey: studioKeys.generations });
      void client.invalidateQueries({ queryKey: reviewKeys.characters });
    },
    onError: (err) => toast.error("Could not save the review", { description: err.message }),
  });
}
