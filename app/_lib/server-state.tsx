import "server-only";
import { type DehydratedState, dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { projectKeys } from "@/lib/client/projects";
import { studioKeys } from "@/lib/client/queries";
import { spendKey } from "@/lib/client/spend";
import { errorLine } from "@/lib/db/errors";
import { spendToday } from "@/lib/generations/spend";
import { PROJECT_COOKIE } from "@/lib/projects/current";
import { listProjects } from "@/lib/projects/service";
import { healthReport } from "@/lib/server/health";
import { getRuntime } from "@/lib/server/runtime";

/** Past this the page goes out without them and the browser asks, as before. */
const WAIT_MS = 1_000;

function within<T>(work: Promise<T>, what: string): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`[page] ${what} left to the browser: no answer in ${WAIT_MS} ms`);
      resolve(null);
    }, WAIT_MS);
  });
  const read = work.catch((err: unknown) => {
    console.warn(`[page] ${what} left to the browser: ${errorLine(err)}`);
    return null;
  });
  return Promise.race([read, late]).finally(() => clearTimeout(timer));
}

/**
 * What the header (provider badge, project switcher) and, on the studio page, the cost line (today's
 * spend) show, read while the page renders and handed to the browser's query cache: they read their
 * values from the first HTML on instead of "Checking…" and "…" until a fetch answers. The projects and
 * this browser's project cookie come too, so scoped views (gallery, library, spend) start scoped. Only for
 * pages whose viewer the page has already resolved: `spend` needs a member (GET /api/spend's role).
 */
export async function serverState({ spend = false }: { spend?: boolean } = {}): Promise<DehydratedState> {
  const client = new QueryClient();
  // A page prerendered by `next build` must not open the studio's database and media folder.
  if (process.env.NEXT_PHASE === "phase-production-build") return dehydrate(client);
  const [health, today, projects, jar] = await Promise.all([
    within(healthReport(), "health"),
    spend
      ? within(
          getRuntime().then((rt) => spendToday(rt.db.prisma)),
          "today's spend",
        )
      : null,
    within(
      getRuntime().then((rt) => listProjects(rt.db.prisma)),
      "projects",
    ),
    cookies(),
  ]);
  // A report without a provider (the database could not be opened) is left for the browser to ask.
  if (health?.body.provider) client.setQueryData(studioKeys.health, health.body);
  if (today) client.setQueryData(spendKey, today);
  if (projects) client.setQueryData(projectKeys.open, projects);
  // lib/client/current-project.ts reads the same cookie in the browser ("" when unset).
  client.setQueryData(projectKeys.selection, jar.get(PROJECT_COOKIE)?.value ?? "");
  return dehydrate(client);
}

/** serverState() around a page's part: for pages with nothing else to read first. */
export async function ServerState({ spend = false, children }: { spend?: boolean; children: ReactNode }) {
  return <HydrationBoundary state={await serverState({ spend })}>{children}</HydrationBoundary>;
}
