import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { createGenerationSchema } from "@/lib/generations/schema";
import { AppError } from "@/lib/http/errors";
import { characterSchema, newCommentSchema } from "@/lib/review/schema";
import { hasVisibleText } from "./fields";
import { nulPath, parseInput, refuseNul } from "./parse";

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

const request = {
  prompt: "<IMAGE_REF_0> walks in. Single continuous shot.",
  referenceIds: ["asset00001"],
  duration: 4,
  aspectRatio: "16:9",
  idempotencyKey: "key-12345678",
};
const comment = {
  generationId: "clip000001",
  atSec: 1,
  body: "Nice light here.",
};
const character = { name: "Mara", description: "Red coat.", images: [{ assetId: "asset00001" }] };

describe("parseInput", () => {
  it("returns the parsed value", () => {
    expect(parseInput(createGenerationSchema, request)).toEqual(request);
    expect(parseInput(characterSchema, character)).toEqual({
      ...character,
      images: [{ assetId: "asset00001", label: "" }],
    });
  });

  it("refuses a NUL anywhere with 400, naming where it is", () => {
    const cases: [z.ZodMiniType, unknown, string][] = [
      [createGenerationSchema, { ...request, prompt: "a\0b <IMAGE_REF_0>" }, "The field prompt"],
      [newCommentSchema, { ...comment, body: "ok\0" }, "The field body"],
      [characterSchema, { ...character, description: "\0" }, "The field description"],
      [
        characterSchema,
        { ...character, images: [{ assetId: "asset00001", label: "x\0" }] },
        "The field images.0.label",
      ],
      [z.string(), "clip\0", "The input"],
    ];
    for (const [schema, raw, where] of cases) {
      const err = refusal(() => parseInput(schema, raw));
      expect(err.status).toBe(400);
      expect(err.code).toBe("invalid_text");
      expect(err.message).toContain(`${where} contains a NUL character`);
    }
  });

  it("refuses text made only of invisible characters as a prompt, a comment or a name", () => {
    const invisible = "\u200b\u200c\u200d\u2060\ufeff \t\u00a0";
    const cases: [z.ZodMiniType, unknown, string][] = [
      [createGenerationSchema, { ...request, prompt: invisible }, "prompt"],
      [newCommentSchema, { ...comment, body: invisible }, "body"],
      [characterSchema, { ...character, name: invisible }, "name"],
    ];
    for (const [schema, raw, field] of cases) {
      const err = refusal(() => parseInput(schema, raw));
      expect(err.status, field).toBe(422);
      expect(Object.keys(err.fields ?? {}), field).toEqual([field]);
    }
    expect(refusal(() => parseInput(createGenerationSchema, { ...request, prompt: invisible })).message).toBe(
      "Prompt must not be empty (spaces and invisible characters do not count)",
    );
  });

  it("refuses a body that is not an object with 400, and other problems with 422 naming the field", () => {
    const whole = refusal(() => parseInput(createGenerationSchema, "just a string"));
    expect(whole).toMatchObject({ status: 400, code: "invalid_body" });
    expect(whole.message).toMatch(/^The request body must be a JSON object/);
    const field = refusal(() => parseInput(createGenerationSchema, { ...request, duration: 2 }));
    expect(field).toMatchObject({
      status: 422,
      code: "invalid_input",
      fields: { duration: expect.any(String) },
    });
  });
});

describe("nulPath and refuseNul", () => {
  it("find a NUL in strings, nested values and keys", () => {
    expect(nulPath({ a: ["x", { b: "y\0" }] })).toBe("a.1.b");
    expect(nulPath({ "k\0": 1 })).toBe("");
    expect(nulPath({ a: 1, b: null, c: ["ok"] })).toBeNull();
    expect(() => refuseNul("q", "cat\0")).toThrow(/^The parameter q contains a NUL character/);
    expect(() => refuseNul("q", null)).not.toThrow();
  });
});

describe("hasVisibleText", () => {
  it("sees letters, digits, emoji and CJK, not zero-width or space characters", () => {
    for (const text of ["a", "日本", "👍", "a\u200b"]) expect(hasVisibleText(text), text).toBe(true);
    for (const text of [
      "",
      " \n",
      "\u200b\u200c\u200d",
      "\u2060\ufeff",
      "\u3164",
      "\u2800",
      "\u00ad\u034f",
    ]) {
      expect(hasVisibleText(text), JSON.stringify(text)).toBe(false);
    }
  });
});
