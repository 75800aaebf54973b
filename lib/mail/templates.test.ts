import { describe, expect, it } from "vitest";
import {
  clipMomentUrl,
  escapeHtml,
  excerpt,
  formatExpiry,
  invitationMail,
  mentionMail,
  passwordResetMail,
} from "./templates";

const now = new Date("2026-07-07T14:30:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);
const hostile = `<script>alert("x")</script> & 'co'`;

describe("invitationMail", () => {
  const base = {
    inviterName: "Ana Lima",
    role: "editor" as const,
    acceptUrl: "https://studio.example.com/invite/abc123",
    expiresAt: inDays(7),
    now,
  };

  it("names the inviter, the role, the link and the expiry in both parts", () => {
    const m = invitationMail(base);
    expect(m.subject).toBe("Ana Lima invited you to Omni Studio");
    for (const part of [m.text, m.html]) {
      expect(part).toContain("Ana Lima");
      expect(part).toContain("https://studio.example.com/invite/abc123");
      expect(part).toContain("Tue, 14 Jul 2026, 14:30 UTC (in 7 days)");
    }
    expect(m.text).toContain("invited you to Omni Studio as an editor");
    expect(m.text).toContain("upload, generate clips");
    expect(m.html).toContain('href="https://studio.example.com/invite/abc123"');
    expect(invitationMail({ ...base, role: "admin" }).text).toContain("as an admin");
    expect(invitationMail({ ...base, role: "reviewer" }).text).toContain("as a reviewer");
  });

  it("escapes a hostile name in the HTML and keeps it out of the subject's line breaks", () => {
    const m = invitationMail({ ...base, inviterName: `${hostile}\r\nBcc: x@evil.example` });
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.text).toContain(`<script>alert("x")</script>`);
  });

  it("refuses links that are not absolute http(s) and roles that do not exist", () => {
    expect(() => invitationMail({ ...base, acceptUrl: "javascript:alert(1)" })).toThrow(/acceptUrl/);
    expect(() => invitationMail({ ...base, acceptUrl: "/invite/abc" })).toThrow(/acceptUrl/);
    expect(() => invitationMail({ ...base, role: "god" as "owner" })).toThrow(/role must be one of/);
  });

  it("escapes a link's quotes so the href cannot be broken out of", () => {
    const m = invitationMail({ ...base, acceptUrl: `https://studio.example.com/i?x="><b>` });
    expect(m.html).not.toContain('"><b>');
  });
});

describe("passwordResetMail", () => {
  it("carries the link and a short expiry, and greets by name when known", () => {
    const m = passwordResetMail({
      resetUrl: "https://studio.example.com/reset?token=t0k",
      expiresAt: new Date(now.getTime() + 3_600_000),
      name: "Ben",
      now,
    });
    expect(m.subject).toBe("Reset your Omni Studio password");
    expect(m.text).toMatch(/^Hello Ben,/);
    for (const part of [m.text, m.html]) expect(part).toContain("https://studio.example.com/reset?token=t0k");
    expect(m.text).toContain("(in 1 hour)");
    expect(m.html).toContain("ignore this mail");
    const anonymous = passwordResetMail({ resetUrl: "https://s.example/r", expiresAt: inDays(1), now });
    expect(anonymous.text).toMatch(/^Hello,/);
    expect(anonymous.text).toContain("(in 24 hours)");
  });

  it("escapes the name", () => {
    const m = passwordResetMail({
      resetUrl: "https://s.example/r",
      expiresAt: inDays(1),
      name: hostile,
      now,
    });
    expect(m.html).not.toContain("<script>");
  });
});

describe("mentionMail", () => {
  const base = {
    mentionerName: "Chen",
    prompt:
      "A red fox runs through fresh snow at dawn, the camera low and tracking beside it as the sun rises",
    comment: "@Ana the fox's tail flickers here, can you regenerate?",
    clipUrl: "https://studio.example.com/clips/gen_123",
    atSec: 4.26,
  };

  it("says who mentioned you, quotes the comment and links to the moment", () => {
    const m = mentionMail(base);
    expect(m.subject).toBe("Chen mentioned you on “A red fox runs through fresh snow at dawn, the…”");
    expect(m.text).toContain("Chen mentioned you in a comment at 0:04");
    expect(m.text).toContain("> @Ana the fox's tail flickers here, can you regenerate?");
    expect(m.text).toContain("https://studio.example.com/clips/gen_123?t=4.3");
    expect(m.html).toContain('href="https://studio.example.com/clips/gen_123?t=4.3"');
    expect(m.html).toContain("the fox&#39;s tail");
    expect(m.html).toContain("Open the clip at 0:04");
  });

  it("shortens a long prompt and comment, and escapes both", () => {
    const m = mentionMail({
      ...base,
      prompt: `${hostile} ${"word ".repeat(80)}`,
      comment: `${hostile}\n\n${"x".repeat(600)}`,
    });
    expect(m.html).not.toContain("<script>");
    expect(m.text).toContain("…");
    expect(m.text.length).toBeLessThan(800);
  });
});

describe("helpers", () => {
  it("escapes the five HTML specials", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("cuts excerpts at a word and flattens lines", () => {
    expect(excerpt("one two\nthree", 50)).toBe("one two three");
    expect(excerpt("alpha beta gamma delta", 14)).toBe("alpha beta…");
  });

  it("says when a link expired already, and rounds short waits up to a minute", () => {
    expect(formatExpiry(new Date(now.getTime() - 1000), now)).toContain("(already expired)");
    expect(formatExpiry(new Date(now.getTime() + 10_000), now)).toContain("(in 1 minute)");
  });

  it("keeps the clip URL's own query and sets t", () => {
    expect(clipMomentUrl("https://s.example/clips/g?view=list&t=9", 0)).toBe(
      "https://s.example/clips/g?view=list&t=0",
    );
  });
});
