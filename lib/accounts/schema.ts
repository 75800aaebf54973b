// Browser-safe schemas for the members, invitations, tokens and spend-cap writes: the forms, the server
// actions (app/(account)/actions.ts) and the routes under /api parse with the same ones.
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import { MEMBER_ROLES } from "@/lib/auth/actor";
import { idSchema } from "@/lib/validation/fields";

z.config(en());

/** Most a cap may be, in US dollars a day: a typo guard (a cap is a brake, not a budget plan). */
export const MAX_SPEND_CAP_USD = 100_000;
export const INVITE_DAYS_MIN = 1;
export const INVITE_DAYS_MAX = 30;
export const MAX_TOKEN_NAME = 60;
export const MAX_EMAIL = 254;

export const memberId = idSchema("the member id");
export const invitationId = idSchema("the invitation id");
export const tokenId = idSchema("the token id");

export const roleSchema = z.enum(MEMBER_ROLES, {
  error: `role must be one of ${MEMBER_ROLES.join(", ")}`,
});

/** A daily cap in dollars (cents at most), or null for none. */
export const spendCapSchema = (field: string) =>
  z.nullable(
    z.number({ error: `${field} must be a number of US dollars, or null for no cap` }).check(
      z.minimum(0, `${field} must not be negative (0 stops paid generation, null removes the cap)`),
      z.maximum(
        MAX_SPEND_CAP_USD,
        `${field} must be at most ${MAX_SPEND_CAP_USD.toLocaleString("en-US")} dollars a day`,
      ),
      z.refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, `${field} must be in whole cents`),
    ),
  );

export const memberUpdateSchema = z
  .strictObject({
    role: z.optional(roleSchema),
    dailySpendCapUsd: z.optional(spendCapSchema("dailySpendCapUsd")),
  })
  .check(
    z.refine((v) => v.role !== undefined || v.dailySpendCapUsd !== undefined, {
      message: "send role and/or dailySpendCapUsd",
      path: ["role"],
    }),
  );
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;

export const teamSpendSchema = z.strictObject({
  teamDailySpendCapUsd: spendCapSchema("teamDailySpendCapUsd"),
});

// A mailbox with a dotted or single-label domain, no spaces or brackets (as lib/config/env.ts takes them).
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+$/;

export const invitationSchema = z.strictObject({
  role: roleSchema,
  /** Who it is for: mailed there when SMTP is set. Empty means none. */
  email: z.optional(
    z.nullable(
      z.string({ error: "email must be text" }).check(
        z.trim(),
        z.maxLength(MAX_EMAIL, `email must be at most ${MAX_EMAIL} characters`),
        z.refine((v) => v === "" || EMAIL.test(v), "email must look like name@example.com, or be left empty"),
      ),
    ),
  ),
  days: z.optional(
    z
      .int({ error: `days must be a whole number from ${INVITE_DAYS_MIN} to ${INVITE_DAYS_MAX}` })
      .check(
        z.minimum(INVITE_DAYS_MIN, `days must be at least ${INVITE_DAYS_MIN}`),
        z.maximum(INVITE_DAYS_MAX, `days must be at most ${INVITE_DAYS_MAX}`),
      ),
  ),
});
export type InvitationInput = z.infer<typeof invitationSchema>;

export const tokenSchema = z.strictObject({
  name: z
    .string({ error: "name is required" })
    .check(
      z.trim(),
      z.minLength(1, 'name must not be empty: name the token after what uses it (e.g. "render script")'),
      z.maxLength(MAX_TOKEN_NAME, `name must be at most ${MAX_TOKEN_NAME} characters`),
    ),
});
