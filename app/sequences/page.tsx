import type { Metadata } from "next";
import { cookies } from "next/headers";
import { ServerState } from "@/app/_lib/server-state";
import { SequencesView } from "@/components/storyboard/sequences-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";
import { ALL_PROJECTS, PROJECT_COOKIE } from "@/lib/projects/current";

export const metadata: Metadata = { title: "Storyboards" };

export const dynamic = "force-dynamic";

export default async function SequencesPage({
  searchParams,
}: {
  searchParams: Promise<{ project?: string | string[] }>;
}) {
  const me = toMe(await requireMember("/sequences"));
  const [params, jar] = await Promise.all([searchParams, cookies()]);
  const asked = typeof params.project === "string" ? params.project : undefined;
  // ?project= first (a link names it), then the switcher's choice; without either the view takes the
  // oldest project once GET /api/projects answers ("All projects" too: a storyboard is in one project).
  const chosen = jar.get(PROJECT_COOKIE)?.value;
  const preferred = asked ?? (chosen === ALL_PROJECTS ? undefined : chosen);
  return (
    // The view inside too: it reads the projects the state holds (an async sibling would render on the
    // server before the state is in the cache, and hydration would disagree).
    <ServerState>
      <StudioHeader me={me} />
      <SequencesView preferredProjectId={preferred ?? null} canEdit={me.role !== "reviewer"} />
    </ServerState>
  );
}
