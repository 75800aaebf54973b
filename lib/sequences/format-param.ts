import "server-only";
import { fileSlug } from "@/lib/generations/file-name";
import { AppError } from "@/lib/http/errors";
import type { SequenceDTO } from "./dto";

/** `?format=` of a sequence's downloads: one of `allowed`, or `fallback` when absent. */
export function formatParam<T extends string>(request: Request, allowed: readonly T[], fallback: T): T {
  const raw = new URL(request.url).searchParams.get("format");
  if (raw === null) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new AppError("invalid_input", `format must be ${allowed.map((a) => `"${a}"`).join(" or ")}.`, 422, {
    format: `unknown format: ${raw.slice(0, 40)}`,
  });
}

/** A sequence download's file name: `omni_<title>_<what>_<date>`. */
export const sequenceFileName = (sequence: SequenceDTO, what: string) =>
  ["omni", fileSlug(sequence.title, "sequence"), what, new Date().toISOString().slice(0, 10)].join("_");
