import type { Metadata } from "next";
import { cookies } from "next/headers";
import { ServerState } from "@/app/_lib/server-state";
import { SequencesView } from "@/components/storyboard/sequences-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Storyboards" };

export const dynamic = "force-dynamic";

/** The header's project switcher keeps the current project in this cookie (read only here). */
const PROJECT_COOKIE = "omni-project";

export default async function SequencesPage({
  searchParams,
}: {
  searchParams: Promise<{ project?: string | string[] }>;
}) {
  const me = toMe(await requireMember("/sequences"));
  const [params, jar] = await Promise.all([searchParams, cookies()]);
  const asked = typeof params.project === "string" ? params.project : undefined;
  // ?project= first (a link names it), then the switcher's choice; without either the view takes the
  // oldest project once GET /api/projects answers.
  const preferred = asked ?? jar.get(PROJECT_COOKIE)?.value;
  return (
    <>
      <ServerState>
        <StudioHeader me={me} />
      </ServerState>
      <SequencesView preferredProjectId={preferred ?? null} canEdit={me.role !== "reviewer"} />
    </>
  );
}
