// zod/mini: which moment of a finished clip becomes a reference image ("Continue from here").
// Browser-safe: the clip page and the API parse with the same schema.
import * as z from "zod/mini";

/** `{ atSec }`: seconds from the clip's start, or "last" for its last frame. */
export const clipFrameSchema = z.strictObject(
  {
    atSec: z.union(
      [
        z.literal("last"),
        z
          .number()
          .check(
            z.refine(Number.isFinite, "atSec must be a finite number"),
            z.minimum(0, "atSec must be 0 or more"),
          ),
      ],
      { error: 'atSec must be a number of seconds from the clip\'s start, or "last"' },
    ),
  },
  {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `unknown field(s): ${iss.keys.join(", ")}`
        : iss.code === "invalid_type"
          ? 'the request body must be a JSON object: { "atSec": <seconds> | "last" }.'
          : undefined,
  },
);

export type ClipFrameInput = z.infer<typeof clipFrameSchema>;
