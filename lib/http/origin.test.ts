import { afterEach, describe, expect, it } from "vitest";
import { parseConfig, setConfigForTests } from "@/lib/config/env";
import { foreignOriginResponse, sameOrigin } from "./origin";

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/api/uploads", { method: "POST", headers });

afterEach(() => setConfigForTests(undefined));

describe("sameOrigin", () => {
  it("accepts the studio's own pages and requests without Origin", () => {
    setConfigForTests(parseConfig({}));
    expect(sameOrigin(post({ host: "127.0.0.1:3000" }))).toBe(true);
    expect(sameOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    // Behind a reverse proxy: the host the browser used.
    expect(
      sameOrigin(
        post({
          host: "127.0.0.1:3000",
          "x-forwarded-host": "studio.example.com",
          origin: "https://studio.example.com",
        }),
      ),
    ).toBe(true);
  });

  it("refuses another site, another port of this one, and opaque origins", () => {
    setConfigForTests(parseConfig({}));
    for (const origin of ["http://127.0.0.1:3001", "http://evil.example", "null", "not a url"]) {
      expect(sameOrigin(post({ host: "127.0.0.1:3000", origin })), origin).toBe(false);
    }
  });

  it("accepts PUBLIC_BASE_URL's origin", () => {
    setConfigForTests(parseConfig({ PUBLIC_BASE_URL: "https://studio.example.com/" }));
    expect(sameOrigin(post({ host: "10.0.0.5:3000", origin: "https://studio.example.com" }))).toBe(true);
    expect(sameOrigin(post({ host: "10.0.0.5:3000", origin: "https://other.example.com" }))).toBe(false);
  });

  it("answers 403 with a message that says what to do", async () => {
    const res = foreignOriginResponse();
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe("foreign_origin");
    expect(body.error.message).toMatch(/another site/);
  });
});
