// Outgoing mail through a real SMTP server in this process (test/support/mail-server.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseConfig, setConfigForTests } from "@/lib/config/env";
import { queueMail, sendMail, settleQueuedMail } from "@/lib/mail/send";
import { invitationMail, mentionMail, passwordResetMail } from "@/lib/mail/templates";
import { MAIL_TIMEOUTS, mailEnabled, mailTransport } from "@/lib/mail/transport";
import { closedPort, type MailServer, startMailServer, startSilentServer } from "../support/mail-server";

const configureMail = (env: Record<string, string>) => setConfigForTests(parseConfig(env));
const expiresAt = new Date(Date.now() + 7 * 86_400_000);

let errors: string[];
afterEach(() => {
  vi.restoreAllMocks();
  setConfigForTests(undefined);
});
const captureErrors = () => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(" "));
  });
};

describe("mail through a real SMTP server", () => {
  let server: MailServer;
  beforeAll(async () => {
    server = await startMailServer();
  });
  afterAll(() => server.close());

  it("delivers each template with its To, From, Subject and link", async () => {
    configureMail({ SMTP_URL: server.url, MAIL_FROM: "Studio Team <team@studio.example>" });
    expect(mailEnabled()).toBe(true);
    const messages = [
      {
        to: "invitee@example.com",
        link: "https://studio.example.com/invite/inv_42",
        ...invitationMail({
          inviterName: "Ana Lima",
          role: "reviewer",
          acceptUrl: "https://studio.example.com/invite/inv_42",
          expiresAt,
        }),
      },
      {
        to: { name: "Ben Ode", address: "ben@example.com" },
        link: "https://studio.example.com/reset?token=rst_7",
        ...passwordResetMail({
          resetUrl: "https://studio.example.com/reset?token=rst_7",
          expiresAt,
          name: "Ben",
        }),
      },
      {
        to: "chen@example.com",
        link: "https://studio.example.com/clips/gen_9?t=12.5",
        ...mentionMail({
          mentionerName: "Dee ✨",
          prompt: "Ein Fuchs läuft durch frischen Schnee, Kamera tief",
          comment: "@Chen the tail = flickering, see 0:12 — “fix?”",
          clipUrl: "https://studio.example.com/clips/gen_9",
          atSec: 12.5,
        }),
      },
    ];
    for (const { link, ...message } of messages) {
      const result = await sendMail(message);
      expect(result).toMatchObject({ sent: true });
      const address = typeof message.to === "string" ? message.to : message.to.address;
      const got = await server.waitFor((m) => m.envelope.to.includes(address));
      expect(got.envelope.from).toBe("team@studio.example");
      expect(got.from).toBe("Studio Team <team@studio.example>");
      expect(got.to).toContain(address);
      expect(got.subject).toBe(message.subject);
      expect(got.text).toBe(message.text);
      expect(got.text).toContain(link);
      expect(got.html).toContain(`href="${link.replaceAll("&", "&amp;")}"`);
      expect(got.headers["message-id"]).toBe(result.sent ? result.messageId : "");
    }
    expect(server.messages[1]?.to).toBe("Ben Ode <ben@example.com>");
    expect(server.messages[2]?.subject).toContain("Dee ✨ mentioned you on “Ein Fuchs läuft");
  });

  it("sends from the default address when MAIL_FROM is unset", async () => {
    configureMail({ SMTP_URL: server.url });
    await sendMail({ to: "default-from@example.com", subject: "s", text: "t", html: "<p>t</p>" });
    const got = await server.waitFor((m) => m.envelope.to.includes("default-from@example.com"));
    expect(got.from).toBe("Omni Studio <studio@localhost>");
  });

  it("reports a recipient the server refuses as not sent, and logs why", async () => {
    const picky = await startMailServer({ refuse: (a) => a.endsWith("@nowhere.example") });
    try {
      configureMail({ SMTP_URL: picky.url });
      captureErrors();
      const result = await sendMail({ to: "ghost@nowhere.example", subject: "s", text: "t", html: "t" });
      expect(result).toMatchObject({ sent: false, code: "failed" });
      expect(result.sent ? "" : result.reason).toMatch(/550/);
      expect(errors.join("\n")).toMatch(
        /\[mail\] not sent to ghost@nowhere\.example via smtp:\/\/127\.0\.0\.1:\d+: .*550/,
      );
      expect(picky.messages).toHaveLength(0);
    } finally {
      await picky.close();
    }
  });
});

describe("mail to a server that is not there", () => {
  const message = { to: "x@example.com", subject: "s", text: "t", html: "t" };

  it("resolves not sent at once on a closed port, without throwing or leaking the password", async () => {
    configureMail({ SMTP_URL: `smtp://studio:hunter2%40pw@127.0.0.1:${await closedPort()}` });
    captureErrors();
    const started = Date.now();
    const result = await sendMail(message);
    expect(Date.now() - started).toBeLessThan(MAIL_TIMEOUTS.connectionTimeout);
    expect(result).toMatchObject({ sent: false, code: "failed" });
    expect(result.sent ? "" : result.reason).toMatch(/ECONNREFUSED|ECONNECTION/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/\[mail\] not sent to x@example\.com via smtp:\/\/127\.0\.0\.1:\d+:/);
    for (const line of [...errors, result.sent ? "" : result.reason]) {
      expect(line).not.toContain("hunter2");
      expect(line).not.toContain("studio:");
    }
  });

  it("gives up on a server that accepts and never answers, at the deadline", async () => {
    const silent = await startSilentServer();
    try {
      configureMail({ SMTP_URL: silent.url });
      captureErrors();
      const started = Date.now();
      const result = await sendMail(message, { deadlineMs: 400 });
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(350);
      expect(took).toBeLessThan(3_000);
      expect(result).toMatchObject({ sent: false, code: "failed" });
      expect(result.sent ? "" : result.reason).toMatch(/did not finish within 0.4 s/);
    } finally {
      await silent.close();
    }
  });

  it("bounds every SMTP step at about ten seconds", () => {
    configureMail({ SMTP_URL: "smtp://127.0.0.1:25" });
    const options = mailTransport()?.options as Record<string, unknown>;
    for (const key of ["connectionTimeout", "greetingTimeout", "socketTimeout"] as const) {
      expect(options[key]).toBe(10_000);
    }
    expect(options.pool).toBe(false);
  });

  it("queueMail returns at once and never rejects; the failure is logged", async () => {
    configureMail({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
    captureErrors();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const results: unknown[] = [];
      expect(queueMail(message, (r) => results.push(r))).toBeUndefined();
      // The callback's own failure is caught too.
      queueMail(message, () => {
        throw new Error("caller bug");
      });
      expect(results).toHaveLength(0);
      await settleQueuedMail();
      await new Promise((r) => setTimeout(r, 20));
      expect(results).toEqual([expect.objectContaining({ sent: false, code: "failed" })]);
      expect(unhandled).toEqual([]);
      expect(errors.filter((e) => e.startsWith("[mail] not sent"))).toHaveLength(2);
      expect(errors.some((e) => e.includes("caller bug"))).toBe(true);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("says mail is off without SMTP_URL, and sends nothing", async () => {
    configureMail({});
    captureErrors();
    expect(mailEnabled()).toBe(false);
    expect(await sendMail(message)).toEqual({
      sent: false,
      code: "off",
      reason: "mail is off: SMTP_URL is not set",
    });
    expect(errors).toEqual([]);
  });
});

describe("SMTP authentication", () => {
  it("logs in with the user and password in SMTP_URL", async () => {
    const server = await startMailServer({ user: "studio@example.com", pass: "p@ss:w/rd" });
    try {
      expect(server.url).toContain("studio%40example.com:p%40ss%3Aw%2Frd@");
      configureMail({ SMTP_URL: server.url });
      expect(await sendMail({ to: "a@example.com", subject: "s", text: "t", html: "t" })).toMatchObject({
        sent: true,
      });
      const got = await server.waitFor((m) => m.envelope.to.includes("a@example.com"));
      expect(got.login).toMatchObject({ username: "studio@example.com", password: "p@ss:w/rd" });
      expect(server.logins).toEqual([expect.objectContaining({ accepted: true })]);
    } finally {
      await server.close();
    }
  });

  it("reports a wrong password as not sent, without the password in the log", async () => {
    const server = await startMailServer({ user: "studio", pass: "right-password" });
    try {
      configureMail({ SMTP_URL: server.url.replace("right-password", "wrong-password") });
      captureErrors();
      const result = await sendMail({ to: "a@example.com", subject: "s", text: "t", html: "t" });
      expect(result).toMatchObject({ sent: false, code: "failed" });
      expect(result.sent ? "" : result.reason).toMatch(/EAUTH/);
      expect(server.logins).toEqual([expect.objectContaining({ username: "studio", accepted: false })]);
      expect(server.messages).toHaveLength(0);
      expect(errors.join("\n")).not.toContain("wrong-password");
    } finally {
      await server.close();
    }
  });

  it("speaks implicit TLS for smtps:// URLs", async () => {
    const server = await startMailServer({ secure: true, user: "u", pass: "p" });
    try {
      configureMail({ SMTP_URL: server.url });
      expect(await sendMail({ to: "tls@example.com", subject: "s", text: "t", html: "t" })).toMatchObject({
        sent: true,
      });
      const got = await server.waitFor((m) => m.envelope.to.includes("tls@example.com"));
      expect(got.login?.username).toBe("u");
    } finally {
      await server.close();
    }
  });
});
