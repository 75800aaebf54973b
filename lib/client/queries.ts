import {
  type InfiniteData,
  infiniteQueryOptions,
  type QueryClient,
  queryOptions,
} from "@tanstack/react-query";
import type { GalleryFilter, GenerationDTO, GenerationPage, SpendDTO } from "@/lib/generations/dto";
import { isInFlight, isTerminal } from "@/lib/generations/state";
import type { ProviderId } from "@/lib/providers/types";
import type { ReviewStatus } from "@/lib/review/limits";
import { ApiRequestError, getJson, toApiError } from "./http";
import { isLiveConnected } from "./live-status";

/** A clip in flight on screen is polled this often; polling stops once it is terminal. */
export const ACTIVE_POLL_MS = 1_500;
/**
 * The same poll while the live event stream is open: the stream says when the clip changed, so the poll
 * is only a fallback should an event be lost.
 */
export const LIVE_FALLBACK_POLL_MS = 15_000;
export const HISTORY_PAGE_SIZE = 24;

export interface HealthDTO {
  ok: boolean;
  database?: unknown;
  storage?: unknown;
  provider: { id: ProviderId; modelId?: string; [key: string]: unknown };
  /** Every configured provider (the preview engine last); see lib/client/providers.ts. */
  providers?: unknown[];
}

/** What the gallery shows: status, prompt search, review filters and a reverse lookup. */
export interface GalleryQuery {
  status: GalleryFilter;
  q: string;
  favorite: boolean;
  review: ReviewStatus | null;
  /** Only the chosen take of each group (single clips stay). */
  chosen: boolean;
  /** Reverse lookup: clips that used this reference image, or this character. */
  asset: string | null;
  character: string | null;
  /** Only clips made by "me" (whoever is looking) or by this member's user id. */
  creator: string | null;
  /**
   * Only this project's clips: the current project (lib/client/current-project.ts), not the URL's. Absent
   * under "All projects", so an unscoped list keeps the key it always had.
   */
  project?: string;
}

export const ALL_CLIPS: GalleryQuery = {
  status: "all",
  q: "",
  favorite: false,
  review: null,
  chosen: false,
  asset: null,
  character: null,
  creator: null,
};

export const studioKeys = {
  health: ["health"] as const,
  spend: ["spend"] as const,
  generations: ["generations"] as const,
  generationLists: ["generations", "list"] as const,
  generationList: (limit: number, query: GalleryQuery = ALL_CLIPS) =>
    ["generations", "list", { limit, ...query }] as const,
  generation: (id: string) => ["generations", "detail", id] as const,
  /** The finals of a draft (GET /api/generations?draftOf=). */
  finals: (draftId: string) => ["generations", "finals", draftId] as const,
};

export type GenerationPages = InfiniteData<GenerationPage, string | null>;

export function hasActiveGeneration(data: GenerationPages | undefined): boolean {
  return !!data?.pages.some((page) => page.items.some((g) => !isTerminal(g.status)));
}

/**
 * What search looks in: the prompt and the references' names. The server also matches the names of the
 * references' saved characters, which a clip's DTO does not carry; the refetch after a change settles it.
 */
const searchText = (g: GenerationDTO) => [
  g.prompt,
  ...g.references.map((r) => r.label),
  ...g.referenceVideos.map((r) => r.label),
];

/**
 * Whether a clip belongs in a list with this filter and search (mirrors lib/generations/repo.ts). `me` is
 * the looker's user id where known: without it, no clip is known to belong in a "mine" list.
 */
export function matchesGalleryQuery(g: GenerationDTO, query: GalleryQuery, me?: string | null): boolean {
  const creator = query.creator === "me" ? me : query.creator;
  const statusOk =
    query.status === "all" || (query.status === "active" ? isInFlight(g.status) : g.status === query.status);
  const q = query.q.trim().toLowerCase();
  return (
    statusOk &&
    (!q || searchText(g).some((text) => text.toLowerCase().includes(q))) &&
    (!query.favorite || g.favorite) &&
    (!query.review || g.reviewStatus === query.review) &&
    (!query.chosen || !g.takeGroupId || g.chosen) &&
    (!query.asset || g.references.some((r) => r.id === query.asset)) &&
    (!query.character || g.references.some((r) => r.characterId === query.character)) &&
    (!query.creator || (!!creator && g.createdBy?.id === creator)) &&
    (!query.project || g.projectId === query.project)
  );
}

/** The gallery query as /api/generations parameters. */
export function galleryParams(query: GalleryQuery, params = new URLSearchParams()): URLSearchParams {
  if (query.status !== "all") params.set("status", query.status);
  if (query.q.trim()) params.set("q", query.q.trim());
  if (query.favorite) params.set("favorite", "true");
  if (query.review) params.set("review", query.review);
  if (query.chosen) params.set("takes", "chosen");
  if (query.asset) params.set("asset", query.asset);
  if (query.character) params.set("character", query.character);
  if (query.creator) params.set("creator", query.creator);
  if (query.project) params.set("project", query.project);
  return params;
}

/**
 * Newest first, cursor-paginated. The list itself does not poll: each clip in flight that is on screen
 * polls its own row (components/gallery/use-live-generation.ts) and writes it back here.
 */
export function generationsQueryOptions(limit = HISTORY_PAGE_SIZE, query: GalleryQuery = ALL_CLIPS) {
  return infiniteQueryOptions({
    queryKey: studioKeys.generationList(limit, query),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (pageParam) params.set("cursor", pageParam);
      galleryParams(query, params);
      return getJson<GenerationPage>(`/api/generations?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 1_000,
  });
}

const notFound = (error: unknown) => error instanceof ApiRequestError && error.status === 404;

/** One clip; polls until it reaches a terminal state. A deleted or unknown id is a 404, not retried. */
export function generationQueryOptions(id: string) {
  return queryOptions({
    queryKey: studioKeys.generation(id),
    queryFn: async ({ signal }) =>
      (await getJson<{ generation: GenerationDTO }>(`/api/generations/${encodeURIComponent(id)}`, signal))
        .generation,
    refetchInterval: (query) => {
      const g = query.state.data;
      if (query.state.error && notFound(query.state.error)) return false;
      if (g && isTerminal(g.status)) return false;
      return isLiveConnected() ? LIVE_FALLBACK_POLL_MS : ACTIVE_POLL_MS;
    },
    retry: (count, error) => !notFound(error) && count < 2,
  });
}

/** Today's spend (completed clips at cost, clips in flight at their estimate). */
export const spendQueryOptions = queryOptions({
  queryKey: studioKeys.spend,
  queryFn: ({ signal }) => getJson<SpendDTO>("/api/spend", signal),
  staleTime: 10_000,
});

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

type ListKey = ReturnType<typeof studioKeys.generationList>;

/**
 * Who "me" is in a "mine" list: every clip in it has the same maker, the looker. An empty one cannot
 * tell (a new clip of theirs then arrives by the list's refetch, which the live event triggers).
 */
function meIn(pages: GenerationPage[]): string | null {
  for (const page of pages) for (const g of page.items) if (g.createdBy) return g.createdBy.id;
  return null;
}

/** Rewrites every cached gallery list; `edit` gets each list's pages, filter and "me" where known. */
function editLists(
  client: QueryClient,
  edit: (pages: GenerationPage[], query: GalleryQuery, me: string | null) => GenerationPage[],
) {
  for (const [key, data] of client.getQueriesData<GenerationPages>({
    queryKey: studioKeys.generationLists,
  })) {
    if (!data) continue;
    const { limit: _limit, ...stored } = ((key as ListKey)[2] ?? {}) as Partial<GalleryQuery> & {
      limit?: number;
    };
    const query = { ...ALL_CLIPS, ...stored };
    const pages = edit(data.pages, query, query.creator === "me" ? meIn(data.pages) : null);
    if (pages !== data.pages) client.setQueryData<GenerationPages>(key, { ...data, pages });
  }
}

/** Replaces (or, when it no longer matches the list's filter, drops) a clip in the page that holds it. */
function replaceIn(
  pages: GenerationPage[],
  g: GenerationDTO,
  query: GalleryQuery,
  me: string | null,
): GenerationPage[] | null {
  const at = pages.findIndex((p) => p.items.some((item) => item.id === g.id));
  if (at < 0) return null;
  const keep = matchesGalleryQuery(g, query, me);
  return pages.map((page, i) =>
    i !== at
      ? page
      : {
          ...page,
          items: keep
            ? page.items.map((item) => (item.id === g.id ? g : item))
            : page.items.filter((item) => item.id !== g.id),
        },
  );
}

/**
 * Puts a generation the server just returned into every cached list: replaced where it is, dropped from
 * lists whose filter it no longer matches, and added at the top of lists that should show it.
 */
export function upsertGeneration(client: QueryClient, generation: GenerationDTO) {
  editLists(client, (pages, query, me) => {
    const replaced = replaceIn(pages, generation, query, me);
    if (replaced) return replaced;
    if (!matchesGalleryQuery(generation, query, me) || !pages[0]) return pages;
    return [{ ...pages[0], items: [generation, ...pages[0].items] }, ...pages.slice(1)];
  });
  client.setQueryData(studioKeys.generation(generation.id), generation);
}

/** Replaces a clip wherever a list already holds it (never adds it). Used by live polling. */
export function replaceGeneration(client: QueryClient, generation: GenerationDTO) {
  editLists(client, (pages, query, me) => replaceIn(pages, generation, query, me) ?? pages);
}

/** Takes a clip out of every list at once (optimistic delete). */
export function removeGeneration(client: QueryClient, id: string) {
  editLists(client, (pages) =>
    pages.some((p) => p.items.some((g) => g.id === id))
      ? pages.map((p) => ({ ...p, items: p.items.filter((g) => g.id !== id) }))
      : pages,
  );
}

/** The finals made of a draft (Make final), newest first; polls while one is still being made. */
export function finalsQueryOptions(draftId: string) {
  return queryOptions({
    queryKey: studioKeys.finals(draftId),
    queryFn: async ({ signal }) =>
      (
        await getJson<GenerationPage>(
          `/api/generations?${new URLSearchParams({ draftOf: draftId, limit: "20" })}`,
          signal,
        )
      ).items,
    refetchInterval: (query) =>
      query.state.data?.some((g) => !isTerminal(g.status))
        ? isLiveConnected()
          ? LIVE_FALLBACK_POLL_MS
          : ACTIVE_POLL_MS
        : false,
  });
}
