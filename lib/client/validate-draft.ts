import { type CreateGenerationRequest, createGenerationSchema, fieldErrors } from "@/lib/generations/schema";
import type { Draft } from "./draft";
import { sentence } from "./format";
import { defaultReferenceName } from "./reference-files";

export interface Validation {
  /** Field errors of the current draft, from the same schema the server uses. */
  errors: Record<string, string>;
  /** Why Generate cannot be pressed, in words; null when the draft can be submitted. */
  blocker: string | null;
  /** What Generate sends. */
  input: CreateGenerationRequest;
}

export function validateDraft(draft: Draft): Validation {
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
  };
  const parsed = createGenerationSchema.safeParse(input);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const waiting = draft.references.length - ready.length;
  let blocker: string | null = null;
  if (waiting > 0) blocker = `Waiting for ${waiting} upload${waiting === 1 ? "" : "s"} to finish`;
  else if (draft.references.length === 0) blocker = "Add at least one reference image";
  else if (draft.prompt.trim() === "") blocker = "Write a prompt";
  else if (!parsed.success) blocker = sentence(Object.values(errors)[0] ?? "Check the form");
  return { errors, blocker, input };
}
