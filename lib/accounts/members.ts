import "server-only";
import { type Actor, forbidden, hasRole, type MemberActor, type MemberRole, ROLES } from "@/lib/auth/actor";
import { actorsChanged } from "@/lib/auth/actor-cache";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { MemberDTO, MemberSummaryDTO } from "./dto";
import { initialsOf } from "./initials";
import { spentTodayByMember } from "./spend-caps";

// The team: who is in it, with which role, and the owner's brakes on spend. Admins run the team below
// the owner (reviewer, editor, admin); only an owner touches an owner or makes one. The studio always
// keeps one active owner: demoting or removing the last one is refused, atomically (a lock, then the
// count, then the write, in one transaction), so two owners demoting each other at once leave one.
// A role change applies on the member's next request: resolveActor reads the role every time.

export type { MemberDTO, MemberSummaryDTO };

/** pg_advisory_xact_lock key for "the team's roles are changing" (any stable bigint). */
const TEAM_LOCK_KEY = 7_242_120_102;

const rank = (role: MemberRole) => ROLES.indexOf(role);

/** Every account, active ones first, then by role (owner first) and name. */
export async function listMembers(prisma: DbTx, now = new Date()): Promise<MemberDTO[]> {
  const [users, spent] = await Promise.all([
    prisma.user.findMany({
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        createdAt: true,
        disabledAt: true,
        dailySpendCapUsd: true,
      },
    }),
    spentTodayByMember(prisma, now),
  ]);
  return users
    .map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      initials: initialsOf(u.name),
      createdAt: u.createdAt.toISOString(),
      disabled: u.disabledAt !== null,
      dailySpendCapUsd: u.dailySpendCapUsd,
      spentTodayUsd: spent.get(u.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        Number(a.disabled) - Number(b.disabled) ||
        rank(b.role) - rank(a.role) ||
        a.name.localeCompare(b.name, "en"),
    );
}

export function toSummary(m: MemberDTO): MemberSummaryDTO {
  return { id: m.id, name: m.name, initials: m.initials, role: m.role };
}

async function memberOrThrow(prisma: DbTx, id: string) {
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, name: true, role: true, disabledAt: true },
  });
  if (!user) throw new AppError("not_found", "No member has that id.", 404);
  return user;
}

/** An admin manages reviewers, editors and admins; only an owner touches an owner or makes one. */
function assertMayManage(actor: MemberActor, target: { role: MemberRole }, newRole?: MemberRole): void {
  if (!hasRole(actor, "admin")) throw forbidden("admin");
  if (actor.role === "owner") return;
  if (target.role === "owner") {
    throw new AppError("forbidden", "Changing or removing an owner needs the owner role.", 403);
  }
  if (newRole === "owner") {
    throw new AppError("forbidden", "Making someone an owner needs the owner role.", 403);
  }
}

/** Under the team lock: refuses when `target` is the only active owner. */
async function assertAnotherOwner(tx: DbTx, target: { id: string; name: string }): Promise<void> {
  const others = await tx.user.count({
    where: { role: "owner", disabledAt: null, id: { not: target.id } },
  });
  if (others === 0) {
    throw new AppError(
      "last_owner",
      `${target.name} is the studio's only owner: make someone else owner first.`,
      409,
    );
  }
}

async function lockTeam(tx: DbTx): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${TEAM_LOCK_KEY})`);
}

async function memberDTO(prisma: DbTx, id: string): Promise<MemberDTO> {
  const found = (await listMembers(prisma)).find((m) => m.id === id);
  if (!found) throw new AppError("not_found", "No member has that id.", 404);
  return found;
}

export async function changeRole(
  prisma: Db,
  actor: MemberActor,
  userId: string,
  role: MemberRole,
): Promise<MemberDTO> {
  await prisma.$transaction(async (tx) => {
    await lockTeam(tx);
    const target = await memberOrThrow(tx, userId);
    assertMayManage(actor, target, role);
    if (target.disabledAt) {
      throw new AppError(
        "member_removed",
        `${target.name} was removed from the team: restore them before changing their role.`,
        409,
      );
    }
    if (target.role === role) return;
    if (target.role === "owner") await assertAnotherOwner(tx, target);
    await tx.user.update({ where: { id: userId }, data: { role } });
  });
  actorsChanged(prisma);
  return memberDTO(prisma, userId);
}

/**
 * Takes a member off the team: they cannot sign in, their sessions and personal tokens end now, and
 * what they made keeps their name. Restorable (restoreMember); their tokens are not.
 */
export async function removeMember(prisma: Db, actor: MemberActor, userId: string): Promise<MemberDTO> {
  await prisma.$transaction(async (tx) => {
    await lockTeam(tx);
    const target = await memberOrThrow(tx, userId);
    assertMayManage(actor, target);
    if (target.id === actor.id) {
      throw new AppError(
        "remove_self",
        "You cannot remove yourself from the team: ask another admin or the owner.",
        409,
      );
    }
    if (target.disabledAt) return;
    if (target.role === "owner") await assertAnotherOwner(tx, target);
    await tx.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    await tx.session.deleteMany({ where: { userId } });
    await tx.apiToken.deleteMany({ where: { userId } });
  });
  actorsChanged(prisma);
  return memberDTO(prisma, userId);
}

/** Lets a removed member sign in again, with the role they had. */
export async function restoreMember(prisma: Db, actor: MemberActor, userId: string): Promise<MemberDTO> {
  await prisma.$transaction(async (tx) => {
    await lockTeam(tx);
    const target = await memberOrThrow(tx, userId);
    assertMayManage(actor, target);
    if (target.disabledAt) await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
  });
  actorsChanged(prisma);
  return memberDTO(prisma, userId);
}

/** Owner only: a member's daily spend cap in dollars (null: none of their own). */
export async function setMemberSpendCap(
  prisma: Db,
  actor: MemberActor,
  userId: string,
  capUsd: number | null,
): Promise<MemberDTO> {
  if (actor.role !== "owner") throw forbidden("owner");
  await memberOrThrow(prisma, userId);
  await prisma.user.update({ where: { id: userId }, data: { dailySpendCapUsd: capUsd } });
  return memberDTO(prisma, userId);
}

/** The actor as a member: routes and actions here are closed to share-link guests. */
export function asMember(actor: Actor): MemberActor {
  if (actor.kind !== "member") throw forbidden("reviewer");
  return actor;
}
