// zod/mini, browser-safe: a saved character with, beside its images, one short video of how it moves.
import * as z from "zod/mini";
import { cleanLabel, MAX_LABEL_CHARS } from "@/lib/generations/limits";
import { characterSchema } from "@/lib/review/schema";
import { idSchema } from "@/lib/validation/fields";

export const MAX_VOICE_NOTE_CHARS = 300;

/** Control characters (line breaks, tabs, NUL...), built from a string: matching them is the point. */
const CONTROL = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f, 0x7f)}]+`, "g");

/** One line of plain words: no control characters, runs of spaces and line breaks made one space. */
export function cleanVoiceNote(s: string): string {
  return s.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
}

/** The character's video: a reference video asset (uploaded, or cut from a clip), with a short name. */
export const characterVideoSchema = z.strictObject(
  {
    assetId: idSchema("video.assetId"),
    label: z._default(
      z
        .string({ error: "video.label must be a string" })
        .check(
          z.overwrite(cleanLabel),
          z.maxLength(MAX_LABEL_CHARS, `video.label must be at most ${MAX_LABEL_CHARS} characters`),
        ),
      "",
    ),
  },
  { error: (iss) => (iss.code === "invalid_type" ? "video must be { assetId, label? } or null" : undefined) },
);

/**
 * A character as created or replaced: name, description, images and, optionally, `video` (null removes
 * it; absent on an update keeps the one it has, so a client that knows nothing of videos loses none).
 */
export const characterWithVideoSchema = z
  .extend(characterSchema, {
    video: z.optional(z.nullable(characterVideoSchema)),
    /**
     * The main image, one of `images` by asset id. Absent: on a create the first image; on an update the
     * one it has while it stays among the images, else the first.
     */
    mainAssetId: z.optional(idSchema("mainAssetId")),
    /** How the character sounds, for audio direction; absent on an update keeps the one it has. */
    voiceNote: z.optional(
      z
        .string({ error: "voiceNote must be a string" })
        .check(
          z.overwrite(cleanVoiceNote),
          z.maxLength(MAX_VOICE_NOTE_CHARS, `voice notes have at most ${MAX_VOICE_NOTE_CHARS} characters`),
        ),
    ),
  })
  .check(
    z.refine((c) => c.mainAssetId === undefined || c.images.some((i) => i.assetId === c.mainAssetId), {
      message: "the main image must be one of the character's images",
      path: ["mainAssetId"],
    }),
  );

/** PUT /api/characters/:id/video and setCharacterVideoAction: the video, or null to remove it. */
export const characterVideoUpdateSchema = z.nullable(characterVideoSchema);

export type CharacterVideoInput = z.input<typeof characterVideoSchema>;
export type CharacterWithVideoInput = z.input<typeof characterWithVideoSchema>;
