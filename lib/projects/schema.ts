// zod/mini, browser-safe: what POST /api/projects and PATCH /api/projects/:id take.
import * as z from "zod/mini";
import { ID_PATTERN, visibleText } from "@/lib/validation/fields";

export const MAX_PROJECT_NAME_CHARS = 120;

const name = z.string({ error: "name must be a string" }).check(
  z.overwrite((s) => s.trim()),
  z.maxLength(MAX_PROJECT_NAME_CHARS, `name must be at most ${MAX_PROJECT_NAME_CHARS} characters`),
  visibleText("name must not be empty"),
);

const body = (fields: string) => ({
  error: (iss: { code: string; keys?: string[] }) =>
    iss.code === "unrecognized_keys"
      ? `unknown field(s): ${iss.keys?.join(", ")}`
      : iss.code === "invalid_type"
        ? `the request body must be a JSON object: ${fields}.`
        : undefined,
});

export const createProjectSchema = z.strictObject({ name }, body("{ name }"));

/** A rename, an archive (true) or an unarchive (false), or both at once. */
export const updateProjectSchema = z.strictObject(
  {
    name: z.optional(name),
    archived: z.optional(z.boolean({ error: "archived must be true or false" })),
  },
  body("{ name?, archived? }"),
);

/** `?project=` of a read scoped to one project (lib/projects/param.ts); absent: every project. */
export const projectScopeSchema = z.object({
  project: z.optional(
    z
      .string({ error: "project must be a project id" })
      .check(z.regex(ID_PATTERN, "project must be a project id")),
  ),
});
