import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig, setConfigForTests } from "@/lib/config/env";
import { config, proxy } from "@/proxy";
import { hasRole } from "./actor";
import {
  accessRefusal,
  bearerOk,
  resolveActor,
  SESSION_COOKIE,
  safeNext,
  sessionCookieOf,
  signSession,
  verifySession,
} from "./session";

const TOKEN = "correct-horse-battery-staple";

/** The process's configuration, as the server would read it with this access token (or none). */
function guardWith(token: string | undefined) {
  setConfigForTests(parseConfig({ STUDIO_ACCESS_TOKEN: token }));
}
afterEach(() => setConfigForTests(undefined));

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

describe("proxy", () => {
  const req = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) =>
    new NextRequest(new URL(path, "http://studio.test"), init);

  it("lets everything through when no access token is configured", async () => {
    guardWith(undefined);
    const res = await proxy(req("/api/generations"));
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("asks for the token on pages, API routes, actions and media, but not on the webhook", async () => {
    guardWith(TOKEN);
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
    guardWith(TOKEN);
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

describe("resolveActor", () => {
  const actorOf = (headers: HeadersInit) => resolveActor(() => new Headers(headers));

  it("reads the session cookie among others, or the bearer token, from the configured token", async () => {
    guardWith(TOKEN);
    const cookie = await signSession(TOKEN);
    expect(sessionCookieOf(`theme=dark; ${SESSION_COOKIE}=${cookie}; other=1`)).toBe(cookie);
    expect(sessionCookieOf("theme=dark")).toBeUndefined();
    expect(await actorOf({ cookie: `a=b; ${SESSION_COOKIE}=${cookie}` })).toMatchObject({ via: "session" });
    expect(await actorOf({ authorization: `Bearer ${TOKEN}` })).toMatchObject({ via: "bearer" });
    expect(await actorOf({ cookie: `${SESSION_COOKIE}=v1.1.x` })).toBeNull();
    expect(await actorOf({})).toBeNull();
    // Another token's cookie, once the token is changed, is no longer accepted.
    guardWith("another-token-entirely");
    expect(await actorOf({ cookie: `${SESSION_COOKIE}=${cookie}` })).toBeNull();
  });

  it("lets everyone in on an open studio, without reading the headers", async () => {
    guardWith(undefined);
    const actor = await resolveActor(() => {
      throw new Error("an open studio has no need to read the headers");
    });
    expect(actor).toMatchObject({ id: "studio", role: "owner" });
  });

  it("ranks roles from guest to owner", () => {
    const as = (role: "reviewer" | "editor" | "owner") =>
      ({ kind: "member", id: "x", role, name: "X", email: "", via: "session" }) as const;
    expect(hasRole(as("owner"), "editor")).toBe(true);
    expect(hasRole(as("editor"), "editor")).toBe(true);
    expect(hasRole(as("reviewer"), "editor")).toBe(false);
  });
});

describe("accessRefusal", () => {
  it("lets everything through an open studio, and behind the token answers 401 without the cookie or token", async () => {
    guardWith(undefined);
    expect(await accessRefusal(new Headers())).toBeNull();
    guardWith(TOKEN);
    const refused = await accessRefusal(new Headers({ authorization: "Bearer wrong-token-entirely" }));
    expect(refused).not.toBeNull();
    expect(refused!.status).toBe(401);
    expect((await refused!.json()).error.code).toBe("unauthorized");
    expect(await accessRefusal(new Headers({ authorization: `Bearer ${TOKEN}` }))).toBeNull();
    const cookie = await signSession(TOKEN);
    expect(await accessRefusal(new Headers({ cookie: `${SESSION_COOKIE}=${cookie}` }))).toBeNull();
  });
});
