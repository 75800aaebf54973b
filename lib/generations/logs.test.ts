import { describe, expect, it } from "vitest";
import { MAX_LOG_LINES, MAX_LOG_MESSAGE_CHARS, mergeLogs, sameLogs } from "./logs";

const line = (message: string, timestamp?: string, level?: string) => ({
  message,
  ...(timestamp ? { timestamp } : {}),
  ...(level ? { level } : {}),
});

describe("mergeLogs", () => {
  it("appends only the lines not stored yet, by timestamp and message", () => {
    const stored = [line("Queued", "t1"), line("Running", "t2")];
    const merged = mergeLogs(stored, [line("Running", "t2"), line("Running", "t3"), line("Done", "t4")]);
    expect(merged).toEqual([
      line("Queued", "t1"),
      line("Running", "t2"),
      line("Running", "t3"),
      line("Done", "t4"),
    ]);
  });

  it("keeps the newest lines only, and cuts long messages", () => {
    const many = Array.from({ length: MAX_LOG_LINES + 5 }, (_, i) => line(`step ${i}`, `t${i}`));
    const merged = mergeLogs([], many) as { message: string }[];
    expect(merged).toHaveLength(MAX_LOG_LINES);
    expect(merged[0]?.message).toBe("step 5");
    expect(merged.at(-1)?.message).toBe(`step ${MAX_LOG_LINES + 4}`);
    const long = mergeLogs([], [line("x".repeat(MAX_LOG_MESSAGE_CHARS + 100))]) as { message: string }[];
    expect(long[0]?.message).toHaveLength(MAX_LOG_MESSAGE_CHARS);
  });

  it("reads anything that is not a list as no lines, and drops empty fields", () => {
    expect(mergeLogs(null, [line("a")])).toEqual([{ message: "a" }]);
    expect(mergeLogs({ not: "a list" }, [line("a", "t", "warn")])).toEqual([line("a", "t", "warn")]);
  });
});

describe("sameLogs", () => {
  it("is true for the same lines whatever the key order, so a poll that learned nothing writes nothing", () => {
    const stored = [{ timestamp: "t1", level: "info", message: "Queued" }];
    expect(sameLogs(stored, mergeLogs(stored, [line("Queued", "t1", "info")]))).toBe(true);
  });

  it("is false when a line was added, or a level or timestamp differs", () => {
    const stored = [line("Queued", "t1")];
    expect(sameLogs(stored, mergeLogs(stored, [line("Running", "t2")]))).toBe(false);
    expect(sameLogs([line("Queued", "t1", "warn")], [line("Queued", "t1")])).toBe(false);
    expect(sameLogs([line("Queued", "t1")], [line("Queued", "t2")])).toBe(false);
    expect(sameLogs(undefined, [])).toBe(true);
  });
});
