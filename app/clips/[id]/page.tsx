import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ServerState } from "@/app/_lib/server-state";
import { ClipDetail } from "@/components/gallery/clip-detail";
import { clipTitle } from "@/components/gallery/clip-meta";
import { parseGalleryQuery } from "@/components/gallery/gallery-query";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";
import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

// Metadata and the page read the same row once per request.
// Both first make sure a member is asking: the title alone says what the clip is.
const loadClip = cache(async (id: string) => {
  const me = toMe(await requireMember(`/clips/${encodeURIComponent(id)}`));
  const { db } = await getRuntime();
  const row = await findVisibleGeneration(db.prisma, id);
  return { me, g: row ? toGenerationDTO(row) : null };
});

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { g } = await loadClip((await params).id);
  if (!g) return { title: "Clip not found" };
  return { title: clipTitle(g, 60) };
}

/**
 * A clip's own, shareable page; `?q=rain&status=completed...` (the gallery's parameters) name the gallery
 * view it was opened from, which Previous and Next walk. Deleted and unknown ids get the friendly not-found page, answered 404.
 * No loading.tsx beside it: its Suspense boundary lets Next send the page's head before the clip is read,
 * and a notFound() after that goes out as 200 (gallery-clip.spec.ts checks the 404).
 */
export default async function ClipPage({ params, searchParams }: Props) {
  const { me, g } = await loadClip((await params).id);
  if (!g) notFound();
  // The gallery view it was opened from travels in its URL as the gallery's own parameters.
  const search = await searchParams;
  const view = parseGalleryQuery((key) => {
    const value = search[key];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  });
  return (
    <>
      <ServerState>
        <StudioHeader me={me} />
      </ServerState>
      {/* Keyed by clip: a draft comment or a selection never follows Next to another clip. */}
      <ClipDetail key={g.id} initial={g} me={{ id: me.id, role: me.role }} view={view} />
    </>
  );
}
