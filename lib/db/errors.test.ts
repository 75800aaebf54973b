import { describe, expect, it } from "vitest";
import { errorLine, isDatabaseUnavailable } from "./errors";

// The shapes below are what Prisma 7 with the pg adapter throws (seen in test/integration/db-outage.test.ts
// against a real PostgreSQL being stopped); the real thing is exercised there.
describe("isDatabaseUnavailable", () => {
  it("recognises a database that cannot be reached, is shutting down or dropped the connection", () => {
    const unreachable = Object.assign(
      new Error("Invalid invocation:\n\nCan't reach database server at x:1"),
      {
        code: "P1001",
      },
    );
    expect(isDatabaseUnavailable(unreachable)).toBe(true);
    const adapter = {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable", host: "x", port: 1 } } },
    };
    expect(isDatabaseUnavailable(adapter)).toBe(true);
    const shuttingDown = new Error(
      "Raw query failed. Code: `57P03`. Message: `the database system is shutting down`",
    );
    expect(isDatabaseUnavailable(shuttingDown)).toBe(true);
    expect(
      isDatabaseUnavailable({ kind: "postgres", code: "57P01", message: "terminating connection" }),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(new Error("x", { cause: new Error("Connection terminated unexpectedly") })),
    ).toBe(true);
  });

  it("leaves every other failure alone", () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" })),
    ).toBe(false);
    expect(isDatabaseUnavailable({ kind: "postgres", code: "23505", message: "duplicate key" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it("does not take a client hanging up on its request for the database", () => {
    // What Node's HTTP server gives a request body whose client went away, as read through fetch's Request.
    const aborted = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    expect(isDatabaseUnavailable(aborted)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("terminated", { cause: aborted }))).toBe(false);
    // The database's own socket reset still is one.
    expect(isDatabaseUnavailable(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe(
      true,
    );
  });

  it("keeps the line of a Prisma message that says what happened", () => {
    expect(errorLine(new Error("Invalid `prisma.x()` invocation:\n\n\nCan't reach database server"))).toBe(
      "Can't reach database server",
    );
    expect(errorLine("plain")).toBe("plain");
  });
});
