// What the storyboard sends to generate a shot's takes: the shot's content as the composer would send it,
// at the sequence's aspect ratio, with its camera note and dialogue in the prompt (shot-prompt.ts).
// Browser-safe and pure: a shot that cannot be sent says why, naming the shot and what is missing.
import type { AspectRatio } from "@/lib/generations/limits";
import type { CreateGenerationRequest } from "@/lib/generations/schema";
import type { ShotContent } from "./schema";
import { shotPrompt } from "./shot-prompt";

export interface ShotToSend {
  id: string;
  position: number;
  title: string;
  content: ShotContent;
  cameraNote: string;
  dialogue: string;
}

/** "Shot 2 "Harbour"": how messages name a shot, on the server (service.ts shotLabel) and in the browser. */
export function shotName(shot: { position: number; title: string }): string {
  return `Shot ${shot.position + 1}${shot.title ? ` "${shot.title}"` : ""}`;
}

export type ShotRequest =
  | { ok: true; input: CreateGenerationRequest }
  | { ok: false; shotId: string; message: string };

/** What a shot still lacks before it can be sent, in words ("no prompt and no reference"), or null. */
export function missingContent(content: ShotContent): string | null {
  const prompt = (content.prompt ?? "").trim() !== "";
  const refs = (content.referenceIds?.length ?? 0) + (content.referenceVideoIds?.length ?? 0) > 0;
  if (!prompt && !refs) return "no prompt and no reference";
  if (!prompt) return "no prompt";
  if (!refs) return "no reference image";
  return null;
}

export function shotRequest(
  shot: ShotToSend,
  sequence: { aspectRatio: AspectRatio },
  takes: number,
  idempotencyKey: string,
): ShotRequest {
  const c = shot.content;
  const missing = missingContent(c);
  if (missing) {
    return {
      ok: false,
      shotId: shot.id,
      message: `${shotName(shot)} has ${missing} yet: open it in the composer to finish it.`,
    };
  }
  if (c.duration === undefined) {
    return { ok: false, shotId: shot.id, message: `${shotName(shot)} has no duration yet.` };
  }
  const input: CreateGenerationRequest = {
    prompt: shotPrompt(c.prompt ?? "", shot),
    referenceIds: c.referenceIds ?? [],
    duration: c.duration,
    aspectRatio: sequence.aspectRatio,
    idempotencyKey,
    takes,
    shotId: shot.id,
    ...(c.referenceNames ? { referenceNames: c.referenceNames } : {}),
    ...(c.referenceCharacterIds ? { referenceCharacterIds: c.referenceCharacterIds } : {}),
    ...(c.referenceVideoIds?.length ? { referenceVideoIds: c.referenceVideoIds } : {}),
    ...(c.referenceVideoNames ? { referenceVideoNames: c.referenceVideoNames } : {}),
    ...(c.referenceVideoCharacterIds ? { referenceVideoCharacterIds: c.referenceVideoCharacterIds } : {}),
    ...(c.provider ? { provider: c.provider } : {}),
    ...(c.model ? { model: c.model } : {}),
    ...(c.resolution ? { resolution: c.resolution } : {}),
    ...(c.seed !== undefined ? { seed: c.seed } : {}),
    ...(c.thinkingLevel ? { thinkingLevel: c.thinkingLevel } : {}),
  };
  return { ok: true, input };
}
