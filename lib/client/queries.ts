import {
  type InfiniteData,
  infiniteQueryOptions,
  type QueryClient,
  queryOptions,
} from "@tanstack/react-query";
import type { GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/schema";
import type { ProviderId } from "@/lib/providers/types";
import { getJson, toApiError } from "./http";

/** While anything is in flight the studio polls this often; it stops once every job is terminal. */
export const ACTIVE_POLL_MS = 1_500;
export const HISTORY_PAGE_SIZE = 12;

export interface HealthDTO {
  ok: boolean;
  database?: unknown;
  storage?: unknown;
  provider: { id: ProviderId; modelId?: string; [key: string]: unknown };
}

export const studioKeys = {
  health: ["health"] as const,
  generations: ["generations"] as const,
  generationList: (limit: number) => ["generations", "list", { limit }] as const,
  generation: (id: string) => ["generations", "detail", id] as const,
};

export type GenerationPages = InfiniteData<GenerationPage, string | null>;

export function hasActiveGeneration(data: GenerationPages | undefined): boolean {
  return !!data?.pages.some((page) => page.items.some((g) => !isTerminal(g.status)));
}

/** Newest first, cursor-paginated; refetches every page while any clip is still being made. */
export function generationsQueryOptions(limit = HISTORY_PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: studioKeys.generationList(limit),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (pageParam) params.set("cursor", pageParam);
      return getJson<GenerationPage>(`/api/generations?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (hasActiveGeneration(query.state.data) ? ACTIVE_POLL_MS : false),
    staleTime: 1_000,
  });
}

/** One clip; polls until it reaches a terminal state. */
export function generationQueryOptions(id: string) {
  return queryOptions({
    queryKey: studioKeys.generation(id),
    queryFn: async ({ signal }) =>
      (await getJson<{ generation: GenerationDTO }>(`/api/generations/${encodeURIComponent(id)}`, signal))
        .generation,
    refetchInterval: (query) => {
      const g = query.state.data;
      return g && isTerminal(g.status) ? false : ACTIVE_POLL_MS;
    },
  });
}

/** Health answers 503 with the same body when something is down; the provider id is still worth showing. */
export const healthQueryOptions = queryOptions({
  queryKey: studioKeys.health,
  queryFn: async ({ signal }): Promise<HealthDTO> => {
    let res: Response;
    try {
      res = await fetch("/api/health", { signal, cache: "no-store" });
    } catch (err) {
      if (signal.aborted) throw err;
      throw toApiError(0, null);
    }
    const body: unknown = await res.json().catch(() => null);
    if (body && typeof body === "object" && "provider" in body) return body as HealthDTO;
    throw toApiError(res.status, body);
  },
  staleTime: 60_000,
  refetchInterval: 60_000,
});

/** Puts a generation the server just returned into every cached list page (new ones at the top). */
export function upsertGeneration(client: QueryClient, generation: GenerationDTO) {
  client.setQueriesData<GenerationPages>({ queryKey: [...studioKeys.generations, "list"] }, (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((g) => {
        if (g.id !== generation.id) return g;
        found = true;
        return generation;
      }),
    }));
    if (!found && pages[0]) pages[0] = { ...pages[0], items: [generation, ...pages[0].items] };
    return { ...data, pages };
  });
  client.setQueryData(studioKeys.generation(generation.id), generation);
}
