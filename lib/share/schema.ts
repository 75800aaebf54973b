import * as z from "zod/mini";
import { cleanLabel } from "@/lib/generations/limits";
import { visibleText } from "@/lib/validation/fields";
import {
  DEFAULT_LINK_DAYS,
  LINK_PERMISSIONS,
  MAX_GUEST_NAME,
  MAX_LINK_DAYS,
  MAX_LINK_PASSWORD,
  MAX_LINK_TITLE,
  MAX_VIEW_QUERY,
  MIN_LINK_PASSWORD,
  SHARE_KINDS,
} from "./limits";

// What a member sends to make a share link, and what a guest sends (a password, a name, a comment, a
// review status). Browser-safe; the services parse with the same schemas.

export const createShareLinkSchema = z.strictObject({
  kind: z.enum(SHARE_KINDS, { error: `kind must be one of ${SHARE_KINDS.join(", ")}` }),
  /** A clip id, a take group id, or a gallery view's query string ("status=completed&q=castle"). */
  target: z
    .string({ error: "target is required: a clip id, a take group id, or a gallery view's query string" })
    .check(z.maxLength(MAX_VIEW_QUERY, `target has at most ${MAX_VIEW_QUERY} characters`)),
  permissions: z._default(
    z
      .array(
        z.enum(LINK_PERMISSIONS, {
          error: `permissions: each must be one of ${LINK_PERMISSIONS.join(", ")} (viewing is always allowed)`,
        }),
        { error: `permissions must be a list of ${LINK_PERMISSIONS.join(", ")}` },
      )
      .check(
        z.refine((p) => new Set(p).size === p.length, "permissions: each permission may be listed once"),
      ),
    [],
  ),
  expiresInDays: z._default(
    z
      .number({ error: `expiresInDays must be a whole number of days from 1 to ${MAX_LINK_DAYS}` })
      .check(
        z.int(`expiresInDays must be a whole number of days from 1 to ${MAX_LINK_DAYS}`),
        z.minimum(1, "expiresInDays must be at least 1 day"),
        z.maximum(MAX_LINK_DAYS, `expiresInDays can be at most ${MAX_LINK_DAYS} days`),
      ),
    DEFAULT_LINK_DAYS,
  ),
  /** Empty or absent: no password. */
  password: z.optional(
    z.string({ error: "password must be text" }).check(
      z.maxLength(MAX_LINK_PASSWORD, `password has at most ${MAX_LINK_PASSWORD} characters`),
      z.refine(
        (p) => p.length === 0 || p.length >= MIN_LINK_PASSWORD,
        `password needs at least ${MIN_LINK_PASSWORD} characters (or leave it empty for none)`,
      ),
    ),
  ),
  title: z.optional(
    z
      .string({ error: "title must be text" })
      .check(
        z.overwrite(cleanLabel),
        z.maxLength(MAX_LINK_TITLE, `title has at most ${MAX_LINK_TITLE} characters`),
      ),
  ),
});
export type CreateShareLinkInput = z.input<typeof createShareLinkSchema>;

export const guestPasswordSchema = z.strictObject({
  password: z
    .string({ error: "password is required" })
    .check(
      z.minLength(1, "password is required"),
      z.maxLength(MAX_LINK_PASSWORD, `password has at most ${MAX_LINK_PASSWORD} characters`),
    ),
});

export const guestNameSchema = z.strictObject({
  name: z
    .string({ error: "name is required: the name the team will see on your comments" })
    .check(
      z.overwrite(cleanLabel),
      visibleText("name must not be empty: give the name the team will see on your comments"),
      z.maxLength(MAX_GUEST_NAME, `name has at most ${MAX_GUEST_NAME} characters`),
    ),
});

export const guestCommentSchema = z.strictObject({
  atSec: z
    .number({ error: "atSec must be a number of seconds" })
    .check(z.minimum(0, "atSec must not be negative")),
  body: z.string({ error: "body is required: the comment's text" }),
});

/** A guest sets a review status only (no star, no chosen take: those are the team's). */
export const guestReviewSchema = z.strictObject({
  reviewStatus: z.enum(["pending", "approved", "changes_requested"], {
    error: "reviewStatus must be one of pending, approved, changes_requested",
  }),
});
