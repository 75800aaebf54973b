import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { readJson } from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";
import { parseInput, refuseNul } from "@/lib/validation/parse";
import { addComment, listComments } from "./comments";
import { postCommentSchema } from "./schema";

// The bodies of app/api/generations/[id]/comments, given the actor the request resolved to: the route
// file only checks the origin and resolves and checks the caller, so one auth helper can wrap it.

/** A drawing of 20 freehand lines of 500 points fits in about 150 KB of JSON. */
const COMMENT_BODY_LIMIT = 256 * 1024;

/** GET: the clip's comments in time order, with `mine` and `canDelete` for the caller. */
export async function getComments(
  _request: Request,
  actor: Actor,
  params: { id: string },
): Promise<Response> {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json(
    { items: await listComments(db.prisma, params.id, actor) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/** POST: `{ body, atSec, endSec?, parentId?, drawing? }` -> 201 `{ comment }`, signed by `actor`. */
export async function postComment(request: Request, actor: Actor, params: { id: string }): Promise<Response> {
  refuseNul("id", params.id);
  const raw = await readJson(request, COMMENT_BODY_LIMIT);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new AppError(
      "invalid_body",
      "The request body must be a JSON object: { body, atSec, endSec?, parentId?, drawing? }.",
      400,
    );
  }
  // The clip is the one in the path; the body may not name another.
  const input = parseInput(postCommentSchema, raw);
  const { db } = await getRuntime();
  const comment = await addComment(db.prisma, actor, { ...input, generationId: params.id });
  return Response.json({ comment }, { status: 201 });
}
