import { describe, expect, it } from "vitest";
import { redact } from "./send";

describe("redact", () => {
  it("takes the SMTP password out, as written in the URL and decoded", () => {
    const url = "smtp://studio:p%40ss%3Aw0rd@mail.example.com:587";
    expect(redact("535 auth failed for p@ss:w0rd", url)).toBe("535 auth failed for ***");
    expect(redact("bad url p%40ss%3Aw0rd", url)).toBe("bad url ***");
  });

  it("hides any user:password@ in a URL the message quotes", () => {
    expect(redact("cannot reach smtps://bob:hunter2@mail.example.com", undefined)).toBe(
      "cannot reach smtps://***@mail.example.com",
    );
  });

  it("leaves a message alone when the URL has no password", () => {
    expect(redact("connect ECONNREFUSED 127.0.0.1:25", "smtp://127.0.0.1:25")).toBe(
      "connect ECONNREFUSED 127.0.0.1:25",
    );
  });
});
