import { readJson } from "@/lib/http/body";
import { sharedClip } from "@/lib/share/clip";
import { guestAddComment, guestListComments } from "@/lib/share/review-adapter";
import { guestJson, guestRoute } from "@/lib/share/route";
import { guestCommentSchema } from "@/lib/share/schema";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { token: string; id: string };

/** The clip's comments, in time order; the guest's own are marked `mine`. */
export const GET = guestRoute<Params>({}, async (_request, { guest, params }) => {
  const row = await sharedClip(guest, params.id);
  return guestJson({ items: await guestListComments(guest.rt.db.prisma, guest.actor, row.id) });
});

/** `{ atSec, body }`: a comment signed with the guest's name (the link must allow comments). */
export const POST = guestRoute<Params>(
  { permission: "comment", bucket: "write" },
  async (request, { guest, params }) => {
    const input = parseInput(guestCommentSchema, await readJson(request, 16 * 1024));
    const row = await sharedClip(guest, params.id);
    const comment = await guestAddComment(guest.rt.db.prisma, guest.actor, row.id, input);
    return guestJson({ comment }, { status: 201 });
  },
);
