import "server-only";
import { hasRole, type MemberActor, type MemberRole } from "@/lib/auth/actor";
import type { DbTx } from "@/lib/db/client";
import { initialsOf } from "./initials";
import { mayGrant } from "./invitations";
import { type SpendAllowance, spendAllowance } from "./spend-caps";

// GET /api/me: who the caller is and what the studio lets them do, so a page shows only the controls
// that will work (the server checks each request anyway).

export interface MeDTO {
  id: string;
  name: string;
  email: string;
  role: MemberRole;
  initials: string;
  /** How this request was signed in. */
  via: "session" | "token";
  can: {
    /** Comment, set review status and chosen take. */
    review: boolean;
    /** Upload, generate (spends money), edit characters, delete clips. */
    generate: boolean;
    /** Members and invitations. */
    manageMembers: boolean;
    /** The roles this member may give in an invitation or a role change. */
    grantRoles: MemberRole[];
    /** Daily spend caps, per member and for the team. */
    setSpendCaps: boolean;
  };
  /** The caps that apply to this member today (null: none). */
  spend: SpendAllowance;
}

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
