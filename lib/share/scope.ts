import "server-only";
import type { GuestActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { GenerationDTO } from "@/lib/generations/dto";
import { parseListParams } from "@/lib/generations/list-params";
import {
  findVisibleGeneration,
  type GenerationRow,
  type ListOptions,
  listGenerations,
  toGenerationDTO,
} from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import type { SequenceDTO, SequenceSummaryDTO } from "@/lib/sequences/dto";
import type { ShareKind } from "./limits";
import { projectScope, sequenceScope } from "./scope-episode";

// What a share link covers, and nothing else: one clip, the takes of one group, the clips a saved gallery
// view finds (the same filters as the gallery, read when the guest looks, so a clip that stops matching
// the view drops out of it), a project (its clips and sequences) or a sequence (its shots' chosen takes,
// as they are chosen when the guest looks: ./scope-episode.ts). Deleted clips are never covered.

/** A gallery view's parameters, in the order they are stored. */
export const VIEW_PARAMS = [
  "project",
  "status",
  "q",
  "review",
  "favorite",
  "takes",
  "asset",
  "character",
  "creator",
];
/** How many clips of a gallery view a guest's page asks for at a time. */
export const VIEW_PAGE_SIZE = 24;

/**
 * A gallery view's query string in its stored form: known parameters only, in a fixed order, checked
 * the way GET /api/generations checks them. `creator=me` is pinned to the member sharing it (a guest is no
 * one's "me"). Throws an AppError naming `target` and the parameter that is wrong.
 */
export function normalizeViewQuery(raw: string, sharerId: string): string {
  const params = new URLSearchParams(raw.trim().replace(/^\?/, ""));
  const unknown = [...params.keys()].filter((k) => !VIEW_PARAMS.includes(k));
  if (unknown.length > 0) {
    throw new AppError(
      "invalid_target",
      `target: a gallery view may use ${VIEW_PARAMS.join(", ")}; not ${[...new Set(unknown)].join(", ")}.`,
      422,
      { target: `unknown parameter ${unknown[0]}` },
    );
  }
  const out = new URLSearchParams();
  for (const name of VIEW_PARAMS) {
    const value = params.get(name);
    if (value === null || value === "") continue;
    out.set(name, name === "creator" && value === "me" ? sharerId : value);
  }
  try {
    const options = viewOptions(out.toString());
    // A filter the gallery's parser does not read would widen the view to clips the sharer never meant.
    if (out.has("creator") && (options as { createdById?: string }).createdById === undefined) {
      throw new AppError("invalid_target", "creator is not a filter this studio's gallery knows.", 422);
    }
  } catch (err) {
    if (err instanceof AppError) {
      throw new AppError("invalid_target", `target: ${err.message}`, 422, { target: err.message });
    }
    throw err;
  }
  return out.toString();
}

/**
 * A stored view as list options (the gallery's own parser, lib/generations/list-params.ts). A stored view
 * never says `creator=me` (normalizeViewQuery pinned it), so no actor is needed to read it.
 */
function viewOptions(query: string, cursor?: string): ListOptions {
  const params = new URLSearchParams(query);
  params.set("limit", String(VIEW_PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  return parseListParams(params, VIEW_READER);
}

/** Who reads a stored view: nobody in particular (a view never says `creator=me`). */
const VIEW_READER: GuestActor = {
  kind: "guest",
  id: "guest:view",
  role: "guest",
  name: "",
  via: "share-link",
  linkId: "",
  permissions: [],
};

export interface ShareScope {
  /** A page of what the link shares: everything for a clip or a take group, a page of a gallery view. */
  clips(cursor?: string): Promise<{ clips: GenerationDTO[]; nextCursor: string | null }>;
  /** The clip when the link covers it, else null (the caller answers 404, as for a clip that does not exist). */
  clip(id: string): Promise<GenerationRow | null>;
  /** Whether a stored file belongs to a clip the link covers: its video, its poster, a reference's thumbnail. */
  hasMedia(key: string): Promise<boolean>;
  /** The sequences the link lets a guest watch: a sequence link's own, a project link's; else none. */
  sequences(): Promise<SequenceSummaryDTO[]>;
  /** One of those sequences, or null (the caller answers 404, as for a sequence that does not exist). */
  sequence(id: string): Promise<SequenceDTO | null>;
}

/** What a clip-only scope answers about sequences: it covers none. */
export const NO_SEQUENCES: Pick<ShareScope, "sequences" | "sequence"> = {
  sequences: async () => [],
  sequence: async () => null,
};

/** The media keys of a clip a guest may load: what its page shows, and not the references' full originals. */
export function guestMediaKeys(g: GenerationDTO): string[] {
  const keyOf = (url: string | null) => (url ? url.slice(url.lastIndexOf("/") + 1) : null);
  return [
    keyOf(g.videoUrl),
    keyOf(g.posterUrl),
    ...[...g.references, ...g.referenceVideos].map((r) => keyOf(r.thumbUrl)),
  ].filter((k): k is string => k !== null);
}

export function scopeOf(prisma: Db, link: { kind: ShareKind; target: string }): ShareScope {
  if (link.kind === "gallery_view") return viewScope(prisma, link.target);
  if (link.kind === "project") return projectScope(prisma, link.target);
  if (link.kind === "sequence") return sequenceScope(prisma, link.target);
  const all = async (): Promise<GenerationRow[]> => {
    if (link.kind === "generation") {
      const row = await findVisibleGeneration(prisma, link.target);
      return row ? [row] : [];
    }
    const takes = await prisma.generation.findMany({
      where: { takeGroupId: link.target, deletedAt: null },
      orderBy: [{ takeIndex: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    const rows = await Promise.all(takes.map((t) => findVisibleGeneration(prisma, t.id)));
    return rows.filter((r): r is GenerationRow => r !== null);
  };
  return {
    ...NO_SEQUENCES,
    async clips() {
      return { clips: (await all()).map(toGenerationDTO), nextCursor: null };
    },
    async clip(id) {
      const row = await findVisibleGeneration(prisma, id);
      if (!row) return null;
      const covered = link.kind === "generation" ? row.id === link.target : row.takeGroupId === link.target;
      return covered ? row : null;
    },
    async hasMedia(key) {
      return (await all()).some((row) => guestMediaKeys(toGenerationDTO(row)).includes(key));
    },
  };
}

export function viewScope(prisma: Db, query: string): ShareScope {
  /** Which of these clips the view finds. */
  const inView = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const page = await listGenerations(prisma, { ...viewOptions(query), ids, limit: ids.length });
    return page.items;
  };
  return {
    ...NO_SEQUENCES,
    async clips(cursor) {
      const page = await listGenerations(prisma, viewOptions(query, cursor));
      return { clips: page.items, nextCursor: page.nextCursor };
    },
    async clip(id) {
      const [found] = await inView([id]);
      return found ? await findVisibleGeneration(prisma, found.id) : null;
    },
    async hasMedia(key) {
      return (await inView(await clipsHolding(prisma, key))).length > 0;
    },
  };
}

/**
 * The clips a stored file belongs to: its video or poster, or a reference's thumbnail (at most 50 clips
 * of each kind: a file held by more is judged by those). Indexed look-ups
 * (Generation.posterKey, .videoKey, Asset.thumbKey). Deleted clips are left out.
 */
export async function clipsHolding(prisma: Db, key: string): Promise<string[]> {
  const [own, refs, videoRefs] = await Promise.all([
    prisma.generation.findMany({
      where: { OR: [{ posterKey: key }, { videoKey: key }], deletedAt: null },
      select: { id: true },
      take: 50,
    }),
    prisma.generationReference.findMany({
      where: { asset: { thumbKey: key }, generation: { deletedAt: null } },
      select: { generationId: true },
      take: 50,
    }),
    prisma.generationVideoReference.findMany({
      where: { asset: { thumbKey: key }, generation: { deletedAt: null } },
      select: { generationId: true },
      take: 50,
    }),
  ]);
  return [...new Set([...own.map((g) => g.id), ...[...refs, ...videoRefs].map((r) => r.generationId)])];
}
