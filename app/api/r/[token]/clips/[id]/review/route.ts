import { readJson } from "@/lib/http/body";
import { sharedClip } from "@/lib/share/clip";
import { guestSetReviewStatus } from "@/lib/share/review-adapter";
import { guestJson, guestRoute } from "@/lib/share/route";
import { guestReviewSchema } from "@/lib/share/schema";
import { toGuestClip } from "@/lib/share/view";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `{ reviewStatus }`: approve, request changes, or back to pending (the link must allow reviewing). */
export const POST = guestRoute<{ token: string; id: string }>(
  { permission: "review", bucket: "write" },
  async (request, { guest, params }) => {
    const { reviewStatus } = parseInput(guestReviewSchema, await readJson(request, 4 * 1024));
    const row = await sharedClip(guest, params.id);
    const updated = await guestSetReviewStatus(guest.rt.db.prisma, guest.actor, row.id, reviewStatus);
    return guestJson({ clip: toGuestClip(updated, params.token) });
  },
);
