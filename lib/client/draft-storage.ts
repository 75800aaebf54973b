import * as z from "zod/mini";
import type { GenerationDTO } from "@/lib/generations/dto";
import {
  ASPECT_RATIOS,
  MAX_DURATION,
  MAX_PROMPT_CHARS,
  MAX_REFERENCES,
  MAX_TAKES,
  MIN_DURATION,
  PROVIDER_IDS,
  THINKING_LEVELS,
} from "@/lib/generations/schema";
import type { Draft, DraftContent, DraftReference } from "./draft";
import { cleanReferenceName, defaultReferenceName } from "./reference-files";

// Drafts are never lost: the composer's content is kept in localStorage (stored references only: a file
// still uploading cannot be kept) and read back, checked, on the next load.

export const DRAFT_STORAGE_KEY = "omni-studio:draft:v1";

const assetSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  sha256: z.string(),
  mime: z.string(),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  name: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
});

const storedSchema = z.object({
  references: z
    .array(
      z.object({
        key: z.string().check(z.minLength(1), z.maxLength(64)),
        name: z.string().check(z.maxLength(200)),
        asset: assetSchema,
        characterId: z.nullish(z.string().check(z.maxLength(64))),
      }),
    )
    .check(z.maxLength(MAX_REFERENCES)),
  // A stored draft may be over the limit (the lint says so); cap only absurd sizes.
  prompt: z.string().check(z.maxLength(MAX_PROMPT_CHARS * 4)),
  duration: z.int().check(z.minimum(MIN_DURATION), z.maximum(MAX_DURATION)),
  aspectRatio: z.enum(ASPECT_RATIOS),
  takes: z.int().check(z.minimum(1), z.maximum(MAX_TAKES)),
  // Drafts stored before providers could be picked have none of these: they follow the server's default.
  provider: z._default(z.catch(z.nullable(z.enum(PROVIDER_IDS)), null), null),
  seedText: z._default(z.catch(z.string().check(z.maxLength(20)), ""), ""),
  thinkingLevel: z._default(z.catch(z.enum(THINKING_LEVELS), "default"), "default"),
  idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/)),
});

export type StoredDraft = z.infer<typeof storedSchema>;

export function toStored(draft: Draft): StoredDraft {
  return {
    references: draft.references.flatMap((r) =>
      r.asset
        ? [
            {
              key: r.key,
              name: r.name,
              asset: r.asset,
              ...(r.characterId ? { characterId: r.characterId } : {}),
            },
          ]
        : [],
    ),
    prompt: draft.prompt,
    duration: draft.duration,
    aspectRatio: draft.aspectRatio,
    takes: draft.takes,
    provider: draft.provider,
    seedText: draft.seedText,
    thinkingLevel: draft.thinkingLevel,
    idempotencyKey: draft.idempotencyKey,
  };
}

export function storedReference(ref: StoredDraft["references"][number]): DraftReference {
  return {
    key: ref.key,
    name: cleanReferenceName(ref.name) || defaultReferenceName(ref.asset.name),
    fileName: ref.asset.name,
    previewUrl: ref.asset.thumbUrl,
    status: "ready",
    progress: 1,
    asset: ref.asset,
    ...(ref.characterId ? { characterId: ref.characterId } : {}),
  };
}

/** The stored draft, or null when there is none or it cannot be trusted. */
export function parseStored(raw: string | null): { content: DraftContent; idempotencyKey: string } | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = storedSchema.safeParse(json);
  if (!parsed.success) return null;
  const {
    references,
    prompt,
    duration,
    aspectRatio,
    takes,
    provider,
    seedText,
    thinkingLevel,
    idempotencyKey,
  } = parsed.data;
  return {
    content: {
      references: references.map(storedReference),
      prompt,
      duration,
      aspectRatio,
      takes,
      provider,
      seedText,
      thinkingLevel,
    },
    idempotencyKey,
  };
}

export function readStoredDraft() {
  try {
    return parseStored(window.localStorage.getItem(DRAFT_STORAGE_KEY));
  } catch {
    return null;
  }
}

export function writeStoredDraft(draft: Draft): void {
  try {
    window.localStorage.setItem(DRAFT_STORAGE_KEY, JSON.stringify(toStored(draft)));
  } catch {
    // Storage full or disabled (private mode): the draft still lives in the page.
  }
}

/** A clip's inputs as draft content, for "Use these settings". */
export function contentFromGeneration(generation: GenerationDTO, key: (i: number) => string): DraftContent {
  const references = [...generation.references]
    .sort((a, b) => a.position - b.position)
    .map(
      ({ position: _position, label, characterId, ...asset }, i): DraftReference => ({
        key: key(i),
        name: cleanReferenceName(label) || defaultReferenceName(asset.name),
        fileName: asset.name,
        previewUrl: asset.thumbUrl,
        status: "ready",
        progress: 1,
        asset,
        characterId,
      }),
    );
  return {
    references,
    prompt: generation.prompt,
    duration: generation.duration,
    aspectRatio: generation.aspectRatio,
    takes: Math.min(MAX_TAKES, Math.max(1, generation.takeCount || 1)),
    // The same provider and controls, so a clip with a seed can be made again exactly.
    provider: generation.provider,
    seedText: generation.seed !== null && generation.seed >= 0 ? String(generation.seed) : "",
    thinkingLevel: generation.thinkingLevel ?? "default",
  };
}
