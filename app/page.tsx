import { HydrationBoundary } from "@tanstack/react-query";
import { cookies } from "next/headers";
import { galleryFirstPageState, type SearchParams } from "@/app/_lib/gallery-first-page";
import { serverState } from "@/app/_lib/server-state";
import {
  COLLAPSED_COOKIE,
  DENSITY_COOKIE,
  normalizeCollapsed,
  parseDensity,
} from "@/components/gallery/layout-prefs";
import { Composer } from "@/components/studio/composer";
import { History } from "@/components/studio/history";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";

/** In the composer's place for a reviewer, who watches, comments and approves but does not generate. */
function ReviewerNote() {
  return (
    <section
      data-testid="reviewer-note"
      className="space-y-2 rounded-card border border-ink-700 bg-ink-900 p-5 text-ink-300 text-sm"
    >
      <h2 className="font-semibold text-base text-ink-100">You review here</h2>
      <p>
        As a reviewer you can watch every clip, comment, approve, and choose takes. Making clips spends the
        studio's money, so it needs the editor role: ask the studio's owner or an admin.
      </p>
    </section>
  );
}

export default async function StudioPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Read before rendering, not streamed behind a fallback: a streamed gallery is revealed by a script
  // that waits for the main thread, which the page's own scripts hold, so its posters painted late.
  const me = toMe(await requireMember("/"));
  // Read side by side: the gallery's first page, and the header's provider and the cost line's spend.
  const [firstPage, headerState, jar] = await Promise.all([
    galleryFirstPageState(searchParams),
    serverState({ spend: me.role !== "reviewer" }),
    cookies(),
  ]);
  // This browser's gallery layout, so the first HTML is already in it (components/gallery/layout-prefs.ts).
  const layout = {
    density: parseDensity(jar.get(DENSITY_COOKIE)?.value),
    collapsed: normalizeCollapsed(jar.get(COLLAPSED_COOKIE)?.value),
  };
  return (
    <HydrationBoundary state={headerState}>
      <StudioHeader heading me={me} />
      <main className="mx-auto grid max-w-[1600px] items-start gap-6 px-4 py-5 sm:px-6 sm:py-6 lg:grid-cols-[minmax(380px,440px)_minmax(0,1fr)] lg:gap-8 lg:px-8">
        <div className="lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6.5rem)] lg:overflow-y-auto lg:overscroll-contain lg:rounded-card [scrollbar-width:thin]">
          {me.role === "reviewer" ? <ReviewerNote /> : <Composer />}
        </div>
        <HydrationBoundary state={firstPage}>
          <History layout={layout} />
        </HydrationBoundary>
      </main>
    </HydrationBoundary>
  );
}
