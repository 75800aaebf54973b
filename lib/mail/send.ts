import "server-only";
import { getConfig } from "@/lib/config/env";
import type { MailContent } from "./templates";
import { mailTransport } from "./transport";

export interface MailMessage extends MailContent {
  to: string | { name: string; address: string };
}

/** `off`: SMTP_URL is not set (show the link instead); `failed`: the server refused, failed or did not answer. */
export type SendResult =
  | { sent: true; messageId: string }
  | { sent: false; code: "off" | "failed"; reason: string };

/** The whole send (connect, greet, authenticate, deliver) gives up after this, whatever the server does. */
export const MAIL_DEADLINE_MS = 30_000;

/**
 * Sends one message and says whether it went. Never throws: a failure is logged (without the SMTP
 * password) and returned, so the caller's request goes on and can offer the link instead.
 */
export async function sendMail(
  message: MailMessage,
  options: { deadlineMs?: number } = {},
): Promise<SendResult> {
  const deadlineMs = options.deadlineMs ?? MAIL_DEADLINE_MS;
  let url: string | undefined;
  try {
    const mail = getConfig().mail;
    const transport = mailTransport();
    if (!mail || !transport) return { sent: false, code: "off", reason: "mail is off: SMTP_URL is not set" };
    url = mail.url;
    const info = await transport.sendMail({
      from: mail.from.name ? mail.from : mail.from.address,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      signal: AbortSignal.timeout(deadlineMs),
    });
    return { sent: true, messageId: info.messageId };
  } catch (err) {
    const reason = redact(describeFailure(err, deadlineMs), url);
    const to = typeof message.to === "string" ? message.to : message.to.address;
    console.error(`[mail] not sent to ${to} via ${url ? safeOrigin(url) : "SMTP"}: ${reason}`);
    return { sent: false, code: "failed", reason };
  }
}

const queued = new Set<Promise<void>>();

/**
 * Sends in the background and returns at once, for requests that must not wait on a mail server. Nothing
 * it does can throw into the caller or reject unhandled; `onResult` hears how it went (its own errors
 * are logged too).
 */
export function queueMail(message: MailMessage, onResult?: (result: SendResult) => void): void {
  const job: Promise<void> = Promise.resolve()
    .then(() => sendMail(message))
    .then((result) => onResult?.(result))
    .catch((err) => console.error(`[mail] after a queued send: ${redact(String(err), getMailUrl())}`))
    .finally(() => queued.delete(job));
  queued.add(job);
}

/** Resolves when every queued mail has been sent or given up: for tests, and for a graceful shutdown. */
export async function settleQueuedMail(): Promise<void> {
  while (queued.size > 0) await Promise.allSettled([...queued]);
}

function getMailUrl(): string | undefined {
  try {
    return getConfig().mail?.url;
  } catch {
    return undefined;
  }
}

function describeFailure(err: unknown, deadlineMs: number): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  if (code === "EABORT" && (err.cause as Error | undefined)?.name === "TimeoutError")
    return `the SMTP server did not finish within ${deadlineMs / 1000} s (EABORT)`;
  return typeof code === "string" ? `${err.message} (${code})` : err.message;
}

/** smtp://host:port without the user and password, for logs. */
function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "SMTP";
  }
}

/** Takes the SMTP password (as written and decoded) and any user:password@ out of a message. */
export function redact(text: string, url: string | undefined): string {
  let out = text.replace(/\/\/[^/\s@]*:[^/\s@]*@/g, "//***@");
  if (url && URL.canParse(url)) {
    const { password } = new URL(url);
    for (const secret of new Set([password, safeDecode(password)]))
      if (secret.length > 0) out = out.replaceAll(secret, "***");
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
