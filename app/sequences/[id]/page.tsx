import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ServerState } from "@/app/_lib/server-state";
import { StoryboardView } from "@/components/storyboard/storyboard-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";
import { sequenceKeys } from "@/lib/client/sequences";
import { errorLine } from "@/lib/db/errors";
import { AppError } from "@/lib/http/errors";
import { getSequence } from "@/lib/sequences/service";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "Storyboard" };

export const dynamic = "force-dynamic";

export default async function StoryboardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = toMe(await requireMember(`/sequences/${encodeURIComponent(id)}`));
  // The shots are read here, so the first HTML already holds the cards (no "Loading" then a fetch); an
  // unknown sequence is the not-found page. When the read fails otherwise the browser fetches and shows
  // the API's error.
  const client = new QueryClient();
  try {
    const { db } = await getRuntime();
    client.setQueryData(sequenceKeys.detail(id), await getSequence(db.prisma, id));
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    console.warn(`[page] storyboard ${id} left to the browser: ${errorLine(err)}`);
  }
  return (
    <>
      <ServerState>
        <StudioHeader me={me} />
      </ServerState>
      <HydrationBoundary state={dehydrate(client)}>
        <StoryboardView id={id} canEdit={me.role !== "reviewer"} />
      </HydrationBoundary>
    </>
  );
}
