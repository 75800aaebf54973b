import { sharedSequence } from "@/lib/share/clip";
import { guestJson, guestRoute } from "@/lib/share/route";
import { toGuestSequence } from "@/lib/share/view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { token: string; id: string };

/** A sequence the link lets the guest watch: its shots in order, each with its chosen take. */
export const GET = guestRoute<Params>({}, async (_request, { guest, params }) => {
  const sequence = await sharedSequence(guest, params.id);
  return guestJson({ sequence: toGuestSequence(sequence, params.token) });
});
