import type { Prisma } from "@/lib/db/generated/client";
import type { LogLine } from "@/lib/providers/types";

// A clip keeps its provider's latest log lines (newest last) in one JSON column. The worker merges each
// status answer into it, and skips the write when nothing new came.

/** How many lines a clip keeps. */
export const MAX_LOG_LINES = 20;
/** Longest message kept per line. */
export const MAX_LOG_MESSAGE_CHARS = 500;

/** The stored lines followed by the incoming ones not seen yet (same timestamp and message), last 20. */
export function mergeLogs(previous: unknown, incoming: LogLine[]): Prisma.InputJsonValue {
  const old = Array.isArray(previous) ? (previous as LogLine[]) : [];
  const seen = new Set(old.map((l) => `${l.timestamp ?? ""}|${l.message}`));
  const fresh = incoming.filter((l) => !seen.has(`${l.timestamp ?? ""}|${l.message}`));
  return [...old, ...fresh].slice(-MAX_LOG_LINES).map((l) => ({
    message: String(l.message).slice(0, MAX_LOG_MESSAGE_CHARS),
    ...(l.level ? { level: l.level } : {}),
    ...(l.timestamp ? { timestamp: l.timestamp } : {}),
  }));
}

/** Whether two log lists say the same lines (key order aside: jsonb reorders keys). */
export function sameLogs(stored: unknown, merged: Prisma.InputJsonValue): boolean {
  const a = Array.isArray(stored) ? (stored as LogLine[]) : [];
  const b = merged as unknown as LogLine[];
  return (
    a.length === b.length &&
    a.every(
      (l, i) =>
        l.message === b[i]?.message &&
        (l.level ?? "") === (b[i]?.level ?? "") &&
        (l.timestamp ?? "") === (b[i]?.timestamp ?? ""),
    )
  );
}
