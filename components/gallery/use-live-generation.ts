"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ApiRequestError } from "@/lib/client/http";
import {
  generationQueryOptions,
  removeGeneration,
  replaceGeneration,
  studioKeys,
} from "@/lib/client/queries";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";

const newer = (a: GenerationDTO, b: GenerationDTO) => Date.parse(a.updatedAt) > Date.parse(b.updatedAt);

/**
 * A clip as fresh as we know it. While it is in flight and its card is mounted (the gallery is virtualized,
 * so: on screen), it polls GET /api/generations/:id and writes each change back into the cached lists;
 * at a terminal state the poll stops. Finished clips never poll.
 */
export function useLiveGeneration(g: GenerationDTO): GenerationDTO {
  const client = useQueryClient();
  const inFlight = !isTerminal(g.status);
  const { data, error } = useQuery({ ...generationQueryOptions(g.id), initialData: g, enabled: inFlight });
  const fresher = data && newer(data, g) ? data : null;

  useEffect(() => {
    if (!fresher) return;
    replaceGeneration(client, fresher);
    // What today's spend counts changes when a clip finishes or fails.
    if (isTerminal(fresher.status)) void client.invalidateQueries({ queryKey: studioKeys.spend });
  }, [client, fresher]);

  useEffect(() => {
    // Deleted in another tab: it is gone here too.
    if (error instanceof ApiRequestError && error.status === 404) removeGeneration(client, g.id);
  }, [client, error, g.id]);

  return fresher ?? g;
}
