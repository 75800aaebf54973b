import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/http/errors";
import { REVIEW_STATUSES, type ReviewStatus } from "@/lib/review/schema";
import { ID_PATTERN } from "@/lib/validation/fields";
import { refuseNul } from "@/lib/validation/parse";
import { GALLERY_FILTERS, type GalleryFilter } from "./dto";
import { decodeCursor, type ListOptions } from "./repo";

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 100;

/**
 * `GET /api/generations` parameters (what lib/client/queries.ts galleryParams writes) as list options.
 * The server-rendered first page of the gallery reads the same parameters the same way. Throws an
 * AppError naming the parameter that is wrong. `creator=me` means the actor asking.
 */
export function parseListParams(params: URLSearchParams, actor: Actor): ListOptions {
  // ?q=, ?asset= and ?character= reach the database as text, which cannot hold a NUL.
  for (const [name, value] of params) refuseNul(name, value);
  const limitParam = params.get("limit");
  const limit = limitParam === null ? DEFAULT_LIST_LIMIT : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new AppError("invalid_limit", `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}.`, 400);
  }
  const cursorParam = params.get("cursor");
  const cursor = cursorParam ? decodeCursor(cursorParam) : undefined;
  if (cursor === null) throw new AppError("invalid_cursor", "cursor is not one this API returned.", 400);
  const filter = (params.get("status") ?? "all") as GalleryFilter;
  if (!GALLERY_FILTERS.includes(filter)) {
    throw new AppError("invalid_status", `status must be one of ${GALLERY_FILTERS.join(", ")}.`, 400);
  }
  const review = params.get("review") ?? undefined;
  if (review !== undefined && !REVIEW_STATUSES.includes(review as ReviewStatus)) {
    throw new AppError("invalid_review", `review must be one of ${REVIEW_STATUSES.join(", ")}.`, 400);
  }
  const creator = params.get("creator") ?? undefined;
  if (creator !== undefined && creator !== "me" && !ID_PATTERN.test(creator)) {
    throw new AppError("invalid_creator", "creator must be me or a member's user id.", 400, {
      creator: "me, or a user id",
    });
  }
  const draftOf = params.get("draftOf") ?? undefined;
  if (draftOf !== undefined && !ID_PATTERN.test(draftOf)) {
    throw new AppError("invalid_draft_of", "draftOf must be a clip id.", 400, { draftOf: "a clip id" });
  }
  const takeGroup = params.get("takeGroup") ?? undefined;
  if (takeGroup !== undefined && !ID_PATTERN.test(takeGroup)) {
    throw new AppError("invalid_take_group", "takeGroup must be a take group id.", 400, {
      takeGroup: "a take group id",
    });
  }
  const ids: Record<string, string | undefined> = {};
  for (const [name, what] of [
    ["project", "a project id"],
    ["shot", "a shot id"],
  ] as const) {
    const value = params.get(name) ?? undefined;
    if (value !== undefined && !ID_PATTERN.test(value)) {
      throw new AppError(`invalid_${name}`, `${name} must be ${what}.`, 400, { [name]: what });
    }
    ids[name] = value;
  }
  return {
    cursor,
    limit,
    filter,
    q: params.get("q")?.trim().slice(0, 200) || undefined,
    review: review as ReviewStatus | undefined,
    favorite: params.get("favorite") === "true",
    chosenOnly: params.get("takes") === "chosen",
    assetId: params.get("asset") ?? undefined,
    characterId: params.get("character") ?? undefined,
    // A guest makes no clips: its own id matches none, so "mine" is empty for it.
    createdById: creator === "me" ? actor.id : creator,
    draftOfId: draftOf,
    takeGroupId: takeGroup,
    projectId: ids.project,
    shotId: ids.shot,
  };
}
