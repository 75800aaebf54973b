import type { AssetDTO } from "@/lib/generations/dto";
import type { AspectRatio } from "@/lib/generations/limits";
import { MAX_TAKES } from "@/lib/generations/limits";
import type { CreateGenerationRequest } from "@/lib/generations/schema";
import type { ShotContent } from "@/lib/sequences/schema";
import type { DraftContent } from "./draft";
import { readyReference } from "./draft-storage";

// A shot's content and the composer's draft, both ways: "Edit in composer" loads a shot into the draft,
// "Save to shot" writes the draft back. Browser-safe and pure.

/**
 * The draft a shot loads as: its references (the stored assets it names, in order, with their names and
 * characters), prompt and settings, at the sequence's aspect ratio. References whose asset is gone are
 * left out and named in `missing`. Settings the shot never had keep `fallback`'s (the draft's duration).
 */
export function contentFromShot(
  content: ShotContent,
  assets: ReadonlyMap<string, AssetDTO>,
  options: { aspectRatio: AspectRatio; fallbackDuration: number; key: (i: number) => string },
): { content: DraftContent; missing: string[] } {
  const missing: string[] = [];
  let n = 0;
  const refs = (ids: readonly string[] = [], names?: readonly string[], chars?: readonly (string | null)[]) =>
    ids.flatMap((id, i) => {
      const asset = assets.get(id);
      const name = names?.[i] ?? "";
      if (!asset) {
        missing.push(name || `reference ${i + 1}`);
        return [];
      }
      return [readyReference(asset, name, options.key(n++), chars?.[i] ?? null)];
    });
  const references = refs(content.referenceIds, content.referenceNames, content.referenceCharacterIds);
  const videos = refs(
    content.referenceVideoIds,
    content.referenceVideoNames,
    content.referenceVideoCharacterIds,
  );
  return {
    content: {
      references,
      videos,
      prompt: content.prompt ?? "",
      duration: content.duration ?? options.fallbackDuration,
      aspectRatio: options.aspectRatio,
      takes: Math.min(MAX_TAKES, Math.max(1, content.takes ?? 1)),
      provider: content.provider ?? null,
      version: content.model ?? null,
      resolution: content.resolution ?? null,
      seedText: content.seed !== undefined && content.seed >= 0 ? String(content.seed) : "",
      thinkingLevel: content.thinkingLevel ?? "default",
    },
    missing,
  };
}

/**
 * What "Save to shot" stores: what Generate would send for the draft (validate-draft.ts, without the
 * shot's notes: they are the shot's own fields), less what belongs to a request or to the sequence (the
 * idempotency key, the aspect ratio, the shot and project).
 */
export function shotContentFromInput(input: CreateGenerationRequest): ShotContent {
  const {
    idempotencyKey: _key,
    aspectRatio: _aspect,
    shotId: _shot,
    projectId: _project,
    ...content
  } = input;
  return content;
}
