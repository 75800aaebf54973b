import "server-only";
import type { DbTx } from "@/lib/db/client";
import { initialsOf } from "./initials";

// The team's members as other features need to name them: the comment composer's `@` menu and the
// mentions a comment stores. The members admin has its own, fuller reads.

export interface MentionMemberDTO {
  id: string;
  name: string;
  /** One or two letters for an avatar. */
  initials: string;
}

/** Everyone who can be named with @: every member not removed from the team, by name. */
export async function listMentionMembers(db: DbTx): Promise<MentionMemberDTO[]> {
  const users = await db.user.findMany({
    where: { disabledAt: null },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return users.map((u) => ({ id: u.id, name: u.name, initials: initialsOf(u.name) }));
}
