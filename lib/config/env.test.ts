import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_FAL_MODEL_ID, parseConfig, parseMailbox } from "./env";

describe("parseConfig", () => {
  it("defaults to the preview engine and the embedded database without a key", () => {
    const c = parseConfig({});
    expect(c.provider).toBe("preview");
    expect(c.databaseUrl).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.hostname).toBe("127.0.0.1");
    expect(c.fal.modelId).toBe(DEFAULT_FAL_MODEL_ID);
    expect(c.dataDir.endsWith("/data")).toBe(true);
  });

  it("uses fal when a key is set, and honours an explicit preview choice", () => {
    expect(parseConfig({ FAL_KEY: "k" }).provider).toBe("fal");
    expect(parseConfig({ FAL_KEY: "k", VIDEO_PROVIDER: "preview" }).provider).toBe("preview");
  });

  it("names every bad variable without echoing secrets", () => {
    let error: unknown;
    try {
      parseConfig({
        PORT: "http",
        VIDEO_PROVIDER: "sora",
        FAL_BASE_URL: "not a url",
        DATABASE_URL: "mysql://x",
        FAL_KEY: "secret-key-value",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ["PORT", "VIDEO_PROVIDER", "FAL_BASE_URL", "DATABASE_URL"])
      expect(message).toContain(name);
    expect(message).not.toContain("secret-key-value");
  });

  it("refuses fal without a key", () => {
    expect(() => parseConfig({ VIDEO_PROVIDER: "fal" })).toThrow(/FAL_KEY is not set/);
  });

  it("treats empty values as unset and trims trailing slashes from URLs", () => {
    const c = parseConfig({ FAL_KEY: "", PORT: "", PUBLIC_BASE_URL: "https://studio.example.com/" });
    expect(c.provider).toBe("preview");
    expect(c.port).toBe(3000);
    expect(c.publicBaseUrl).toBe("https://studio.example.com");
  });

  it("listens where HOSTNAME says, and refuses what is not an address", () => {
    expect(parseConfig({ HOSTNAME: "0.0.0.0" }).hostname).toBe("0.0.0.0");
    expect(parseConfig({ HOSTNAME: "::" }).hostname).toBe("::");
    expect(parseConfig({ HOSTNAME: "studio.lan" }).hostname).toBe("studio.lan");
    expect(parseConfig({ HOSTNAME: " " }).hostname).toBe("127.0.0.1");
    for (const bad of ["http://0.0.0.0", "0.0.0.0:3000", "two words"]) {
      expect(() => parseConfig({ HOSTNAME: bad })).toThrow(/HOSTNAME must be an address to listen on/);
    }
  });

  it("turns mail on with SMTP_URL, off without it", () => {
    expect(parseConfig({}).mail).toBeNull();
    expect(parseConfig({ SMTP_URL: " ", MAIL_FROM: "a@b.example" }).mail).toBeNull();
    expect(parseConfig({ SMTP_URL: "smtp://user:pa%40ss@mail.example.com:587" }).mail).toEqual({
      url: "smtp://user:pa%40ss@mail.example.com:587",
      from: { name: "Omni Studio", address: "studio@localhost" },
    });
    expect(parseConfig({ SMTP_URL: "smtps://mail.example.com" }).mail?.url).toBe("smtps://mail.example.com");
    expect(parseConfig({ SMTP_URL: "smtp://127.0.0.1:2525?tls.rejectUnauthorized=false" }).mail?.url).toBe(
      "smtp://127.0.0.1:2525?tls.rejectUnauthorized=false",
    );
  });

  it("refuses an SMTP_URL that is not smtp(s) with a host, without echoing its password", () => {
    for (const bad of [
      "http://user:hunter2-secret@mail.example.com",
      "mail.example.com:587",
      "smtp://",
      "smtp://user:hunter2-secret@mail.example.com:99999",
      "smtp://user:hunter2-secret@mail example.com",
    ]) {
      let message = "";
      try {
        parseConfig({ SMTP_URL: bad });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        message = (err as Error).message;
      }
      expect(message, bad).toMatch(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL with a host/);
      expect(message).not.toContain("hunter2");
    }
  });

  it("reads MAIL_FROM as an address or Name <address>", () => {
    const from = (v: string) => parseConfig({ SMTP_URL: "smtp://localhost", MAIL_FROM: v }).mail?.from;
    expect(from("studio@example.com")).toEqual({ name: "", address: "studio@example.com" });
    expect(from("Ana's Studio <studio@example.com>")).toEqual({
      name: "Ana's Studio",
      address: "studio@example.com",
    });
    expect(from('"Studio, Inc." <studio@example.com>')).toEqual({
      name: "Studio, Inc.",
      address: "studio@example.com",
    });
    expect(from("<studio@example.com>")).toEqual({ name: "", address: "studio@example.com" });
    for (const bad of [
      "studio",
      "Studio <studio>",
      "Studio studio@example.com",
      "a@b <c@d",
      "Evil\r\nBcc: x@y <a@b.example>",
      "two@at@example.com",
      "Bell\u0007 <a@b.example>",
      "a<b <c@d.example>",
    ]) {
      expect(() => from(bad), bad).toThrow(/MAIL_FROM must be an address or "Name <address>"/);
    }
    // Validated even while mail is off, so a typo shows before SMTP_URL is set.
    expect(() => parseConfig({ MAIL_FROM: "nobody" })).toThrow(/MAIL_FROM/);
    expect(parseMailbox("x@y")).toEqual({ name: "", address: "x@y" });
  });
});
