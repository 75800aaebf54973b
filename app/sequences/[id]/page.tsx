import type { Metadata } from "next";
import { ServerState } from "@/app/_lib/server-state";
import { StoryboardView } from "@/components/storyboard/storyboard-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Storyboard" };

export const dynamic = "force-dynamic";

export default async function StoryboardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = toMe(await requireMember(`/sequences/${encodeURIComponent(id)}`));
  return (
    <>
      <ServerState>
        <StudioHeader me={me} />
      </ServerState>
      <StoryboardView id={id} canEdit={me.role !== "reviewer"} />
    </>
  );
}
