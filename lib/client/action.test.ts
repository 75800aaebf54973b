import { describe, expect, it } from "vitest";
import { ActionError, actionValue } from "./action";

describe("actionValue", () => {
  it("returns a server action's value, and throws its refusal with code, message and fields", async () => {
    expect(await actionValue(Promise.resolve({ ok: true as const, n: 2 }))).toEqual({ ok: true, n: 2 });
    const refused = actionValue(
      Promise.resolve({
        ok: false as const,
        error: { code: "invalid_input", message: "name: too long", fields: { name: "too long" } },
      }),
    );
    await expect(refused).rejects.toBeInstanceOf(ActionError);
    await expect(refused).rejects.toMatchObject({
      code: "invalid_input",
      message: "name: too long",
      fields: { name: "too long" },
    });
  });
});
