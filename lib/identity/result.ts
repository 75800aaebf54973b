// What a clip's identity score holds once measured (stored as ClipIdentity.result).
import { z } from "zod";

/**
 * What measures faces (lib/identity/face-engine.ts): stored with every descriptor and score, so a change of
 * model measures again. Here, not in the engine, so the server's code never imports the model's.
 */
export const FACE_MODEL = "face-api-1.7.15:ssd-mobilenet-v1+resnet34";

const sample = z.object({ t: z.number(), d: z.number().nullable() });

export const identityFaceSchema = z.object({
  /** The reference's position: <IMAGE_REF_n>. */
  position: z.number().int(),
  assetId: z.string(),
  label: z.string(),
  /** 0-100; null: no face was found in any sample ("no face found", never a zero). */
  score: z.number().int().min(0).max(100).nullable(),
  /** The median distance behind the score; null with it. */
  distance: z.number().nullable(),
  /** How many samples had a face. */
  found: z.number().int(),
  samples: z.array(sample),
});

export const identityResultSchema = z.object({
  /** "scored", or "no_reference_face": none of the clip's reference images holds a face. */
  kind: z.enum(["scored", "no_reference_face"]),
  /** lib/identity/face-engine.ts FACE_MODEL: what measured it. */
  model: z.string(),
  faces: z.array(identityFaceSchema),
  /** Frames looked at, and how long the clip is. */
  samples: z.number().int(),
  durationSec: z.number(),
  /** How long the measuring took, in ms. */
  ms: z.number().int(),
});

export type IdentityFace = z.infer<typeof identityFaceSchema>;
export type IdentityResult = z.infer<typeof identityResultSchema>;

/** The states a clip's score is in, as views show them. */
export const IDENTITY_STATES = ["queued", "scoring", "done", "failed"] as const;
export type IdentityState = (typeof IDENTITY_STATES)[number];
