import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/client";
import { publishChange } from "@/lib/live/change-bus";
import { queueMail } from "@/lib/mail/send";
import { mentionMail } from "@/lib/mail/templates";
import type { NotificationDTO } from "./dto";

export type { NotificationDTO };

// A member's inbox: a notice when someone @mentions them in a comment (more kinds can follow). The
// header shows the unread count, refreshed live (`inbox` changes carry no ids: every open studio refetches
// its own count, one cheap indexed read); with SMTP set, the mention is mailed too.

export const INBOX_PAGE = 50;
const EXCERPT_CHARS = 160;

export interface MentionNotice {
  generationId: string;
  commentId: string;
  atSec: number;
  body: string;
  /** The clip's prompt, for the mail. */
  prompt: string;
  mentionedUserIds: string[];
  actor: Actor;
  /** The studio's address, for links in mail; mail is skipped without it. */
  origin?: string;
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * Puts a mention notice in each mentioned member's inbox (never the author's own), in the comment's
 * transaction. Returns the members noticed; announceMentions tells them once the comment is committed.
 */
export async function recordMentions(tx: DbTx, notice: MentionNotice): Promise<string[]> {
  const targets = [...new Set(notice.mentionedUserIds)].filter((id) => id !== notice.actor.id);
  if (targets.length === 0) return [];
  const users = await tx.user.findMany({
    where: { id: { in: targets }, disabledAt: null },
    select: { id: true },
  });
  if (users.length === 0) return [];
  await tx.notification.createMany({
    data: users.map((u) => ({
      id: randomUUID(),
      userId: u.id,
      kind: "mention",
      generationId: notice.generationId,
      commentId: notice.commentId,
      actorName: actorLabel(notice.actor),
      excerpt: oneLine(notice.body, EXCERPT_CHARS),
      atSec: notice.atSec,
    })),
  });
  return users.map((u) => u.id);
}

/**
 * After the comment is committed: the inboxes refresh, and with SMTP and the studio's public address
 * set (links in mail need it), each noticed member gets a mail.
 */
export async function announceMentions(prisma: Db, notice: MentionNotice, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  publishChange(prisma, { kind: "inbox" });
  if (!notice.origin) return;
  const users = await prisma.user.findMany({
    where: { id: { in: userIds } },
    select: { name: true, email: true },
  });
  const clipUrl = `${notice.origin}/clips/${encodeURIComponent(notice.generationId)}`;
  for (const u of users) {
    queueMail({
      to: { name: u.name, address: u.email },
      ...mentionMail({
        mentionerName: actorLabel(notice.actor),
        prompt: notice.prompt,
        comment: notice.body,
        clipUrl,
        atSec: notice.atSec,
      }),
    });
  }
}

/** Both at once, outside a comment's transaction (scripts, tests). */
export async function notifyMentions(prisma: Db, notice: MentionNotice): Promise<number> {
  const users = await recordMentions(prisma, notice);
  await announceMentions(prisma, notice, users);
  return users.length;
}

const actorLabel = (actor: Actor) => (actor.kind === "guest" ? `${actor.name} (guest)` : actor.name);

export async function listInbox(
  prisma: Db,
  userId: string,
): Promise<{ items: NotificationDTO[]; unread: number }> {
  const [rows, unread] = await Promise.all([
    prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: INBOX_PAGE }),
    unreadCount(prisma, userId),
  ]);
  return {
    unread,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      generationId: r.generationId,
      commentId: r.commentId,
      actorName: r.actorName,
      excerpt: r.excerpt,
      atSec: r.atSec,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
  };
}

export function unreadCount(prisma: Db, userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/** Marks the member's own notices read: these ids, or all of them. */
export async function markRead(prisma: Db, userId: string, ids: string[] | "all"): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  if (count) publishChange(prisma, { kind: "inbox" });
  return count;
}
