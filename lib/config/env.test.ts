import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_FAL_MODEL_ID, parseConfig } from "./env";

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
});
