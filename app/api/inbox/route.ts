import * as z from "zod/mini";
import { isMember } from "@/lib/auth/actor";
import { readJson } from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { listInbox, markRead } from "@/lib/inbox/service";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const memberOnly = (actor: { kind: string }) => {
  if (!isMember(actor as never)) throw new AppError("forbidden", "The inbox is for members.", 403);
};

/** The signed-in member's notices, newest first, and how many are unread. */
export const GET = apiRoute({ role: "reviewer" }, async (_request, { actor }) => {
  memberOnly(actor);
  const { db } = await getRuntime();
  return Response.json(await listInbox(db.prisma, actor.id), { headers: { "Cache-Control": "no-store" } });
});

const readSchema = z.strictObject({
  read: z.union([z.literal("all"), z.array(z.string().check(z.maxLength(64))).check(z.maxLength(200))], {
    error: 'read: must be "all" or a list of up to 200 notice ids',
  }),
});

/** `{ "read": ["<id>", ...] }` or `{ "read": "all" }`: marks the member's own notices read. */
export const POST = apiRoute({ role: "reviewer" }, async (request, { actor }) => {
  memberOnly(actor);
  const { read } = parseInput(readSchema, await readJson(request));
  const { db } = await getRuntime();
  return Response.json({ marked: await markRead(db.prisma, actor.id, read) });
});
