import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ServerState } from "@/app/_lib/server-state";
import { SequenceWatch } from "@/components/sequence/sequence-watch";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";
import { AppError } from "@/lib/http/errors";
import { getSequence } from "@/lib/sequences/service";
import { getRuntime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

// Metadata and the page read the sequence once per request, after making sure a member is asking.
const load = cache(async (id: string) => {
  const me = toMe(await requireMember(`/sequences/${encodeURIComponent(id)}/watch`));
  const { db } = await getRuntime();
  try {
    return { me, sequence: await getSequence(db.prisma, id) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return { me, sequence: null };
    throw err;
  }
});

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { sequence } = await load((await params).id);
  return { title: sequence ? `${sequence.title} · Watch` : "Sequence not found" };
}

/** The sequence played end to end (chosen takes back to back), reviewed on its timeline, and exported. */
export default async function SequenceWatchPage({ params }: Props) {
  const { me, sequence } = await load((await params).id);
  if (!sequence) notFound();
  return (
    <>
      <ServerState>
        <StudioHeader me={me} />
      </ServerState>
      <SequenceWatch initial={sequence} role={me.role} />
    </>
  );
}
