import "server-only";
import { hasRole, type MemberActor, type MemberRole } from "@/lib/auth/actor";
import type { DbTx } from "@/lib/db/client";
import type { MeDTO } from "./dto";
import { initialsOf } from "./initials";
import { mayGrant } from "./invitations";
import { spendAllowance } from "./spend-caps";

// GET /api/me: who the caller is and what the studio lets them do, so a page shows only the controls
// that will work (the server checks each request anyway).

const GRANTABLE: MemberRole[] = ["reviewer", "editor", "admin", "owner"];

export async function describeMe(prisma: DbTx, actor: MemberActor): Promise<MeDTO> {
  const manageMembers = hasRole(actor, "admin");
  return {
    id: actor.id,
    name: actor.name,
    email: actor.email,
    role: actor.role,
    initials: initialsOf(actor.name),
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
