import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, errorResponse, mapError } from "./errors";

/** An error Prisma throws when PostgreSQL is down (see lib/db/errors.test.ts for the shapes). */
const databaseDown = () => Object.assign(new Error("Can't reach database server at x:1"), { code: "P1001" });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("mapError", () => {
  it("keeps an AppError's code, message, fields, status and headers", async () => {
    const err = new AppError("invalid_input", "Duration must be at least 3 seconds", 422, {
      duration: "must be at least 3 seconds",
    });
    expect(mapError(err)).toEqual({ status: 422, body: err.toBody(), headers: undefined });
    const res = errorResponse(
      new AppError("unauthorized", "Sign in.", 401, undefined, { "WWW-Authenticate": "Bearer" }),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Sign in." } });
  });

  it("answers a database that does not answer with 503 and Retry-After", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = errorResponse(databaseDown());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await res.json()).error.code).toBe("database_unavailable");
    expect(warn).toHaveBeenCalledOnce();
  });

  it("hides anything else behind internal_error, logging it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new Error("secret path /srv/data and SQL"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text).error.code).toBe("internal_error");
    expect(logged).toHaveBeenCalledOnce();
  });
});
