import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "@/lib/config/env";

/**
 * How long one SMTP step may take. nodemailer's own defaults (2 min to connect, 10 min of silence) would
 * hold a request or a worker for minutes on a dead server; these bound every step, and send.ts bounds the
 * whole send on top. A query parameter in SMTP_URL (e.g. ?socketTimeout=30000) overrides them.
 */
export const MAIL_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 10_000,
  dnsTimeout: 10_000,
} as const;

/** Whether SMTP_URL is set: without it, callers show a link instead of mailing it. */
export function mailEnabled(): boolean {
  return getConfig().mail !== null;
}

/** A transport for one SMTP URL: one connection per message (no pool), so a broken one is never reused. */
export function createMailTransport(url: string): Transporter {
  return nodemailer.createTransport({ url, pool: false, ...MAIL_TIMEOUTS, logger: false });
}

let current: { url: string; transport: Transporter } | undefined;

/**
 * The process's transport, made on first use from the configuration. Tests that switch configurations
 * (setConfigForTests) get a new one when the URL changes. Null while mail is off.
 */
export function mailTransport(): Transporter | null {
  const mail = getConfig().mail;
  if (!mail) return null;
  if (current?.url !== mail.url) {
    current?.transport.close();
    current = { url: mail.url, transport: createMailTransport(mail.url) };
  }
  return current.transport;
}
