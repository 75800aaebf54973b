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
    <>
      <ServerState>
        <StudioHeader me={me} />
      </ServerState>
      <LibraryView canEdit={me.role !== "reviewer"} />
    </>
  );
}
