import type * as z from "zod/mini";
import { AppError } from "@/lib/http/errors";
import { fieldErrors } from "./fields";

// The one way request input becomes typed values, for route handlers, server actions and services: a
// NUL character anywhere is refused with 400 (PostgreSQL text cannot hold one, so it used to reach the
// database and answer 500), a body that is not the expected object with 400, and every other problem
// with 422 naming the field.

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `name` is a field path ("images.0.label"), "" for the whole input, or a query or path parameter. */
function nulRefused(name: string, kind: "field" | "parameter" = "field"): AppError {
  return new AppError(
    "invalid_text",
    `${name ? `The ${kind} ${name}` : "The input"} contains a NUL character (\\u0000), which text cannot hold. Remove it and try again.`,
    400,
    { [name.split(".")[0] || "_"]: "must not contain NUL characters" },
  );
}

/**
 * Where the first NUL character sits in a value ("prompt", "images.0.label", "" for the value itself),
 * or null when none does.
 */
export function nulPath(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\0") ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes("\0")) return path;
    const found = nulPath(item, at);
    if (found) return found;
  }
  return null;
}

/** Refuses a query or path parameter with a NUL character; `name` is how the client wrote it ("q"). */
export function refuseNul(name: string, value: string | null | undefined): void {
  if (value?.includes("\0")) throw nulRefused(name, "parameter");
}

/** Parses `raw` with `schema`, or throws an AppError a client can act on (see above). */
export function parseInput<S extends z.ZodMiniType>(schema: S, raw: unknown): z.infer<S> {
  const nul = nulPath(raw);
  if (nul !== null) throw nulRefused(nul);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const whole = parsed.error.issues.find(
    (i) => i.path.length === 0 && i.code === "invalid_type" && i.expected === "object",
  );
  if (whole) throw new AppError("invalid_body", upperFirst(whole.message), 400);
  const fields = fieldErrors(parsed.error);
  const first = Object.values(fields)[0] ?? "The request is not valid.";
  throw new AppError("invalid_input", upperFirst(first), 422, fields);
}
