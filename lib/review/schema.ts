import { z } from "zod";
import { cleanLabel, MAX_LABEL_CHARS, MAX_REFERENCES } from "@/lib/generations/schema";

// Browser-safe schemas for review writes and characters, shared by forms and server actions.

export const REVIEW_STATUSES = ["pending", "approved", "changes_requested"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const MAX_COMMENT_CHARS = 2_000;
export const MAX_AUTHOR_CHARS = 40;

const id = (what: string) =>
  z.string({ error: `${what} is required` }).regex(/^[A-Za-z0-9_-]{8,64}$/, `${what} is not valid`);

export const reviewUpdateSchema = z.strictObject({
  generationId: id("generationId"),
  favorite: z.boolean({ error: "favorite must be true or false" }).optional(),
  reviewStatus: z
    .enum(REVIEW_STATUSES, { error: `reviewStatus must be one of ${REVIEW_STATUSES.join(", ")}` })
    .optional(),
  /** Marks this take as the chosen one of its group (and unmarks the others). */
  chosen: z.boolean({ error: "chosen must be true or false" }).optional(),
});
export type ReviewUpdate = z.infer<typeof reviewUpdateSchema>;

const commentBody = z
  .string({ error: "the comment is required" })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, "the comment must not be empty")
      .max(
        MAX_COMMENT_CHARS,
        `a comment can have at most ${MAX_COMMENT_CHARS.toLocaleString("en-US")} characters`,
      ),
  );

export const authorSchema = z.strictObject({
  authorId: z
    .string({ error: "authorId is required" })
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "authorId is not valid"),
  authorName: z
    .string({ error: "your display name is required" })
    .transform(cleanLabel)
    .pipe(
      z
        .string()
        .min(1, "set a display name first")
        .max(MAX_AUTHOR_CHARS, `display names have at most ${MAX_AUTHOR_CHARS} characters`),
    ),
});

export const newCommentSchema = z.strictObject({
  generationId: id("generationId"),
  atSec: z
    .number({ error: "atSec must be a number of seconds" })
    .finite()
    .min(0, "atSec must not be negative"),
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
    .transform(cleanLabel)
    .pipe(z.string().min(1, "the name must not be empty").max(60, "names have at most 60 characters")),
  description: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().max(500, "descriptions have at most 500 characters"))
    .default(""),
  images: z
    .array(
      z.strictObject({
        assetId: id("assetId"),
        label: z.string().transform(cleanLabel).pipe(z.string().max(MAX_LABEL_CHARS)).default(""),
      }),
      { error: "images must be a list" },
    )
    .min(1, "a character needs at least 1 image")
    .max(MAX_REFERENCES, `a character has at most ${MAX_REFERENCES} images`)
    .refine(
      (imgs) => new Set(imgs.map((i) => i.assetId)).size === imgs.length,
      "the same image is listed twice",
    ),
});
export type CharacterInput = z.input<typeof characterSchema>;

/** "0:03.2" style times, as the player and comments show them. */
export function formatClipTime(sec: number): string {
  const safe = Math.max(0, sec);
  const m = Math.floor(safe / 60);
  const s = safe - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
}
