import * as z from "zod/mini";
import { cleanLabel, MAX_LABEL_CHARS, MAX_REFERENCES } from "@/lib/generations/limits";
import { idSchema as id, visibleText } from "@/lib/validation/fields";
import { type Drawing, type Point, round4 } from "./drawing";
import {
  DRAW_COLORS,
  DRAW_TOOLS,
  MAX_COMMENT_CHARS,
  MAX_DRAWING_SHAPES,
  MAX_STROKE_POINTS,
  REVIEW_STATUSES,
} from "./limits";

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

export const commentBody = z
  .string({ error: "the comment is required" })
  .check(
    z.trim(),
    visibleText("the comment must not be empty (spaces and invisible characters do not count)"),
    z.maxLength(
      MAX_COMMENT_CHARS,
      `a comment can have at most ${MAX_COMMENT_CHARS.toLocaleString("en-US")} characters`,
    ),
  );

/** Fields a comment used to carry when browsers named their own author: refused by name, so a script that
 * still sends them learns why. */
const AUTHOR_FIELDS = ["author", "authorId", "authorName", "authorUserId", "guestName"];

const unknownFields = (what: string) => (iss: { code?: string; keys?: string[] }) => {
  if (iss.code !== "unrecognized_keys") return undefined;
  const keys = iss.keys ?? [];
  if (keys.some((k) => AUTHOR_FIELDS.includes(k))) {
    return `${keys.join(", ")}: not accepted; a comment is signed by whoever sends it (the signed-in member, the API token's owner, or the share link's guest)`;
  }
  return `unknown field(s) in ${what}: ${keys.join(", ")}`;
};

const seconds = (name: string) =>
  z
    .number({ error: `${name} must be a number of seconds` })
    .check(z.minimum(0, `${name} must not be negative`));

// ---- Drawn notes (./drawing.ts says what the plane is) ----

const BETWEEN_0_AND_1 = "must be a number between 0 and 1 (a fraction of the picture's width or height)";
const coordinate = z
  .number({ error: BETWEEN_0_AND_1 })
  .check(z.minimum(0, BETWEEN_0_AND_1), z.maximum(1, BETWEEN_0_AND_1), z.overwrite(round4));
const point = z.tuple([coordinate, coordinate], { error: "must be a point [x, y]" });

const shapeSchema = z
  .strictObject(
    {
      tool: z.enum(DRAW_TOOLS, { error: `must be one of ${DRAW_TOOLS.join(", ")}` }),
      color: z.enum(DRAW_COLORS, { error: `must be one of ${DRAW_COLORS.join(", ")}` }),
      points: z.array(point, { error: "must be a list of points [x, y]" }),
    },
    { error: unknownFields("a shape") },
  )
  .check(
    z.superRefine((shape, ctx) => {
      const n = shape.points.length;
      const fail = (message: string) => ctx.addIssue({ code: "custom", path: ["points"], message });
      if (shape.tool === "pen") {
        if (n < 2) fail("must hold at least 2 points for a freehand line");
        else if (n > MAX_STROKE_POINTS)
          fail(`may hold at most ${MAX_STROKE_POINTS} points for a freehand line`);
        return;
      }
      const what = shape.tool === "arrow" ? "an arrow: [tail, head]" : "a box: two opposite corners";
      if (n !== 2) return fail(`must hold exactly 2 points for ${what}`);
      const [[x1, y1], [x2, y2]] = shape.points as [Point, Point];
      if (shape.tool === "arrow" && x1 === x2 && y1 === y2) fail("must be 2 different points for an arrow");
      if (shape.tool === "box" && (x1 === x2 || y1 === y2)) fail("must be 2 corners of a box with an area");
    }),
  );

const drawingShape = z.strictObject(
  {
    shapes: z
      .array(shapeSchema, { error: "must be a list of shapes" })
      .check(
        z.minLength(1, "must hold at least 1 shape (leave drawing out, or null, for none)"),
        z.maxLength(MAX_DRAWING_SHAPES, `may hold at most ${MAX_DRAWING_SHAPES} shapes`),
      ),
  },
  {
    error: (iss) =>
      iss.code === "invalid_type" ? "must be an object { shapes: [...] }" : unknownFields("drawing")(iss),
  },
);

/** "drawing.shapes[2].points[5] (x)" for the issue's path, so a refusal says exactly which number is wrong. */
function drawingPath(path: PropertyKey[]): string {
  let out = "drawing";
  path.forEach((key, i) => {
    if (typeof key !== "number") out += `.${String(key)}`;
    else if (i === path.length - 1 && path[i - 2] === "points") out += ` (${key === 0 ? "x" : "y"})`;
    else out += `[${key}]`;
  });
  return out;
}

/**
 * Shapes drawn on the frame: at most MAX_DRAWING_SHAPES, a freehand line of at most MAX_STROKE_POINTS
 * points, every coordinate a finite number within [0, 1] (kept to 4 decimals), colours from DRAW_COLORS.
 * A refusal names the shape and point.
 */
export const drawingSchema = z.pipe(
  z.unknown(),
  z.transform((raw, ctx): Drawing => {
    const parsed = drawingShape.safeParse(raw);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    ctx.issues.push({
      code: "custom",
      input: raw,
      message: `${drawingPath(issue?.path ?? [])} ${issue?.message ?? "is not a valid drawing"}`,
    });
    return z.NEVER;
  }),
);

// ---- Comments. Who wrote one comes from the server-side actor, never from these. ----

const commentFields = {
  /** Where the thread sits; a reply takes its thread's time, so it may leave this out. */
  atSec: z.optional(seconds("atSec")),
  /** Where a range comment ends: after atSec, within the clip. */
  endSec: z.optional(z.nullable(seconds("endSec"))),
  /** The top-level comment this one replies to. */
  parentId: z.optional(z.nullable(id("parentId"))),
  body: commentBody,
  drawing: z.optional(z.nullable(drawingSchema)),
};

/** What a comment's fields must agree on, beyond each one alone. */
const commentRules = z.superRefine(
  (
    input: { atSec?: number; endSec?: number | null; parentId?: string | null; drawing?: Drawing | null },
    ctx,
  ) => {
    const fail = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
    if (input.parentId) {
      if (input.endSec != null)
        fail("endSec", "a reply sits at its thread's time: endSec belongs on the comment that starts it");
      if (input.drawing)
        fail("drawing", "a reply cannot carry a drawing: drawings go on the comment that starts the thread");
      return;
    }
    if (input.atSec === undefined) {
      fail("atSec", "atSec is required: the second of the clip the comment is about");
    } else if (input.endSec != null && input.endSec <= input.atSec) {
      fail("endSec", `endSec must be after atSec (${input.atSec} s): a range ends after it starts`);
    }
  },
);

export const newCommentSchema = z
  .strictObject({ generationId: id("generationId"), ...commentFields }, { error: unknownFields("a comment") })
  .check(commentRules);
export type NewComment = z.input<typeof newCommentSchema>;

/** What POST /api/generations/:id/comments takes: the clip comes from the path. */
export const postCommentSchema = z
  .strictObject(commentFields, { error: unknownFields("a comment") })
  .check(commentRules);

export const editCommentSchema = z.strictObject(
  { commentId: id("commentId"), body: commentBody },
  { error: unknownFields("an edit") },
);

export const deleteCommentSchema = z.strictObject(
  { commentId: id("commentId") },
  { error: unknownFields("a delete") },
);

/** Resolves a thread (true) or reopens it (false); `commentId` is the thread's first comment. */
export const resolveCommentSchema = z.strictObject(
  {
    commentId: id("commentId"),
    resolved: z.boolean({ error: "resolved must be true (resolve) or false (reopen)" }),
  },
  { error: unknownFields("a resolve") },
);

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
