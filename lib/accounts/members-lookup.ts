import "server-only";
import type { DbTx } from "@/lib/db/client";

// The team's members as other features need to name them: the comment composer's `@` menu and the
// mentions a comment stores. The members admin has its own, fuller reads.

export interface MentionMemberDTO {
  id: string;
  name: string;
  /** One or two letters for an avatar. */
  initials: string;
}

/** "Ada Lovelace" -> "AL", "mara" -> "M"; letters, not UTF-16 halves. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (w: string | undefined) => (w ? (Array.from(w)[0] ?? "") : "");
  const letters = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return letters.toUpperCase() || "?";
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
