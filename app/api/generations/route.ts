import { GALLERY_FILTERS, type GalleryFilter } from "@/lib/generations/dto";
import { decodeCursor, listGenerations } from "@/lib/generations/repo";
import { createGeneration } from "@/lib/generations/service";
import { readJson } from "@/lib/http/body";
import { AppError, errorResponse } from "@/lib/http/errors";
import { REVIEW_STATUSES, type ReviewStatus } from "@/lib/review/schema";
import { generationDeps, getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

export async function GET(request: Request) {
  const started = performance.now();
  try {
    const url = new URL(request.url);
    const limitParam = url.searchParams.get("limit");
    const limit = limitParam === null ? DEFAULT_LIMIT : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new AppError("invalid_limit", `limit must be a whole number from 1 to ${MAX_LIMIT}.`, 400);
    }
    const cursorParam = url.searchParams.get("cursor");
    const cursor = cursorParam ? decodeCursor(cursorParam) : undefined;
    if (cursor === null) throw new AppError("invalid_cursor", "cursor is not one this API returned.", 400);
    const filter = (url.searchParams.get("status") ?? "all") as GalleryFilter;
    if (!GALLERY_FILTERS.includes(filter)) {
      throw new AppError("invalid_status", `status must be one of ${GALLERY_FILTERS.join(", ")}.`, 400);
    }
    const q = url.searchParams.get("q")?.trim().slice(0, 200) || undefined;
    const review = url.searchParams.get("review") ?? undefined;
    if (review !== undefined && !REVIEW_STATUSES.includes(review as ReviewStatus)) {
      throw new AppError("invalid_review", `review must be one of ${REVIEW_STATUSES.join(", ")}.`, 400);
    }
    const { db } = await getRuntime();
    const queryStarted = performance.now();
    const page = await listGenerations(db.prisma, {
      cursor,
      limit,
      filter,
      q,
      review: review as ReviewStatus | undefined,
      favorite: url.searchParams.get("favorite") === "true",
      chosenOnly: url.searchParams.get("takes") === "chosen",
      assetId: url.searchParams.get("asset") ?? undefined,
      characterId: url.searchParams.get("character") ?? undefined,
    });
    const queryMs = performance.now() - queryStarted;
    const body = JSON.stringify(page);
    // The route's own time (query, mapping, encoding), for load runs and anyone reading the network tab.
    const timing = `db;dur=${queryMs.toFixed(1)}, total;dur=${(performance.now() - started).toFixed(1)}`;
    return new Response(body, {
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "Server-Timing": timing },
    });
  } catch (err) {
    return errorResponse(err);
  }
}

/** For scripts: the same schema and code path as the studio's Generate button. */
export async function POST(request: Request) {
  try {
    const body = await readJson(request);
    const rt = await getRuntime();
    const { generation, generations } = await createGeneration(generationDeps(rt), body);
    return Response.json({ generation, generations }, { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
