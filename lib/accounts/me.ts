import "server-only";
import { hasRole, type MemberActor, type MemberRole } from "@/lib/auth/actor";
import { toMe } from "@/lib/auth/me";
import type { DbTx } from "@/lib/db/client";
import type { MeDTO } from "./dto";
import { mayGrant } from "./invitations";
import { spendAllowance } from "./spend-caps";

// GET /api/me: who the caller is and what the studio lets them do, so a page shows only the controls
// that will work (the server checks each request anyway).

const GRANTABLE: MemberRole[] = ["reviewer", "editor", "admin", "owner"];

export async function describeMe(prisma: DbTx, actor: MemberActor): Promise<MeDTO> {
  const manageMembers = hasRole(actor, "admin");
  return {
    ...toMe(actor),
    via: actor.via,
    can: {
      review: hasRole(actor, "reviewer"),
      generate: hasRole(actor, "editor"),
      manageMembers,
      grantRoles: manageMembers ? GRANTABLE.filter((r) => mayGrant(actor, r)) : [],
      setSpendCaps: actor.role === "owner",
    },
    spend: await spendAllowance(prisma, actor.id),
  };
}
