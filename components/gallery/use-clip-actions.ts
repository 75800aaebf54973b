"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { toast } from "sonner";
import {
  cancelGenerationAction,
  deleteGenerationAction,
  restoreGenerationAction,
  retryGenerationAction,
} from "@/app/actions";
import { newIdempotencyKey } from "@/lib/client/idempotency";
import { removeGeneration, studioKeys, upsertGeneration } from "@/lib/client/queries";
import type { GenerationDTO } from "@/lib/generations/dto";
import { clipTitle } from "./clip-meta";

const UNREACHABLE = "Could not reach the studio server. Check that it is running, then try again.";

/** Cancel a clip in flight; the card shows the result, a toast confirms it. */
export function useCancelClip(g: GenerationDTO) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => cancelGenerationAction(g.id),
    onSuccess: (result) => {
      if (!result.ok) {
        toast.error("Could not cancel", { description: result.error.message });
        return;
      }
      upsertGeneration(client, result.generation);
      void client.invalidateQueries({ queryKey: studioKeys.spend });
      toast(result.generation.status === "canceled" ? "Canceled" : "Cancel requested", {
        description:
          result.generation.status === "canceled"
            ? "The clip was never sent, so nothing was charged."
            : "The provider is stopping the job.",
      });
    },
    onError: () => toast.error("Could not cancel", { description: UNREACHABLE }),
  });
}

/**
 * Runs a clip's inputs again as a new clip. One idempotency key per intent: a double click, or clicking
 * again after a lost answer, reuses it so the server makes one clip; a new key is drawn after success.
 */
export function useRetryClip(g: GenerationDTO, options: { openNew?: boolean } = {}) {
  const client = useQueryClient();
  const router = useRouter();
  const key = useRef<string | null>(null);
  const busy = useRef(false);
  const mutation = useMutation({
    mutationFn: () => {
      key.current ??= newIdempotencyKey();
      return retryGenerationAction(g.id, key.current);
    },
    onSuccess: (result) => {
      if (!result.ok) {
        toast.error("Could not retry", { description: result.error.message });
        return;
      }
      key.current = null;
      for (const made of result.generations) upsertGeneration(client, made);
      void client.invalidateQueries({ queryKey: studioKeys.spend });
      const href = `/clips/${result.generation.id}`;
      if (options.openNew) router.push(href);
      toast.success("Retry started", {
        description: options.openNew
          ? "A new clip with the same inputs is being made."
          : "A new clip with the same inputs is at the top of the gallery.",
        action: options.openNew ? undefined : { label: "Open", onClick: () => router.push(href) },
      });
    },
    onError: () => toast.error("Could not retry", { description: UNREACHABLE }),
    onSettled: () => {
      busy.current = false;
    },
  });
  return {
    retry: () => {
      // A ref, not isPending: two clicks in one frame both see isPending false.
      if (busy.current) return;
      busy.current = true;
      mutation.mutate();
    },
    isPending: mutation.isPending,
  };
}

async function restore(client: ReturnType<typeof useQueryClient>, id: string) {
  try {
    const result = await restoreGenerationAction(id);
    if (!result.ok) {
      toast.error("Could not restore the clip", { description: result.error.message });
      return;
    }
    client.setQueryData(studioKeys.generation(id), result.generation);
    // Back in its place by date: let the lists load it where it belongs.
    await client.invalidateQueries({ queryKey: studioKeys.generationLists });
    void client.invalidateQueries({ queryKey: studioKeys.spend });
    toast.success("Clip restored");
  } catch {
    toast.error("Could not restore the clip", { description: UNREACHABLE });
  }
}

/** Deletes a finished clip at once, with Undo in the toast. `onDeleted` runs after the server agreed. */
export function useDeleteClip(options: { onDeleted?: (g: GenerationDTO) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (g: GenerationDTO) => deleteGenerationAction(g.id),
    onMutate: (g) => removeGeneration(client, g.id),
    onSuccess: (result, g) => {
      if (!result.ok) {
        void client.invalidateQueries({ queryKey: studioKeys.generationLists });
        toast.error("Could not delete the clip", { description: result.error.message });
        return;
      }
      client.removeQueries({ queryKey: studioKeys.generation(g.id), exact: true });
      void client.invalidateQueries({ queryKey: studioKeys.spend });
      options.onDeleted?.(g);
      toast("Clip deleted", {
        id: `deleted-${g.id}`,
        description: clipTitle(g, 60),
        duration: 10_000,
        action: { label: "Undo", onClick: () => void restore(client, g.id) },
      });
    },
    onError: () => {
      void client.invalidateQueries({ queryKey: studioKeys.generationLists });
      toast.error("Could not delete the clip", { description: UNREACHABLE });
    },
  });
}
