import "server-only";
import type { DbTx } from "@/lib/db/client";

/**
 * Gives comments that no account wrote to the owner: those made before the studio had accounts (names
 * typed into a browser, or the interim token holder's), which the owner's setup claims. Guests'
 * comments stay theirs. The comments keep the name they were posted under. Returns how many changed.
 * Run it once, in the transaction that creates the owner.
 */
export async function attributeOrphanComments(tx: DbTx, ownerId: string): Promise<number> {
  const { count } = await tx.comment.updateMany({
    where: { authorUserId: null, guestName: null },
    data: { authorUserId: ownerId, authorActorId: ownerId },
  });
  return count;
}
