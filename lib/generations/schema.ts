// zod/mini (the same engine and messages as zod, as functions that bundle only what is used). This
// schema also runs in the browser, loaded once a draft has something to check (lib/client/use-composer.ts);
// the limits it enforces live in ./limits.ts, which the rest of the browser code imports instead.
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { MODEL_VERSION_IDS, RESOLUTIONS, WIDEST } from "@/lib/models/profiles";
import { ID_PATTERN, visibleText } from "@/lib/validation/fields";
import {
  ASPECT_RATIOS,
  cleanLabel,
  MAX_LABEL_CHARS,
  MAX_PROMPT_CHARS,
  MAX_SEED,
  MAX_TAKES,
  MIN_REFERENCES,
  PROVIDER_IDS,
  THINKING_LEVELS,
} from "./limits";
import { outOfRangeMessage } from "./tags";

export * from "./limits";

// zod/mini leaves out the English messages for issues without one of ours; keep them, as full zod has.
z.config(en());

// One schema for the browser form, the server action and POST /api/generations. Its counts and lengths
// are the widest any model version allows; the chosen version's own limits are checked against its
// profile (lib/models/profiles.ts profileIssues) by the service and by the composer.
// Named apart from ./limits' MAX_REFERENCES and MAX_DURATION, which are the first version's.
const ANY_VERSION_MAX_IMAGES = WIDEST.images;
const ANY_VERSION_MIN_SECONDS = WIDEST.minDuration;
const ANY_VERSION_MAX_SECONDS = WIDEST.maxDuration;
const MAX_VIDEOS = WIDEST.videos;

/** Makes a double click (or a retried request) create once. */
export const idempotencyKeySchema = z
  .string({ error: "idempotencyKey is required" })
  .check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, "idempotencyKey must be 8 to 128 letters, digits, - or _"));

const assetId = z
  .string({ error: "each reference id must be a string" })
  .check(z.regex(ID_PATTERN, "is not a valid asset id"));

const referenceName = z
  .string({ error: "each reference name must be a string" })
  .check(
    z.overwrite(cleanLabel),
    z.maxLength(MAX_LABEL_CHARS, `reference names must be at most ${MAX_LABEL_CHARS} characters`),
  );

const characterIds = z.array(
  z.nullable(
    z
      .string({ error: "each character id must be a string or null" })
      .check(z.regex(ID_PATTERN, "is not a valid character id")),
  ),
);

export const createGenerationSchema = z
  .strictObject(
    {
      prompt: z
        .string({ error: "prompt is required" })
        .check(
          z.maxLength(
            MAX_PROMPT_CHARS,
            `prompt must be at most ${MAX_PROMPT_CHARS.toLocaleString("en-US")} characters`,
          ),
          visibleText("prompt must not be empty (spaces and invisible characters do not count)"),
        ),
      // At least one reference in all: an image here, or a video in referenceVideoIds (checked below);
      // each version's own minimum is its profile's.
      referenceIds: z.array(assetId, { error: "referenceIds must be a list of asset ids" }).check(
        z.maxLength(ANY_VERSION_MAX_IMAGES, `use at most ${ANY_VERSION_MAX_IMAGES} reference images`),
        z.refine((ids) => new Set(ids).size === ids.length, "the same reference is listed twice"),
      ),
      /** Reference videos, in order: position n is the prompt's <VIDEO_REF_n>. */
      referenceVideoIds: z.optional(
        z.array(assetId, { error: "referenceVideoIds must be a list of asset ids" }).check(
          z.maxLength(MAX_VIDEOS, `use at most ${MAX_VIDEOS} reference videos`),
          z.refine((ids) => new Set(ids).size === ids.length, "the same reference video is listed twice"),
        ),
      ),
      // z.int: a number that is a whole (safe) integer; one message for "not a number" and "not whole".
      duration: z
        .int({
          error: `duration must be a whole number of seconds from ${ANY_VERSION_MIN_SECONDS} to ${ANY_VERSION_MAX_SECONDS}`,
        })
        .check(
          z.minimum(ANY_VERSION_MIN_SECONDS, `duration must be at least ${ANY_VERSION_MIN_SECONDS} seconds`),
          z.maximum(ANY_VERSION_MAX_SECONDS, `duration must be at most ${ANY_VERSION_MAX_SECONDS} seconds`),
        ),
      aspectRatio: z.enum(ASPECT_RATIOS, { error: 'aspectRatio must be "16:9" or "9:16"' }),
      idempotencyKey: idempotencyKeySchema,
      /** Which configured provider makes it; the server's default when absent. */
      provider: z.optional(
        z.enum(PROVIDER_IDS, { error: `provider must be one of ${PROVIDER_IDS.join(", ")}` }),
      ),
      /** The model version (lib/models/profiles.ts); the provider's default when absent. */
      model: z.optional(
        z.enum(MODEL_VERSION_IDS, { error: `model must be one of ${MODEL_VERSION_IDS.join(", ")}` }),
      ),
      /** The tier to render at; the version's default when absent. */
      resolution: z.optional(
        z.enum(RESOLUTIONS, { error: `resolution must be one of ${RESOLUTIONS.join(", ")}` }),
      ),
      /** Reproducible results where the provider supports it; -1 asks for a random seed. */
      seed: z.optional(
        z
          .int({ error: `seed must be a whole number from -1 to ${MAX_SEED}` })
          .check(
            z.minimum(-1, `seed must be a whole number from -1 to ${MAX_SEED}`),
            z.maximum(MAX_SEED, `seed must be a whole number from -1 to ${MAX_SEED}`),
          ),
      ),
      thinkingLevel: z.optional(
        z.enum(THINKING_LEVELS, { error: `thinkingLevel must be one of ${THINKING_LEVELS.join(", ")}` }),
      ),
      /** How many generations of the same inputs to make, as one group (the model has no seed on fal). */
      takes: z.optional(
        z
          .int({ error: `takes must be a whole number from 1 to ${MAX_TAKES}` })
          .check(
            z.minimum(1, `takes must be at least 1`),
            z.maximum(MAX_TAKES, `takes must be at most ${MAX_TAKES}`),
          ),
      ),
      /** Short display names of the references, in the same order (defaults: their file names). */
      referenceNames: z.optional(z.array(referenceName)),
      /** The saved character each reference came from (null for loose images), in the same order. */
      referenceCharacterIds: z.optional(characterIds),
      /** The same two for the reference videos, in the order of referenceVideoIds. */
      referenceVideoNames: z.optional(z.array(referenceName)),
      referenceVideoCharacterIds: z.optional(characterIds),
      /** The project it belongs to; absent: its shot's, else the first project (lib/sequences/placement.ts). */
      projectId: z.optional(
        z
          .string({ error: "projectId must be a string" })
          .check(z.regex(ID_PATTERN, "projectId is not valid")),
      ),
      /** The shot it is a take of. */
      shotId: z.optional(
        z.string({ error: "shotId must be a string" }).check(z.regex(ID_PATTERN, "shotId is not valid")),
      ),
    },
    {
      error: (iss) =>
        iss.code === "unrecognized_keys"
          ? `unknown field(s): ${iss.keys.join(", ")}`
          : iss.code === "invalid_type"
            ? "the request body must be a JSON object: { prompt, referenceIds, duration, aspectRatio, idempotencyKey }."
            : undefined,
    },
  )
  .check(
    z.superRefine((input, ctx) => {
      if (input.referenceCharacterIds && input.referenceCharacterIds.length !== input.referenceIds.length) {
        ctx.addIssue({
          code: "custom",
          path: ["referenceCharacterIds"],
          message: "referenceCharacterIds must have one entry per reference id",
        });
      }
      if (input.referenceNames && input.referenceNames.length !== input.referenceIds.length) {
        ctx.addIssue({
          code: "custom",
          path: ["referenceNames"],
          message: "referenceNames must have one name per reference id",
        });
      }
      const videos = input.referenceVideoIds ?? [];
      if (input.referenceIds.length + videos.length < MIN_REFERENCES) {
        ctx.addIssue({
          code: "custom",
          path: ["referenceIds"],
          message: `add at least ${MIN_REFERENCES} reference image or video`,
        });
      }
      for (const [field, list] of [
        ["referenceVideoNames", input.referenceVideoNames],
        ["referenceVideoCharacterIds", input.referenceVideoCharacterIds],
      ] as const) {
        if (list && list.length !== videos.length) {
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `${field} must have one entry per reference video id`,
          });
        }
      }
      // Tags are checked per kind, each numbered from 0 in its own list (lib/generations/tags.ts).
      const images = outOfRangeMessage("image", input.prompt, input.referenceIds.length);
      const moving = outOfRangeMessage("video", input.prompt, videos.length);
      const message = [images, moving].filter(Boolean).join("; ");
      if (message) ctx.addIssue({ code: "custom", path: ["prompt"], message });
    }),
  );

export type CreateGenerationInput = z.infer<typeof createGenerationSchema>;
/** What a client sends (before defaults and cleaning). */
export type CreateGenerationRequest = z.input<typeof createGenerationSchema>;
