import { z } from "zod";
import type { LogLine, ProviderResult } from "@/lib/providers/types";

// The shapes fal answers with, shared by the queue client and the webhook handler.

const logSchema = z.object({
  message: z.string(),
  level: z.string().nullish(),
  timestamp: z.string().nullish(),
});
export const falStatusSchema = z.object({
  status: z.enum(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]),
  queue_position: z.number().int().nullish(),
  // Lenient: one odd log line must not make a whole status answer unreadable.
  logs: z.array(z.unknown()).nullish(),
  error: z.string().nullish(),
  error_type: z.string().nullish(),
  // Only a finite, non-negative time is used; anything else is ignored rather than refusing the answer.
  metrics: z.looseObject({ inference_time: z.unknown().optional() }).nullish().catch(null),
});
export const falVideoOutputSchema = z.object({
  video: z.object({
    url: z.string().min(1),
    content_type: z.string().nullish(),
    file_name: z.string().nullish(),
    file_size: z.number().nullish(),
  }),
});

/** A model output (queue result or webhook payload) as the studio's result. */
export function falOutputToResult(data: unknown): ProviderResult {
  const parsed = falVideoOutputSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: "provider_bad_output",
        message: "fal reported success but sent no video. Try generating again.",
        retryable: true,
      },
    };
  }
  const v = parsed.data.video;
  return {
    ok: true,
    video: {
      url: v.url,
      contentType: v.content_type ?? undefined,
      fileName: v.file_name ?? undefined,
      bytes: v.file_size ?? undefined,
    },
  };
}

/** fal's log entries as the studio's log lines; entries without a message are skipped. */
export function toLogLines(logs: unknown[] | null | undefined): LogLine[] {
  return (logs ?? []).flatMap((entry) => {
    const parsed = logSchema.safeParse(entry);
    if (!parsed.success) return [];
    const { message, level, timestamp } = parsed.data;
    return [{ message, level: level ?? undefined, timestamp: timestamp ?? undefined }];
  });
}
