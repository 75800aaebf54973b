import "server-only";
import { initialsOf } from "@/lib/accounts/initials";
import type { MemberActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { publishChange } from "./change-bus";

// Presence on a clip's page: each open tab says "still here" every PRESENCE_HEARTBEAT_MS
// (lib/live/events.ts) and "gone" when it leaves; a tab not heard from for PRESENCE_STALE_MS is gone too
// (a closed laptop says nothing). Kept in the
// database, so every instance sees every viewer; a join or a leave is announced on the change bus
// (`presence`), and the pages showing that clip refetch who is there.

export const PRESENCE_STALE_MS = 40_000;
const TAB_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface Viewer {
  id: string;
  name: string;
  initials: string;
}

export function validTabId(tabId: unknown): tabId is string {
  return typeof tabId === "string" && TAB_ID.test(tabId);
}

/** Records that this tab has the clip open; announces it when the tab is new there. */
export async function heartbeat(prisma: Db, actor: MemberActor, generationId: string, tabId: string) {
  const rows = await prisma.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO "Presence" ("generationId", "tabId", "userId", "name", "lastSeenAt")
    VALUES (${generationId}, ${tabId}, ${actor.id}, ${actor.name}, now())
    ON CONFLICT ("generationId", "tabId") DO UPDATE SET "lastSeenAt" = now(), "name" = EXCLUDED."name"
    RETURNING (xmax = 0) AS "inserted"`;
  if (rows[0]?.inserted) publishChange(prisma, { kind: "presence", generationId });
}

export async function leave(prisma: Db, generationId: string, tabId: string) {
  const { count } = await prisma.presence.deleteMany({ where: { generationId, tabId } });
  if (count) publishChange(prisma, { kind: "presence", generationId });
}

/** Who has the clip open now, one entry per member, in the order they came. */
export async function viewers(prisma: Db, generationId: string): Promise<Viewer[]> {
  const since = new Date(Date.now() - PRESENCE_STALE_MS);
  const rows = await prisma.presence.findMany({
    where: { generationId, lastSeenAt: { gte: since } },
    orderBy: { lastSeenAt: "asc" },
  });
  const seen = new Map<string, Viewer>();
  for (const r of rows) {
    if (!seen.has(r.userId)) seen.set(r.userId, { id: r.userId, name: r.name, initials: initialsOf(r.name) });
  }
  // Now and then, rows of tabs long gone are cleared (the table holds only open pages).
  if (Math.random() < 0.05) {
    void prisma.presence
      .deleteMany({ where: { lastSeenAt: { lt: new Date(Date.now() - 10 * PRESENCE_STALE_MS) } } })
      .catch(() => {});
  }
  return [...seen.values()];
}
