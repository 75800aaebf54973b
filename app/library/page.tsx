import type { Metadata } from "next";
import { ServerState } from "@/app/_lib/server-state";
import { LibraryView } from "@/components/library/library-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Character library" };

export const dynamic = "force-dynamic";

export default async function LibraryPage() {
  const me = toMe(await requireMember("/library"));
  return (
    // The view inside too: it is scoped to the current project, which the state holds (an async sibling
    // would render on the server before the state is in the cache, and hydration would disagree).
    <ServerState>
      <StudioHeader me={me} />
      <LibraryView canEdit={me.role !== "reviewer"} />
    </ServerState>
  );
}
