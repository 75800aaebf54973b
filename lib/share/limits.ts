// Share links' vocabularies and limits: plain values, browser-safe (the dialog and the guest page use
// them), no validation library. The schema that enforces them is ./schema.ts.
import { LINK_PERMISSIONS, type LinkPermission } from "@/lib/auth/actor";

export { LINK_PERMISSIONS, type LinkPermission };

export const SHARE_KINDS = ["generation", "take_group", "gallery_view", "project", "sequence"] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/** A link lives at most this long: a review link is for a review, not a standing door into the studio. */
export const MAX_LINK_DAYS = 90;
export const DEFAULT_LINK_DAYS = 7;
/** The expiries the dialog offers. */
export const LINK_DAY_CHOICES = [1, 7, 30, 90] as const;
export const MIN_LINK_PASSWORD = 6;
export const MAX_LINK_PASSWORD = 128;
export const MAX_LINK_TITLE = 80;
/** A gallery view's query string, as stored. */
export const MAX_VIEW_QUERY = 1_000;
/** Guest names are shown as "<name> (guest)", which must fit a comment's author name (40). */
export const MAX_GUEST_NAME = 32;
export const GUEST_MARK = " (guest)";

export const PERMISSION_LABELS: Record<LinkPermission, string> = {
  comment: "Comment",
  review: "Approve or request changes",
  download: "Download",
};

/** The secret's prefix: `shr_` and 43 base64url characters (lib/accounts/secrets.ts). */
export const SHARE_TOKEN_PREFIX = "shr";

/** The guest's path for a link's secret. */
export function sharePath(token: string): string {
  return `/r/${token}`;
}
