import "server-only";
import { type DehydratedState, dehydrate, QueryClient } from "@tanstack/react-query";
import { cookies, headers } from "next/headers";
import { parseGalleryQuery } from "@/components/gallery/gallery-query";
import { resolveActor } from "@/lib/auth/session";
import { galleryParams, generationsQueryOptions, HISTORY_PAGE_SIZE } from "@/lib/client/queries";
import { errorLine } from "@/lib/db/errors";
import { parseListParams } from "@/lib/generations/list-params";
import { listGenerations } from "@/lib/generations/repo";
import { PROJECT_COOKIE, resolveCurrentProject } from "@/lib/projects/current";
import { listProjects } from "@/lib/projects/service";
import { getRuntime } from "@/lib/server/runtime";

export type SearchParams = Record<string, string | string[] | undefined>;

/** Past this, the page goes out without the gallery's first page and the browser fetches it instead. */
const FIRST_PAGE_WAIT_MS = 1_500;

/**
 * The gallery's first page (for the filters in the URL) as React Query state, read on the server so the
 * first screen of clips, and the poster that is the page's largest paint, are in the HTML instead of
 * waiting for hydration and a fetch. The browser's query cache starts from it; more pages and live
 * clips are fetched as before. It is scoped to this browser's current project (its cookie, as
 * lib/client/current-project.ts resolves it), so the key matches the browser's. When the read fails or is
 * slow (the database is down or busy), the state is empty: the gallery then fetches, and shows the error
 * the API gives.
 */
export async function galleryFirstPageState(searchParams: Promise<SearchParams>): Promise<DehydratedState> {
  const search = await searchParams;
  const view = parseGalleryQuery((key) => {
    const value = search[key];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  });
  const client = new QueryClient();
  let timer: NodeJS.Timeout | undefined;
  let query = view;
  try {
    const read = (async () => {
      // `?creator=me` is whoever asks; the proxy let the request in, so there is someone.
      const actor = await resolveActor(async () => new Headers(await headers()));
      if (!actor) throw new Error("no actor for the request");
      const { db } = await getRuntime();
      const jar = await cookies();
      const current = resolveCurrentProject(jar.get(PROJECT_COOKIE)?.value, await listProjects(db.prisma));
      query = current.projectId ? { ...view, project: current.projectId } : view;
      const params = galleryParams(query, new URLSearchParams({ limit: String(HISTORY_PAGE_SIZE) }));
      return listGenerations(db.prisma, parseListParams(params, actor));
    })();
    read.catch(() => undefined); // when the wait below gives up first
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${FIRST_PAGE_WAIT_MS} ms`)),
        FIRST_PAGE_WAIT_MS,
      );
    });
    const page = await Promise.race([read, late]);
    client.setQueryData(generationsQueryOptions(HISTORY_PAGE_SIZE, query).queryKey, {
      pages: [page],
      pageParams: [null],
    });
  } catch (err) {
    console.warn(`[gallery] first page left to the browser: ${errorLine(err)}`);
  } finally {
    clearTimeout(timer);
  }
  return dehydrate(client);
}
