import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import {
  accessRefusal,
  bearerOk,
  requestAllowed,
  SESSION_COOKIE,
  safeNext,
  sessionCookieOf,
  signSession,
  verifySession,
} from "./session";

const TOKEN = "correct-horse-battery-staple";

describe("session cookie", () => {
  it("verifies its own signature and refuses tampering, expiry and another token's cookies", async () => {
    const cookie = await signSession(TOKEN, Date.now());
    expect(await verifySession(TOKEN, cookie)).toBe(true);
    expect(await verifySession("another-token-123", cookie)).toBe(false);
    const [v, exp, sig] = cookie.split(".");
    expect(await verifySession(TOKEN, `${v}.${Number(exp) + 1}.${sig}`)).toBe(false);
    expect(await verifySession(TOKEN, cookie, Date.now() + 31 * 86_400_000)).toBe(false);
    expect(await verifySession(TOKEN, "garbage")).toBe(false);
    expect(await verifySession(TOKEN, undefined)).toBe(false);
  });

  it("accepts the token as a bearer token only when it matches exactly", () => {
    expect(bearerOk(TOKEN, `Bearer ${TOKEN}`)).toBe(true);
    expect(bearerOk(TOKEN, `Bearer ${TOKEN}x`)).toBe(false);
    expect(bearerOk(TOKEN, TOKEN)).toBe(false);
    expect(bearerOk(TOKEN, null)).toBe(false);
  });

  it("sends people back only to paths on this site", () => {
    expect(safeNext("/clips/abc?x=1")).toBe("/clips/abc?x=1");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
  });
});

describe("proxy", () => {
  afterEach(() => {
    delete process.env.STUDIO_ACCESS_TOKEN;
  });
  const req = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
    new NextRequest(new URL(path, "http://studio.test"), init);

  it("lets everything through when no access token is configured", async () => {
    const res = await proxy(req("/api/generations"));
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("asks for the token on pages, API routes, actions and media, but not on the webhook", async () => {
    process.env.STUDIO_ACCESS_TOKEN = TOKEN;
    const page = await proxy(req("/clips/abc"));
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("http://studio.test/login?next=%2Fclips%2Fabc");
    for (const path of ["/api/generations", `/api/media/${"a".repeat(64)}.mp4`]) {
      expect((await proxy(req(path))).status).toBe(401);
    }
    const action = await proxy(req("/", { method: "POST", headers: { "next-action": "abc" } }));
    expect(action.status).toBe(401);
    expect((await proxy(req("/api/webhooks/fal", { method: "POST" }))).headers.get("x-middleware-next")).toBe(
      "1",
    );
    expect((await proxy(req("/login"))).headers.get("x-middleware-next")).toBe("1");
  });

  it("admits a signed session cookie or the bearer token", async () => {
    process.env.STUDIO_ACCESS_TOKEN = TOKEN;
    const cookie = await signSession(TOKEN);
    const withCookie = await proxy(
      req("/api/generations", { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } }),
    );
    expect(withCookie.headers.get("x-middleware-next")).toBe("1");
    const withBearer = await proxy(
      req("/api/generations", { headers: { authorization: `Bearer ${TOKEN}` } }),
    );
    expect(withBearer.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("proxy matcher", () => {
  const runs = (url: string) => unstable_doesMiddlewareMatch({ config, url });

  it("runs on pages and API routes, not on the build's static files, uploads or media", () => {
    for (const url of ["/", "/clips/abc", "/api/generations", "/api/media", "/login"]) {
      expect(runs(url), url).toBe(true);
    }
    expect(runs("/_next/static/chunks/app.js")).toBe(false);
    // Uploads and media check access themselves (their route.ts), uploads before reading the body.
    expect(runs("/api/uploads")).toBe(false);
    expect(runs("/api/uploadsx")).toBe(true);
    expect(runs(`/api/media/${"a".repeat(64)}.mp4`)).toBe(false);
    expect(runs(`/api/media/${"a".repeat(64)}.webp?w=480`)).toBe(false);
  });
});

describe("requestAllowed", () => {
  it("reads the session cookie among others, or the bearer token", async () => {
    const cookie = await signSession(TOKEN);
    expect(sessionCookieOf(`theme=dark; ${SESSION_COOKIE}=${cookie}; other=1`)).toBe(cookie);
    expect(sessionCookieOf("theme=dark")).toBeUndefined();
    expect(await requestAllowed(TOKEN, new Headers({ cookie: `a=b; ${SESSION_COOKIE}=${cookie}` }))).toBe(
      true,
    );
    expect(await requestAllowed(TOKEN, new Headers({ authorization: `Bearer ${TOKEN}` }))).toBe(true);
    expect(await requestAllowed(TOKEN, new Headers({ cookie: `${SESSION_COOKIE}=v1.1.x` }))).toBe(false);
    expect(await requestAllowed(TOKEN, new Headers())).toBe(false);
  });
});

describe("accessRefusal", () => {
  afterEach(() => {
    delete process.env.STUDIO_ACCESS_TOKEN;
  });

  it("lets everything through an open studio, and behind the token answers 401 without the cookie or token", async () => {
    expect(await accessRefusal(new Headers())).toBeNull();
    process.env.STUDIO_ACCESS_TOKEN = TOKEN;
    const refused = await accessRefusal(new Headers({ authorization: "Bearer wrong-token-entirely" }));
    expect(refused).not.toBeNull();
    expect(refused!.status).toBe(401);
    expect((await refused!.json()).error.code).toBe("unauthorized");
    expect(await accessRefusal(new Headers({ authorization: `Bearer ${TOKEN}` }))).toBeNull();
    const cookie = await signSession(TOKEN);
    expect(await accessRefusal(new Headers({ cookie: `${SESSION_COOKIE}=${cookie}` }))).toBeNull();
  });
});
