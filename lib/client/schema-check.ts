import { type CreateGenerationRequest, createGenerationSchema } from "@/lib/generations/schema";
import { fieldErrors } from "@/lib/validation/fields";

// The server's own schema, run in the browser. This module brings zod, so the composer loads it once a
// draft has something to check (lib/client/validate-draft.ts loadSchemaCheck), not on the first load.

/** Field -> first message for a request, exactly as the server would answer it. */
export function schemaCheck(input: CreateGenerationRequest): Record<string, string> {
  const parsed = createGenerationSchema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error);
}
