// zod/mini: the range a finished clip keeps when it becomes a reference video ("Use as reference video").
// Browser-safe: the clip page's dialog and the server action parse with the same schema.
import * as z from "zod/mini";
import { MODEL_VERSION_IDS } from "@/lib/models/profiles";

const seconds = (field: string) =>
  z.optional(
    z
      .number({ error: `give ${field} as a number of seconds` })
      .check(
        z.refine(Number.isFinite, `give ${field} as a number of seconds`),
        z.minimum(0, `give ${field} as a number of seconds from 0`),
      ),
  );

/** `{ startSec, endSec }` (both, or neither for a clip short enough to keep whole), and optionally `model`. */
export const clipReferenceVideoSchema = z.strictObject(
  {
    startSec: seconds("startSec"),
    endSec: seconds("endSec"),
    /** The version the video is meant for: its length limit applies (default: the widest). */
    model: z.optional(
      z.enum(MODEL_VERSION_IDS, { error: `model must be one of ${MODEL_VERSION_IDS.join(", ")}` }),
    ),
  },
  {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `unknown field(s): ${iss.keys.join(", ")}`
        : iss.code === "invalid_type"
          ? "the request body must be a JSON object: { startSec, endSec }."
          : undefined,
  },
);

export type ClipReferenceVideoInput = z.infer<typeof clipReferenceVideoSchema>;
