// What the action wrapper does with the caller, its arguments and failures. The refusal of a caller
// without a session runs end to end too, with real Next-Action requests (e2e/access/actions.spec.ts).
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { AppError, mapError } from "@/lib/http/errors";
import { invokeWithHeaders, serverAction } from "@/lib/http/server-action";
import { addMember } from "../support/accounts";
import { useStudio } from "../support/fixture";
import { installRuntime } from "../support/runtime";

const databaseDown = () => Object.assign(new Error("Can't reach database server at x:1"), { code: "P1001" });
afterEach(() => vi.restoreAllMocks());

describe("serverAction", () => {
  const studio = useStudio("pglite", { ready: (s) => installRuntime(s.rt) });
  afterAll(() => installRuntime(undefined));
  const echo = serverAction(
    { role: "editor", args: [z.string(), z.object({ n: z.number() })] },
    async ({ actor }, name, { n }) => ({ name, n, actor: actor.id, via: actor.via }),
  );

  it("resolves the caller from the session or the token, and refuses one below the role or signed out", async () => {
    const editor = await addMember(studio.rt, "editor");
    const reviewer = await addMember(studio.rt, "reviewer");
    expect(await invokeWithHeaders(echo, editor.session, "a", { n: 2 })).toEqual({
      ok: true,
      name: "a",
      n: 2,
      actor: editor.id,
      via: "session",
    });
    expect(await invokeWithHeaders(echo, editor.bearer, "a", { n: 2 })).toMatchObject({
      ok: true,
      via: "token",
    });
    expect(await invokeWithHeaders(echo, reviewer.session, "a", { n: 2 })).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringContaining("editor role") },
    });
    expect(await invokeWithHeaders(echo, {}, "a", { n: 2 })).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
  });

  it("parses every argument, and returns refusals and failures as values with the routes' bodies", async () => {
    const owner = await addMember(studio.rt, "editor");
    expect(await invokeWithHeaders(echo, owner.session, "a", { n: "2" })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(await invokeWithHeaders(echo, owner.session, "a\0", { n: 2 })).toMatchObject({
      ok: false,
      error: { code: "invalid_text" },
    });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    for (const thrown of [databaseDown(), new Error("internal detail"), new AppError("gone", "Gone.", 410)]) {
      const failing = serverAction({ role: "reviewer", args: [] }, async () => {
        throw thrown;
      });
      expect(await invokeWithHeaders(failing, owner.session)).toEqual({
        ok: false,
        ...mapError(thrown).body,
      });
    }
  });
});
