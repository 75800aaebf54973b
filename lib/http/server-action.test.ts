import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { parseConfig, setConfigForTests } from "@/lib/config/env";
import { AppError, mapError } from "./errors";
import { serverAction } from "./server-action";

// The refusal of a caller without the token runs end to end, with real Next-Action requests
// (e2e/access/actions.spec.ts); here, what the wrapper does with arguments and failures.

const databaseDown = () => Object.assign(new Error("Can't reach database server at x:1"), { code: "P1001" });

beforeEach(() => setConfigForTests(parseConfig({})));
afterEach(() => {
  vi.restoreAllMocks();
  setConfigForTests(undefined);
});

describe("serverAction on an open studio", () => {
  const echo = serverAction(
    { role: "editor", args: [z.string(), z.object({ n: z.number() })] },
    async ({ actor }, name, { n }) => ({ name, n, actor: actor.via }),
  );

  it("parses every argument and runs with the actor", async () => {
    expect(await echo("a", { n: 2 })).toEqual({ ok: true, name: "a", n: 2, actor: "open" });
  });

  it("returns refusals and failures as values, with the same bodies as the routes", async () => {
    expect(await echo("a", { n: "2" })).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(await echo("a\0", { n: 2 })).toMatchObject({ ok: false, error: { code: "invalid_text" } });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    for (const thrown of [databaseDown(), new Error("internal detail"), new AppError("gone", "Gone.", 410)]) {
      const failing = serverAction({ role: "guest", args: [] }, async () => {
        throw thrown;
      });
      expect(await failing()).toEqual({ ok: false, ...mapError(thrown).body });
    }
  });
});
