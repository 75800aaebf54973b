import { readJson } from "@/lib/http/body";
import { sharedSequence } from "@/lib/share/clip";
import { guestAddSequenceComment, guestSequenceComments } from "@/lib/share/review-adapter";
import { guestJson, guestRoute } from "@/lib/share/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { token: string; id: string };

/** The comments on the sequence's chosen takes, on the sequence's clock; the guest's own marked `mine`. */
export const GET = guestRoute<Params>({}, async (_request, { guest, params }) => {
  const sequence = await sharedSequence(guest, params.id);
  return guestJson({ items: await guestSequenceComments(guest.rt.db.prisma, guest.actor, sequence) });
});

/**
 * `{ atSec, body }` on the sequence's clock: a comment on the chosen take playing then, at that moment
 * inside it, signed with the guest's name (the link must allow comments).
 */
export const POST = guestRoute<Params>(
  { permission: "comment", bucket: "write" },
  async (request, { guest, params }) => {
    const body = await readJson(request, 16 * 1024);
    const sequence = await sharedSequence(guest, params.id);
    const comment = await guestAddSequenceComment(guest.rt.db.prisma, guest.actor, sequence, body);
    return guestJson({ comment }, { status: 201 });
  },
);
