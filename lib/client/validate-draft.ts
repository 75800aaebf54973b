import { type CreateGenerationRequest, createGenerationSchema, fieldErrors } from "@/lib/generations/schema";
import type { Draft } from "./draft";
import { sentence } from "./format";
import { type ProviderOption, parseSeed, providerFields } from "./providers";
import { defaultReferenceName } from "./reference-files";

export interface Validation {
  /** Field errors of the current draft, from the same schema the server uses. */
  errors: Record<string, string>;
  /** Why Generate cannot be pressed, in words; null when the draft can be submitted. */
  blocker: string | null;
  /** What Generate sends. */
  input: CreateGenerationRequest;
}

/** `provider` is the one chosen in the composer; its capabilities decide which controls are sent. */
export function validateDraft(draft: Draft, provider?: ProviderOption): Validation {
  const ready = draft.references.filter((r) => r.asset);
  const input: CreateGenerationRequest = {
    prompt: draft.prompt,
    referenceIds: ready.map((r) => r.asset!.id),
    referenceNames: ready.map((r) => r.name || defaultReferenceName(r.fileName)),
    duration: draft.duration,
    aspectRatio: draft.aspectRatio,
    idempotencyKey: draft.idempotencyKey,
    takes: draft.takes,
    // One entry per reference, null for loose images; only sent when a character is in play.
    ...(ready.some((r) => r.characterId)
      ? { referenceCharacterIds: ready.map((r) => r.characterId ?? null) }
      : {}),
    ...providerFields(provider, draft),
  };
  const parsed = createGenerationSchema.safeParse(input);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const seed = provider?.capabilities.seed ? parseSeed(draft.seedText) : null;
  if (seed && !seed.ok) errors.seed ??= seed.message;
  const waiting = draft.references.length - ready.length;
  let blocker: string | null = null;
  if (waiting > 0) blocker = `Waiting for ${waiting} upload${waiting === 1 ? "" : "s"} to finish`;
  else if (draft.references.length === 0) blocker = "Add at least one reference image";
  else if (draft.prompt.trim() === "") blocker = "Write a prompt";
  else if (Object.keys(errors).length > 0) blocker = sentence(Object.values(errors)[0] ?? "Check the form");
  return { errors, blocker, input };
}
