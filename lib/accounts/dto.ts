// What the members, account and me routes answer: types only, shared with the browser.
import type { MemberRole } from "@/lib/auth/actor";

export type { InvitationDTO } from "./invitations";
export type { ApiTokenDTO } from "./tokens";

export interface MemberDTO {
  id: string;
  name: string;
  email: string;
  role: MemberRole;
  initials: string;
  createdAt: string;
  /** Removed from the team (cannot sign in; keeps their name on what they made). */
  disabled: boolean;
  dailySpendCapUsd: number | null;
  spentTodayUsd: number;
}

/** What every member may know of the others (for mentions and avatars). */
export interface MemberSummaryDTO {
  id: string;
  name: string;
  initials: string;
  role: MemberRole;
}

export interface CapState {
  capUsd: number;
  spentUsd: number;
  leftUsd: number;
}

export interface SpendAllowance {
  /** The member's own cap; null when they have none. */
  member: CapState | null;
  /** The team's cap; null when there is none. */
  team: CapState | null;
}

export interface TeamSpendDTO {
  teamDailySpendCapUsd: number | null;
  spentTodayUsd: number;
  /** The start of the UTC day counted. */
  since: string;
}

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
