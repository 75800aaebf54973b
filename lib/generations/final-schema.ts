import * as z from "zod/mini";
import { RESOLUTIONS } from "@/lib/models/profiles";
import { idempotencyKeySchema } from "./schema";

/** The tier to make a draft final at. */
export const finalResolutionSchema = z.enum(RESOLUTIONS, {
  error: `resolution must be one of ${RESOLUTIONS.join(", ")}`,
});

/** POST /api/generations/:id/final. */
export const makeFinalRequestSchema = z.strictObject(
  { resolution: finalResolutionSchema, idempotencyKey: idempotencyKeySchema },
  {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `unknown field(s): ${iss.keys.join(", ")}`
        : iss.code === "invalid_type"
          ? "the request body must be a JSON object: { resolution, idempotencyKey }."
          : undefined,
  },
);
