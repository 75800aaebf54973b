import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import { hasRole } from "./actor";
import { bearerOf, hasSessionCookie, isPublicPath, safeNext } from "./paths";

describe("safeNext", () => {
  it("sends people back only to paths on this site", () => {
    expect(safeNext("/clips/abc?x=1")).toBe("/clips/abc?x=1");
    expect(safeNext("/library#top")).toBe("/library#top");
    expect(safeNext(undefined)).toBe("/");
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\nSet-Cookie: x=1",
      "/\u0000/evil.example",
      "/\u0085/evil.example",
      "\t//evil.example",
      "clips/abc",
    ]) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe("/");
    }
  });
});

describe("headers the proxy reads", () => {
  it("finds the session cookie among others, plain or __Secure-, and not a look-alike", () => {
    expect(hasSessionCookie("a=1; omni.session_token=abc.def; b=2")).toBe(true);
    expect(hasSessionCookie("__Secure-omni.session_token=abc")).toBe(true);
    expect(hasSessionCookie("xomni.session_token=abc; omni.session_token=")).toBe(false);
    expect(hasSessionCookie(null)).toBe(false);
  });

  it("reads a bearer token, whatever the scheme's case", () => {
    expect(bearerOf("Bearer omni_abc")).toBe("omni_abc");
    expect(bearerOf("bearer   omni_abc ")).toBe("omni_abc");
    expect(bearerOf("Basic Zm9vOmJhcg==")).toBeUndefined();
    expect(bearerOf(null)).toBeUndefined();
  });

  it("keeps the studio's pages and routes private, and only sign-in, setup, invitations and share links public", () => {
    for (const open of [
      "/login",
      "/setup",
      "/invite/inv_x",
      "/api/auth/sign-in/email",
      "/r/abc",
      "/api/webhooks/fal",
    ]) {
      expect(isPublicPath(open), open).toBe(true);
    }
    for (const closed of [
      "/",
      "/clips/a",
      "/library",
      "/account",
      "/members",
      "/api/generations",
      "/api/me",
      "/api/tokens",
      "/rx",
      "/api/authx",
    ]) {
      expect(isPublicPath(closed), closed).toBe(false);
    }
  });
});

describe("proxy", () => {
  const req = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
    new NextRequest(new URL(path, "http://studio.test"), init);

  it("turns away a request with neither a session cookie nor a token: pages to sign-in, the rest with 401", async () => {
    const page = proxy(req("/clips/abc"));
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("http://studio.test/login?next=%2Fclips%2Fabc");
    expect(proxy(req("/")).headers.get("location")).toBe("http://studio.test/login");
    for (const path of ["/api/generations", "/api/me"]) {
      const res = proxy(req(path));
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    expect(proxy(req("/", { method: "POST", headers: { "next-action": "abc" } })).status).toBe(401);
    for (const open of ["/api/webhooks/fal", "/login", "/setup", "/api/auth/sign-in/email"]) {
      expect(proxy(req(open, { method: "POST" })).headers.get("x-middleware-next"), open).toBe("1");
    }
  });

  it("lets a request with a cookie or a token on to the real check", () => {
    const cookie = proxy(req("/api/generations", { headers: { cookie: "omni.session_token=abc" } }));
    expect(cookie.headers.get("x-middleware-next")).toBe("1");
    const bearer = proxy(req("/api/generations", { headers: { authorization: "Bearer omni_abc" } }));
    expect(bearer.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("proxy matcher", () => {
  const runs = (url: string) => unstable_doesMiddlewareMatch({ config, url });

  it("runs on pages and API routes, not on the build's static files, uploads or media", () => {
    for (const url of ["/", "/clips/abc", "/api/generations", "/api/media", "/login"]) {
      expect(runs(url), url).toBe(true);
    }
    expect(runs("/_next/static/chunks/app.js")).toBe(false);
    // Uploads and media check the caller themselves (apiRoute), uploads before reading the body.
    expect(runs("/api/uploads")).toBe(false);
    expect(runs("/api/uploadsx")).toBe(true);
    expect(runs(`/api/media/${"a".repeat(64)}.mp4`)).toBe(false);
  });
});

describe("roles", () => {
  it("rank from guest to owner", () => {
    const as = (role: "reviewer" | "editor" | "admin" | "owner") =>
      ({ kind: "member", id: "x", role, name: "X", email: "", via: "session" }) as const;
    expect(hasRole(as("owner"), "admin")).toBe(true);
    expect(hasRole(as("admin"), "editor")).toBe(true);
    expect(hasRole(as("editor"), "admin")).toBe(false);
    expect(hasRole(as("reviewer"), "editor")).toBe(false);
    const guest = {
      kind: "guest",
      id: "g",
      role: "guest",
      name: "G",
      via: "share-link",
      linkId: "l",
      permissions: [],
    } as const;
    expect(hasRole(guest, "reviewer")).toBe(false);
  });
});
