import "server-only";
import { createHash } from "node:crypto";
import { withinSpendCap } from "@/lib/accounts/spend-caps";
import { makerId } from "@/lib/activity/service";
import type { Actor } from "@/lib/auth/actor";
import { charactersOfClips } from "@/lib/characters/lineage";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { type ModelProfile, profileById, profileIssues, type Resolution } from "@/lib/models/profiles";
import type { VideoProvider } from "@/lib/providers/types";
import { placeClip } from "@/lib/sequences/placement";
import { parseInput } from "@/lib/validation/parse";
import type { GenerationDTO } from "./dto";
import { requestCharacterIds, resolveReferenceVideos, videoHashFields } from "./reference-videos";
import {
  findGeneration,
  type GenerationRow,
  generationViewInclude,
  toGenerationDTO,
  withCommentCounts,
} from "./repo";
import { type CreateGenerationInput, createGenerationSchema } from "./schema";
import { CANCELABLE_STATUSES } from "./state";

export interface GenerationDeps {
  prisma: Db;
  /** The provider new generations use unless the request names another. */
  provider: VideoProvider;
  /** Every configured provider, by id. */
  providers: ReadonlyMap<string, VideoProvider>;
  /**
   * Tells the worker there is work now, so a submit does not wait for the next tick. `created` hands it
   * the rows just inserted, so it can claim and send them without reading them back.
   */
  wake(created?: readonly GenerationRow[]): void;
  /** Set when the generation re-runs another (Retry). */
  retryOfId?: string;
  /** Set when the generation is the final of a draft (Make final). */
  draftOfId?: string;
}

/** What makes two requests the same; a version and tier count only when named (older keys hash as before). */
function inputHash(input: CreateGenerationInput, provider: string): string {
  const {
    prompt,
    referenceIds,
    duration,
    aspectRatio,
    takes = 1,
    referenceNames = [],
    seed,
    thinkingLevel,
    model,
    resolution,
  } = input;
  return createHash("sha256")
    .update(
      JSON.stringify({
        prompt,
        referenceIds,
        duration,
        aspectRatio,
        provider,
        takes,
        referenceNames,
        seed,
        thinkingLevel,
        ...(model ? { model } : {}),
        ...(resolution ? { resolution } : {}),
        ...videoHashFields(input),
        ...(input.projectId ? { projectId: input.projectId } : {}),
        ...(input.shotId ? { shotId: input.shotId } : {}),
      }),
    )
    .digest("hex");
}

interface Chosen {
  provider: VideoProvider;
  profile: ModelProfile;
  resolution: Resolution;
}

/**
 * The provider, model version and tier a request asks for (or the defaults), refused with the field and
 * the version's limit when the request asks for something the version cannot do: the studio refuses
 * before a provider is asked, so a provider's own 422 is never what a person reads.
 */
function chooseModel(deps: GenerationDeps, input: CreateGenerationInput): Chosen {
  const named = input.model ? profileById(input.model) : undefined;
  if (named && input.provider && named.provider !== input.provider) {
    throw new AppError("unsupported_setting", `${named.label} is not served by ${input.provider}.`, 422, {
      model: `${named.label} is served by ${named.provider}, not ${input.provider}`,
    });
  }
  const providerId = named?.provider ?? input.provider;
  const provider = providerId ? deps.providers.get(providerId) : deps.provider;
  if (!provider) {
    throw new AppError(
      "provider_not_configured",
      `The provider "${providerId}" is not configured on this studio.`,
      422,
      { [named ? "model" : "provider"]: `${providerId} is not configured` },
    );
  }
  // A named version is served with the endpoint the provider was configured with when it is its default.
  const profile = !named
    ? provider.defaultProfile
    : named.id === provider.defaultProfile.id
      ? provider.defaultProfile
      : provider.profiles.find((p) => p.id === named.id);
  if (!profile) {
    throw new AppError("unsupported_setting", `${provider.label} does not serve ${named?.label}.`, 422, {
      model: `${provider.label} serves ${provider.profiles.map((p) => p.label).join(", ")}`,
    });
  }
  const resolution = input.resolution ?? profile.defaultResolution;
  const fields: Record<string, string> = {};
  if (input.seed !== undefined && !profile.seed) fields.seed = `${profile.label} has no seed control`;
  if (input.thinkingLevel !== undefined && !profile.thinkingLevels.includes(input.thinkingLevel)) {
    fields.thinkingLevel = `${profile.label} has no thinking level control`;
  }
  for (const issue of profileIssues(profile, {
    images: input.referenceIds.length,
    videos: input.referenceVideoIds?.length ?? 0,
    duration: input.duration,
    aspectRatio: input.aspectRatio,
    resolution,
  })) {
    fields[issue.path] ??= issue.message;
  }
  const first = Object.values(fields)[0];
  if (first) throw new AppError("unsupported_setting", `${first}.`, 422, fields);
  return { provider, profile, resolution };
}

/** Take i>0 of a group is stored under a derived key; clients' keys cannot contain "~". */
const takeKey = (key: string, index: number) => (index === 0 ? key : `${key}~${index}`);

export interface Created {
  /** The first take. */
  generation: GenerationDTO;
  /** Every take, in order. */
  generations: GenerationDTO[];
  created: boolean;
}

async function existingRequest(prisma: Db, firstId: string, hash: string): Promise<Created> {
  const first = (await findGeneration(prisma, firstId))!;
  if (first.inputHash !== hash) {
    throw new AppError(
      "idempotency_conflict",
      "This idempotency key was already used for a different request. Use a new key for new inputs.",
      409,
    );
  }
  const rows = first.takeGroupId
    ? await prisma.generation.findMany({
        where: { takeGroupId: first.takeGroupId },
        orderBy: { takeIndex: "asc" },
        include: generationViewInclude,
      })
    : [first];
  const generations = (await withCommentCounts(prisma, rows)).map(toGenerationDTO);
  return { generation: generations[0]!, generations, created: false };
}

/**
 * Creates one generation per idempotency key, made by `actor` (recorded as its creator when a member).
 * A repeated key with the same inputs returns the first generation (a double click submits once); with
 * other inputs it is refused.
 */
export async function createGeneration(deps: GenerationDeps, actor: Actor, raw: unknown): Promise<Created> {
  const input = parseInput(createGenerationSchema, raw);
  const { prisma } = deps;
  const { provider, profile, resolution } = chooseModel(deps, input);
  const hash = inputHash(input, provider.id);

  // Both at once (a repeat wastes the second): one round trip less before the worker can start.
  const [previous, assets] = await Promise.all([
    prisma.generation.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } }),
    prisma.asset.findMany({ where: { id: { in: input.referenceIds } } }),
  ]);
  if (previous) return existingRequest(prisma, previous.id, hash);

  const byId = new Map(assets.map((a) => [a.id, a]));
  const missing = input.referenceIds.map((id, i) => ({ id, i })).filter(({ id }) => !byId.has(id));
  if (missing.length > 0) {
    const which = missing.map(({ i }) => `reference ${i + 1} (<IMAGE_REF_${i}>)`).join(", ");
    throw new AppError(
      "unknown_reference",
      `${which} ${missing.length === 1 ? "is" : "are"} not an uploaded image. Upload it again.`,
      422,
      { referenceIds: `unknown asset id(s): ${missing.map((m) => m.id).join(", ")}` },
    );
  }
  const videos = await resolveReferenceVideos(prisma, input, profile, byId);
  const place = await placeClip(prisma, input);

  const characterIds = requestCharacterIds(input);
  if (characterIds.length > 0) {
    const known = await prisma.character.count({ where: { id: { in: characterIds } } });
    if (known !== characterIds.length) {
      throw new AppError(
        "unknown_character",
        "One of the saved characters no longer exists. Insert it again.",
        422,
        {
          referenceCharacterIds: "unknown character id",
        },
      );
    }
  }

  const takes = input.takes ?? 1;
  const ids = Array.from({ length: takes }, () => newId());
  const takeGroupId = takes > 1 ? ids[0]! : null;
  const references = input.referenceIds.map((assetId, position) => ({
    assetId,
    position,
    label: input.referenceNames?.[position] || byId.get(assetId)!.originalName,
    characterId: input.referenceCharacterIds?.[position] ?? null,
  }));
  const estimatedCostUsd = provider.estimateCostUsd({ duration: input.duration, profile, resolution });
  const rowsFor = (takeIndex: number, id: string) => ({
    data: {
      id,
      provider: provider.id,
      modelId: profile.endpointId,
      modelVersion: profile.id,
      resolution,
      prompt: input.prompt,
      duration: input.duration,
      aspectRatio: input.aspectRatio,
      idempotencyKey: takeKey(input.idempotencyKey, takeIndex),
      inputHash: hash,
      estimatedCostUsd,
      seed: input.seed ?? null,
      thinkingLevel: input.thinkingLevel ?? null,
      takeGroupId,
      takeIndex,
      takeCount: takes,
      retryOfId: deps.retryOfId ?? null,
      draftOfId: deps.draftOfId ?? null,
      projectId: place.projectId,
      shotId: place.shotId,
      createdById: makerId(actor),
      references: { create: references },
      ...(videos.rows.length ? { videoReferences: { create: videos.rows } } : {}),
    },
  });
  let inserted: Awaited<ReturnType<typeof prisma.generation.create>>[];
  try {
    // A request that costs money is checked against the member's and the team's daily caps in the
    // transaction that inserts it (lib/accounts/spend-caps.ts), before anything reaches a provider.
    inserted =
      estimatedCostUsd > 0
        ? await withinSpendCap(prisma, actor, estimatedCostUsd * takes, async (tx) => {
            const made = [];
            for (const [takeIndex, id] of ids.entries())
              made.push(await tx.generation.create(rowsFor(takeIndex, id)));
            return made;
          })
        : await prisma.$transaction(
            ids.map((id, takeIndex) => prisma.generation.create(rowsFor(takeIndex, id))),
          );
  } catch (err) {
    // The same key raced in from a second click: answer like a repeat.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const raced = await prisma.generation.findUnique({
        where: { idempotencyKey: input.idempotencyKey },
        select: { id: true },
      });
      if (raced) return existingRequest(prisma, raced.id, hash);
    }
    throw err;
  }
  // The rows as stored, without reading them back: the inserts returned every column, and the
  // references and their assets are what was just written and read. Takes share their characters.
  const characters =
    (
      await charactersOfClips(
        prisma,
        inserted.slice(0, 1).map((g) => g.id),
      )
    ).get(inserted[0]?.id ?? "") ?? [];
  const rows: GenerationRow[] = inserted.map((g) => ({
    ...g,
    references: references.map((r) => ({ ...r, generationId: g.id, asset: byId.get(r.assetId)! })),
    videoReferences: videos.rowsFor(g.id),
    // The session's name is the account's: no need to read it back.
    createdBy: actor.kind === "member" ? { id: actor.id, name: actor.name } : null,
    // Scored once it completes.
    identity: null,
    commentCount: 0,
    characters,
  }));
  deps.wake(rows);
  for (const row of rows) publishChange(prisma, { kind: "generation.created", generationId: row.id });
  const generations = rows.map(toGenerationDTO);
  return { generation: generations[0]!, generations, created: true };
}

/**
 * Asks for a cancel. A queued job that was never sent is canceled at once; a job at the provider is
 * canceled there by the worker, which then marks it canceled.
 */
export async function requestCancel(deps: Pick<GenerationDeps, "prisma" | "wake">, id: string) {
  const row = await findGeneration(deps.prisma, id);
  if (!row) throw new AppError("not_found", "That generation does not exist.", 404);
  if (!CANCELABLE_STATUSES.includes(row.status)) {
    throw new AppError(
      "not_cancelable",
      `This generation is ${row.status} and can no longer be canceled.`,
      409,
    );
  }
  const now = new Date();
  // Never sent, and nobody is sending it right now: cancel directly.
  const direct = await deps.prisma.generation.updateMany({
    where: { id, status: "queued", submitStartedAt: null, leaseOwner: null },
    data: { status: "canceled", cancelRequested: true, completedAt: now, queuePosition: null },
  });
  if (direct.count === 0) {
    await deps.prisma.generation.updateMany({
      where: { id, status: { in: [...CANCELABLE_STATUSES] } },
      data: { cancelRequested: true, nextRunAt: now },
    });
    deps.wake();
  } else {
    publishChange(deps.prisma, { kind: "generation.status", generationId: id });
  }
  return toGenerationDTO((await findGeneration(deps.prisma, id))!);
}
