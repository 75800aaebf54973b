import "server-only";
import type { Db } from "@/lib/db/client";

// Interim, until accounts land (issue 15): the open studio's one actor (lib/auth/session.ts's token
// holder, id "studio") has no account, and clips, characters and review events record their maker's user
// id under a foreign key. This gives that actor a User row so what it does is signed like a member's.
// Remove it, and its call in lib/server/runtime.ts, together with the interim actor.
export const INTERIM_USER = { id: "studio", name: "Studio", email: "studio@studio.invalid" } as const;

export async function ensureInterimUser(prisma: Db): Promise<void> {
  // ON CONFLICT DO NOTHING: instances starting together on one PostgreSQL do not trip over each other.
  await prisma.user.createMany({ data: [{ ...INTERIM_USER, role: "owner" }], skipDuplicates: true });
}
