"use client";

import { queryOptions } from "@tanstack/react-query";
import type { ApiTokenDTO, InvitationDTO, MemberDTO, TeamSpendDTO } from "@/lib/accounts/dto";
import { getJson } from "./http";

// Reads for the members and account pages; their writes are server actions (app/(account)/actions.ts)
// that invalidate these keys.

export const memberKeys = {
  members: ["members"] as const,
  invitations: ["invitations"] as const,
  tokens: ["tokens"] as const,
  teamSpend: ["team-spend"] as const,
};

export interface MembersAdminView {
  items: MemberDTO[];
  removed: MemberDTO[];
}

/** The admin's view of the team (emails, caps, removed members). */
export const membersQueryOptions = queryOptions({
  queryKey: memberKeys.members,
  queryFn: ({ signal }) => getJson<MembersAdminView>("/api/members", signal),
});

export const invitationsQueryOptions = queryOptions({
  queryKey: memberKeys.invitations,
  queryFn: async ({ signal }) =>
    (await getJson<{ items: InvitationDTO[] }>("/api/invitations", signal)).items,
});

export const tokensQueryOptions = queryOptions({
  queryKey: memberKeys.tokens,
  queryFn: async ({ signal }) => (await getJson<{ items: ApiTokenDTO[] }>("/api/tokens", signal)).items,
});

export const teamSpendQueryOptions = queryOptions({
  queryKey: memberKeys.teamSpend,
  queryFn: ({ signal }) => getJson<TeamSpendDTO>("/api/settings/spend", signal),
});
