// zod/mini, browser-safe: sequences and their shots as POST /api/sequences, POST /api/sequences/:id/shots
// and PATCH /api/shots/:id take them.
import * as z from "zod/mini";
import { ASPECT_RATIOS, createGenerationSchema, MAX_PROMPT_CHARS } from "@/lib/generations/schema";
import { commentBody } from "@/lib/review/schema";
import { idSchema, visibleText } from "@/lib/validation/fields";

export const MAX_SEQUENCE_TITLE_CHARS = 120;
export const MAX_SHOT_TITLE_CHARS = 120;
/** A camera note and a dialogue line are sent with the prompt: short. */
export const MAX_SHOT_NOTE_CHARS = 500;

const body = (fields: string) => ({
  error: (iss: { code: string; keys?: string[] }) =>
    iss.code === "unrecognized_keys"
      ? `unknown field(s): ${iss.keys?.join(", ")}`
      : iss.code === "invalid_type"
        ? `the request body must be a JSON object: ${fields}.`
        : undefined,
});

const text = (field: string, max: number) =>
  z.string({ error: `${field} must be a string` }).check(
    z.overwrite((s) => s.trim()),
    z.maxLength(max, `${field} must be at most ${max} characters`),
  );

export const createSequenceSchema = z.strictObject(
  {
    projectId: idSchema("projectId"),
    title: text("title", MAX_SEQUENCE_TITLE_CHARS).check(visibleText("title must not be empty")),
    aspectRatio: z.enum(ASPECT_RATIOS, { error: 'aspectRatio must be "16:9" or "9:16"' }),
  },
  body("{ projectId, title, aspectRatio }"),
);

// The composer's fields, checked for types and limits but not completeness: a storyboard starts with
// empty shots, and a shot's draft is finished in the composer before it is sent.
const g = createGenerationSchema.shape;
export const shotContentSchema = z.strictObject(
  {
    prompt: z.optional(
      z
        .string({ error: "content.prompt must be a string" })
        .check(
          z.maxLength(
            MAX_PROMPT_CHARS,
            `content.prompt must be at most ${MAX_PROMPT_CHARS.toLocaleString("en-US")} characters`,
          ),
        ),
    ),
    referenceIds: z.optional(g.referenceIds),
    referenceNames: g.referenceNames,
    referenceCharacterIds: g.referenceCharacterIds,
    referenceVideoIds: g.referenceVideoIds,
    referenceVideoNames: g.referenceVideoNames,
    referenceVideoCharacterIds: g.referenceVideoCharacterIds,
    duration: z.optional(g.duration),
    provider: g.provider,
    model: g.model,
    resolution: g.resolution,
    seed: g.seed,
    thinkingLevel: g.thinkingLevel,
    takes: g.takes,
  },
  body("{ prompt?, referenceIds?, duration?, ... }"),
);
export type ShotContent = z.infer<typeof shotContentSchema>;

const shotFields = {
  title: z.optional(text("title", MAX_SHOT_TITLE_CHARS)),
  content: z.optional(shotContentSchema),
  cameraNote: z.optional(text("cameraNote", MAX_SHOT_NOTE_CHARS)),
  dialogue: z.optional(text("dialogue", MAX_SHOT_NOTE_CHARS)),
};

const position = z.optional(
  z
    .int({ error: "position must be a whole number from 0" })
    .check(z.minimum(0, "position must be a whole number from 0")),
);

/** A new shot (at the end, or at `position`), or a copy of one (`duplicateOf`, placed right after it). */
export const addShotSchema = z
  .strictObject(
    { ...shotFields, position, duplicateOf: z.optional(idSchema("duplicateOf")) },
    body("{ title?, content?, cameraNote?, dialogue?, position? } or { duplicateOf }"),
  )
  .check(
    z.refine((input) => !input.duplicateOf || Object.keys(input).length === 1, {
      message: "duplicateOf copies a shot as it is: send it alone",
      path: ["duplicateOf"],
    }),
  );

/** What PATCH /api/shots/:id changes; `chosenGenerationId` null un-chooses. */
export const updateShotSchema = z.strictObject(
  {
    ...shotFields,
    position,
    sequenceId: z.optional(idSchema("sequenceId")),
    chosenGenerationId: z.optional(z.nullable(idSchema("chosenGenerationId"))),
  },
  body("{ title?, content?, cameraNote?, dialogue?, position?, sequenceId?, chosenGenerationId? }"),
);

/** A comment on the sequence's timeline: `atSec` on the sequence's clock (lib/sequences/review.ts). */
export const sequenceCommentSchema = z.strictObject(
  {
    atSec: z
      .number({ error: "atSec must be a number of seconds from the sequence's start" })
      .check(z.minimum(0, "atSec must be 0 or more")),
    body: commentBody,
  },
  body("{ atSec, body }"),
);

/** Which shots to bring up to date with a character's images (all of them when left out). */
export const refreshCharacterShotsSchema = z.strictObject(
  {
    shotIds: z.optional(
      z
        .array(idSchema("shotIds[]"), { error: "shotIds must be a list of shot ids" })
        .check(z.maxLength(500, "shotIds can name at most 500 shots")),
    ),
  },
  body("{ shotIds? }"),
);

/** GET /api/sequences?project=<id>: the project whose sequences to list. */
export const listSequencesQuerySchema = z.object({
  project: idSchema("project", "project must be a project id (?project=<id>)"),
});
