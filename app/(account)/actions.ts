"use server";

import { revokeInvitation } from "@/lib/accounts/invitations";
import { inviteMember, studioOrigin } from "@/lib/accounts/invite";
import { asMember, changeRole, removeMember, restoreMember, setMemberSpendCap } from "@/lib/accounts/members";
import {
  invitationId,
  invitationSchema,
  memberId,
  roleSchema,
  spendCapSchema,
  tokenId,
  tokenSchema,
} from "@/lib/accounts/schema";
import { setTeamSpendCap } from "@/lib/accounts/spend-caps";
import { createApiToken, revokeApiToken } from "@/lib/accounts/tokens";
import { serverAction } from "@/lib/http/server-action";
import { getRuntime } from "@/lib/server/runtime";

// The members and account pages' writes, each through serverAction (role checked, arguments parsed);
// the same services answer the routes under /api/members, /api/invitations, /api/tokens and
// /api/settings/spend. Who acts always comes from ctx.actor.

const prisma = async () => (await getRuntime()).db.prisma;

export const changeRoleAction = serverAction(
  { role: "admin", args: [memberId, roleSchema] },
  async ({ actor }, id, role) => ({ member: await changeRole(await prisma(), asMember(actor), id, role) }),
);

/** Owner only; null removes the member's cap. */
export const setMemberSpendCapAction = serverAction(
  { role: "owner", args: [memberId, spendCapSchema("dailySpendCapUsd")] },
  async ({ actor }, id, cap) => ({
    member: await setMemberSpendCap(await prisma(), asMember(actor), id, cap),
  }),
);

export const removeMemberAction = serverAction(
  { role: "admin", args: [memberId] },
  async ({ actor }, id) => ({
    member: await removeMember(await prisma(), asMember(actor), id),
  }),
);

export const restoreMemberAction = serverAction(
  { role: "admin", args: [memberId] },
  async ({ actor }, id) => ({ member: await restoreMember(await prisma(), asMember(actor), id) }),
);

/** The link comes back once (and is mailed when SMTP is set and an email was given). */
export const createInvitationAction = serverAction(
  { role: "admin", args: [invitationSchema] },
  async ({ actor, headers }, input) =>
    inviteMember(await prisma(), asMember(actor), input, studioOrigin(await headers())),
);

export const revokeInvitationAction = serverAction(
  { role: "admin", args: [invitationId] },
  async (_ctx, id) => {
    await revokeInvitation(await prisma(), id);
    return {};
  },
);

/** A personal API token for the caller; the secret comes back only now. */
export const createTokenAction = serverAction(
  { role: "reviewer", args: [tokenSchema] },
  async ({ actor }, { name }) => createApiToken(await prisma(), asMember(actor).id, name),
);

export const revokeTokenAction = serverAction(
  { role: "reviewer", args: [tokenId] },
  async ({ actor }, id) => {
    await revokeApiToken(await prisma(), asMember(actor).id, id);
    return {};
  },
);

export const setTeamSpendCapAction = serverAction(
  { role: "owner", args: [spendCapSchema("teamDailySpendCapUsd")] },
  async ({ actor }, cap) => ({ spend: await setTeamSpendCap(await prisma(), asMember(actor), cap) }),
);
