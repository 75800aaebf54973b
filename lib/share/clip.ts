import "server-only";
import { AppError } from "@/lib/http/errors";
import type { ReadyGuest } from "./guest";

/** The clip when the guest's link covers it; otherwise 404, exactly as for a clip that does not exist. */
export async function sharedClip(guest: ReadyGuest, id: string) {
  const row = await guest.scope.clip(id);
  if (!row) throw new AppError("not_found", "This review link does not include that clip.", 404);
  return row;
}

/** The sequence when the guest's link lets them watch it; otherwise 404, as for one that does not exist. */
export async function sharedSequence(guest: ReadyGuest, id: string) {
  const sequence = await guest.scope.sequence(id);
  if (!sequence) throw new AppError("not_found", "This review link does not include that sequence.", 404);
  return sequence;
}
