import * as z from "zod/mini";
import { cleanLabel, MAX_LABEL_CHARS, MAX_REFERENCES } from "@/lib/generations/limits";
import { ID_PATTERN, idSchema as id, visibleText } from "@/lib/validation/fields";
import { MAX_AUTHOR_CHARS, MAX_COMMENT_CHARS, REVIEW_STATUSES } from "./limits";

// Browser-safe schemas for review writes and characters, shared by forms and server actions.

export * from "./limits";

export const reviewUpdateSchema = z.strictObject({
  generationId: id("generationId"),
  favorite: z.optional(z.boolean({ error: "favorite must be true or false" })),
  reviewStatus: z.optional(
    z.enum(REVIEW_STATUSES, { error: `reviewStatus must be one of ${REVIEW_STATUSES.join(", ")}` }),
  ),
  /** Marks this take as the chosen one of its group (and unmarks the others). */
  chosen: z.optional(z.boolean({ error: "chosen must be true or false" })),
  /**
   * The status the client last saw. When the clip's status is no longer that (someone else changed it),
   * the change is refused with who changed it. Optional, for scripts that mean to overwrite.
   */
  expectedStatus: z.optional(
    z.enum(REVIEW_STATUSES, { error: `expectedStatus must be one of ${REVIEW_STATUSES.join(", ")}` }),
  ),
  /** The take of the group the client last saw chosen (null: none), checked like expectedStatus. */
  expectedChosenId: z.optional(z.nullable(id("expectedChosenId"))),
});
export type ReviewUpdate = z.infer<typeof reviewUpdateSchema>;

const commentBody = z
  .string({ error: "the comment is required" })
  .check(
    z.trim(),
    visibleText("the comment must not be empty (spaces and invisible characters do not count)"),
    z.maxLength(
      MAX_COMMENT_CHARS,
      `a comment can have at most ${MAX_COMMENT_CHARS.toLocaleString("en-US")} characters`,
    ),
  );

export const authorSchema = z.strictObject({
  authorId: z.string({ error: "authorId is required" }).check(z.regex(ID_PATTERN, "authorId is not valid")),
  authorName: z
    .string({ error: "your display name is required" })
    .check(
      z.overwrite(cleanLabel),
      visibleText("set a display name first (one that shows something)"),
      z.maxLength(MAX_AUTHOR_CHARS, `display names have at most ${MAX_AUTHOR_CHARS} characters`),
    ),
});

export const newCommentSchema = z.strictObject({
  generationId: id("generationId"),
  // Numbers are finite in zod 4: Infinity and NaN are not numbers here.
  atSec: z
    .number({ error: "atSec must be a number of seconds" })
    .check(z.minimum(0, "atSec must not be negative")),
  body: commentBody,
  author: authorSchema,
});

export const editCommentSchema = z.strictObject({
  commentId: id("commentId"),
  body: commentBody,
  authorId: authorSchema.shape.authorId,
});

export const deleteCommentSchema = z.strictObject({
  commentId: id("commentId"),
  authorId: authorSchema.shape.authorId,
});

export const characterSchema = z.strictObject({
  name: z
    .string({ error: "the name is required" })
    .check(
      z.overwrite(cleanLabel),
      visibleText("the name must not be empty (spaces and invisible characters do not count)"),
      z.maxLength(60, "names have at most 60 characters"),
    ),
  description: z._default(
    z.string().check(z.trim(), z.maxLength(500, "descriptions have at most 500 characters")),
    "",
  ),
  images: z
    .array(
      z.strictObject({
        assetId: id("assetId"),
        label: z._default(z.string().check(z.overwrite(cleanLabel), z.maxLength(MAX_LABEL_CHARS)), ""),
      }),
      { error: "images must be a list" },
    )
    .check(
      z.minLength(1, "a character needs at least 1 image"),
      z.maxLength(MAX_REFERENCES, `a character has at most ${MAX_REFERENCES} images`),
      z.refine(
        (imgs) => new Set(imgs.map((i) => i.assetId)).size === imgs.length,
        "the same image is listed twice",
      ),
    ),
});
export type CharacterInput = z.input<typeof characterSchema>;
