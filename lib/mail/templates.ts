// The studio's messages, as plain text and simple HTML. Pure functions of their data: every value that
// comes from a person (names, prompts, comments) is escaped in the HTML and flattened to one line where a
// header or a heading shows it; links must be absolute http(s) URLs (a mail has no page to be relative to).

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export const STUDIO_NAME = "Omni Studio";

export type InvitedRole = "owner" | "admin" | "editor" | "reviewer";

const ROLE_CAN: Record<InvitedRole, string> = {
  owner: "do everything, including members, roles and spend caps",
  admin: "manage members and invitations, upload, generate and review",
  editor: "upload, generate clips, edit characters and review",
  reviewer: "view every clip, comment, and set review status and chosen takes",
};

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Whitespace (newlines included) collapsed to single spaces: for subjects, names and one-line quotes. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** At most `max` characters, cut at a word where one is near, with an ellipsis when cut. */
export function excerpt(value: string, max: number): string {
  const flat = oneLine(value);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function httpUrl(value: string, what: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    throw new TypeError(`${what} must be an absolute http(s) URL`);
  return url.href;
}

/** "Tue, 14 Jul 2026, 14:30 UTC (in 7 days)": the reader's time zone is unknown, so UTC, plus how long. */
export function formatExpiry(expiresAt: Date, now: Date): string {
  const date = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  }).format(expiresAt);
  return `${date} UTC (${formatRemaining(expiresAt.getTime() - now.getTime())})`;
}

function formatRemaining(ms: number): string {
  if (ms <= 0) return "already expired";
  const minutes = Math.round(ms / 60_000);
  const plural = (n: number, unit: string) => `in ${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes < 60) return plural(Math.max(1, minutes), "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural(hours, "hour");
  return plural(Math.round(hours / 24), "day");
}

/** "0:04", "1:02:03" for a moment in a clip. */
export function formatMoment(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The clip page's address with `t` (seconds, one decimal) set, so the link opens at the comment's moment. */
export function clipMomentUrl(clipUrl: string, atSec: number): string {
  const url = new URL(httpUrl(clipUrl, "clipUrl"));
  url.searchParams.set("t", String(Math.round(Math.max(0, atSec) * 10) / 10));
  return url.href;
}

// One layout for every message: a paragraph list, one button, the link spelled out for clients that hide
// buttons, and a footnote. Inline styles only: mail clients drop <style> blocks.
function layout(parts: {
  paragraphs: string[];
  button: { label: string; href: string };
  footnote: string;
}): string {
  const p = (html: string) => `<p style="margin:0 0 16px">${html}</p>`;
  const href = escapeHtml(parts.button.href);
  return [
    "<!doctype html>",
    '<html><body style="margin:0;padding:24px;background:#f6f6f7;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d1d1f;font-size:15px;line-height:1.5">',
    '<div style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:12px;padding:28px">',
    ...parts.paragraphs.map(p),
    p(
      `<a href="${href}" style="display:inline-block;background:#1d1d1f;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:8px;font-weight:600">${escapeHtml(parts.button.label)}</a>`,
    ),
    p(`<span style="color:#6e6e73;font-size:13px">Or open this link: <a href="${href}">${href}</a></span>`),
    `<p style="margin:0;color:#6e6e73;font-size:13px">${parts.footnote}</p>`,
    "</div></body></html>",
  ].join("\n");
}

export interface InvitationMailData {
  inviterName: string;
  role: InvitedRole;
  acceptUrl: string;
  expiresAt: Date;
  studioName?: string;
  now?: Date;
}

export function invitationMail(data: InvitationMailData): MailContent {
  const inviter = oneLine(data.inviterName) || "A member";
  const studio = oneLine(data.studioName ?? STUDIO_NAME);
  const link = httpUrl(data.acceptUrl, "acceptUrl");
  const expiry = formatExpiry(data.expiresAt, data.now ?? new Date());
  if (!Object.hasOwn(ROLE_CAN, data.role))
    throw new TypeError(`role must be one of ${Object.keys(ROLE_CAN).join(", ")}`);
  const article = /^[aeiou]/.test(data.role) ? "an" : "a";
  const invited = `${inviter} invited you to ${studio} as ${article} ${data.role}`;
  const can = `As ${article} ${data.role} you can ${ROLE_CAN[data.role]}.`;
  const ignore = "If you did not expect this invitation, you can ignore this mail.";
  return {
    subject: `${inviter} invited you to ${studio}`,
    text: [
      `${invited}.`,
      can,
      `Accept the invitation:\n${link}`,
      `The link expires on ${expiry}.`,
      ignore,
    ].join("\n\n"),
    html: layout({
      paragraphs: [
        `<strong>${escapeHtml(inviter)}</strong> invited you to ${escapeHtml(studio)} as ${article} <strong>${escapeHtml(data.role)}</strong>.`,
        escapeHtml(can),
      ],
      button: { label: "Accept the invitation", href: link },
      footnote: `The link expires on ${escapeHtml(expiry)}. ${escapeHtml(ignore)}`,
    }),
  };
}

export interface PasswordResetMailData {
  resetUrl: string;
  expiresAt: Date;
  name?: string;
  studioName?: string;
  now?: Date;
}

export function passwordResetMail(data: PasswordResetMailData): MailContent {
  const studio = oneLine(data.studioName ?? STUDIO_NAME);
  const link = httpUrl(data.resetUrl, "resetUrl");
  const expiry = formatExpiry(data.expiresAt, data.now ?? new Date());
  const name = oneLine(data.name ?? "");
  const greeting = name ? `Hello ${name},` : "Hello,";
  const asked = `Someone asked to reset the password of your ${studio} account. Choose a new password here:`;
  const ignore = "If it was not you, ignore this mail: your password stays as it is.";
  return {
    subject: `Reset your ${studio} password`,
    text: [greeting, `${asked}\n${link}`, `The link expires on ${expiry} and works once.`, ignore].join(
      "\n\n",
    ),
    html: layout({
      paragraphs: [escapeHtml(greeting), escapeHtml(asked)],
      button: { label: "Choose a new password", href: link },
      footnote: `The link expires on ${escapeHtml(expiry)} and works once. ${escapeHtml(ignore)}`,
    }),
  };
}

export interface MentionMailData {
  mentionerName: string;
  /** The clip's prompt; shortened here to a snippet. */
  prompt: string;
  /** The comment's text; shortened here to an excerpt. */
  comment: string;
  /** The clip page's absolute address; the link adds the comment's moment (`t`). */
  clipUrl: string;
  atSec: number;
  studioName?: string;
}

export function mentionMail(data: MentionMailData): MailContent {
  const who = oneLine(data.mentionerName) || "A member";
  const studio = oneLine(data.studioName ?? STUDIO_NAME);
  const prompt = excerpt(data.prompt, 100) || "(no prompt)";
  const comment = excerpt(data.comment, 280);
  const link = clipMomentUrl(data.clipUrl, data.atSec);
  const at = formatMoment(data.atSec);
  const lead = `${who} mentioned you in a comment at ${at} on the clip “${prompt}”:`;
  return {
    subject: `${who} mentioned you on “${excerpt(data.prompt, 50) || "a clip"}”`,
    text: [
      lead,
      `> ${comment}`,
      `Open the clip at ${at}:\n${link}`,
      `You get this mail as a member of ${studio}.`,
    ].join("\n\n"),
    html: layout({
      paragraphs: [
        escapeHtml(lead),
        `<span style="display:block;border-left:3px solid #d2d2d7;padding-left:12px;color:#3a3a3c">${escapeHtml(comment)}</span>`,
      ],
      button: { label: `Open the clip at ${at}`, href: link },
      footnote: `You get this mail as a member of ${escapeHtml(studio)}.`,
    }),
  };
}
