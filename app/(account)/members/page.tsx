import type { Metadata } from "next";
import { ServerState } from "@/app/_lib/server-state";
import { MembersView } from "@/components/members/members-view";
import { StudioHeader } from "@/components/studio/studio-header";
import { listInvitations } from "@/lib/accounts/invitations";
import { describeMe } from "@/lib/accounts/me";
import { listMembers } from "@/lib/accounts/members";
import { teamSpend } from "@/lib/accounts/spend-caps";
import { toMe } from "@/lib/auth/me";
import { requireMember } from "@/lib/auth/page";
import { getRuntime } from "@/lib/server/runtime";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

/** Admins and the owner: the team, roles, removal, invitations; the owner also sets spend caps. */
export default async function MembersPage() {
  const actor = await requireMember("/members", "admin");
  const { db } = await getRuntime();
  const [me, members, invitations, spend] = await Promise.all([
    describeMe(db.prisma, actor),
    listMembers(db.prisma),
    listInvitations(db.prisma),
    actor.role === "owner" ? teamSpend(db.prisma) : null,
  ]);
  return (
    <>
      <ServerState>
        <StudioHeader me={toMe(actor)} />
      </ServerState>
      <MembersView
        viewer={{ id: me.id, role: me.role, grantRoles: me.can.grantRoles }}
        initial={{
          members: {
            items: members.filter((m) => !m.disabled),
            removed: members.filter((m) => m.disabled),
          },
          invitations,
          teamSpend: spend,
        }}
      />
    </>
  );
}
