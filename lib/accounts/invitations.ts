import "server-only";
import { randomUUID } from "node:crypto";
import type { MemberActor, MemberRole } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { hashSecret, looksLikeSecret, newSecret } from "./secrets";

// Once the owner exists, accounts come only from invitations: a link with a role and an expiry that one
// person uses to make their account. Admins and the owner invite; only the owner invites owners. The link's
// secret is shown once (and mailed when SMTP is set); the table keeps its hash.

export const INVITE_PREFIX = "inv";
export const INVITE_DAYS_DEFAULT = 7;
export const INVITE_DAYS_MAX = 30;

export interface InvitationDTO {
  id: string;
  role: MemberRole;
  email: string | null;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  status: "pending" | "accepted" | "revoked" | "expired";
}

/** Who may give a role: an admin gives up to admin, the owner any. */
export function mayGrant(actor: MemberActor, role: MemberRole): boolean {
  if (actor.role === "owner") return true;
  return actor.role === "admin" && role !== "owner";
}

export async function createInvitation(
  prisma: Db,
  actor: MemberActor,
  input: { role: MemberRole; email?: string | null; days?: number },
): Promise<{ token: string; invitation: InvitationDTO }> {
  if (!mayGrant(actor, input.role)) {
    throw new AppError("forbidden", `Only the owner can invite someone as ${input.role}.`, 403);
  }
  const days = input.days ?? INVITE_DAYS_DEFAULT;
  const token = newSecret(INVITE_PREFIX);
  const row = await prisma.invitation.create({
    data: {
      id: randomUUID(),
      tokenHash: hashSecret(token),
      role: input.role,
      email: input.email?.trim().toLowerCase() || null,
      invitedById: actor.id,
      expiresAt: new Date(Date.now() + days * 86_400_000),
    },
    include: { invitedBy: { select: { name: true } } },
  });
  return { token, invitation: toInvitationDTO(row) };
}

export async function listInvitations(prisma: Db): Promise<InvitationDTO[]> {
  const rows = await prisma.invitation.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { invitedBy: { select: { name: true } } },
  });
  return rows.map(toInvitationDTO);
}

export async function revokeInvitation(prisma: Db, id: string): Promise<void> {
  const { count } = await prisma.invitation.updateMany({
    where: { id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (!count) throw new AppError("not_found", "No pending invitation has that id.", 404);
}

/** What the invitation page shows before the account is made; null when the link cannot be used. */
export async function peekInvitation(prisma: Db, token: string) {
  if (!looksLikeSecret(INVITE_PREFIX, token)) return null;
  const row = await prisma.invitation.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { invitedBy: { select: { name: true } } },
  });
  if (!row) return null;
  const dto = toInvitationDTO(row);
  return dto.status === "pending" ? dto : { ...dto, unusable: true as const };
}

/**
 * Uses an invitation for a sign-up, once: the role it grants, or an error that says why not. Atomic, so
 * two sign-ups with one link cannot both succeed.
 */
export async function consumeInvitation(
  prisma: Db,
  token: string,
): Promise<{ id: string; role: MemberRole }> {
  const hash = looksLikeSecret(INVITE_PREFIX, token) ? hashSecret(token) : "";
  const rows = await prisma.$queryRaw<{ id: string; role: MemberRole }[]>`
    UPDATE "Invitation" SET "acceptedAt" = now()
    WHERE "tokenHash" = ${hash} AND "acceptedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()
    RETURNING "id", "role"::text AS "role"`;
  if (rows[0]) return rows[0];
  const row = hash ? await prisma.invitation.findUnique({ where: { tokenHash: hash } }) : null;
  const why = !row
    ? "This invitation link is not valid: check that it was copied whole, or ask for a new one."
    : row.revokedAt
      ? "This invitation was revoked: ask an admin for a new one."
      : row.acceptedAt
        ? "This invitation was already used: sign in instead, or ask for a new one."
        : "This invitation has expired: ask an admin for a new one.";
  throw new AppError("invitation_unusable", why, 403);
}

export async function markInvitationAccepted(prisma: Db, id: string, userId: string): Promise<void> {
  await prisma.invitation.update({ where: { id }, data: { acceptedById: userId } });
}

function toInvitationDTO(row: {
  id: string;
  role: MemberRole;
  email: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  invitedBy: { name: string } | null;
}): InvitationDTO {
  const status = row.acceptedAt
    ? "accepted"
    : row.revokedAt
      ? "revoked"
      : row.expiresAt.getTime() <= Date.now()
        ? "expired"
        : "pending";
  return {
    id: row.id,
    role: row.role,
    email: row.email,
    invitedBy: row.invitedBy?.name ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    status,
  };
}
