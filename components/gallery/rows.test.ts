import { describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/generations/dto";
import { columnsFor, takeColumns, toEntries, toRows } from "./rows";

const clip = (id: string, take?: { group: string; index: number; count: number }): GenerationDTO =>
  ({
    id,
    takeGroupId: take?.group ?? null,
    takeIndex: take?.index ?? 0,
    takeCount: take?.count ?? 1,
  }) as GenerationDTO;

describe("gallery rows", () => {
  it("groups takes at their first position, in take order, and drops duplicates", () => {
    const items = [
      clip("a"),
      clip("t1", { group: "g", index: 1, count: 3 }),
      clip("t0", { group: "g", index: 0, count: 3 }),
      clip("b"),
      clip("t2", { group: "g", index: 2, count: 3 }),
      clip("a"),
    ];
    const entries = toEntries(items);
    expect(entries.map((e) => e.key)).toEqual(["a", "group-g", "b"]);
    const group = entries[1]!;
    expect(group.kind === "group" && group.takes.map((t) => t.id)).toEqual(["t0", "t1", "t2"]);
  });

  it("shows a lone take (its siblings filtered out) as a single card", () => {
    const entries = toEntries([clip("t1", { group: "g", index: 1, count: 2 })]);
    expect(entries).toEqual([expect.objectContaining({ kind: "single", key: "t1" })]);
  });

  it("packs singles by column and gives each group a row of its own", () => {
    const entries = toEntries([
      clip("a"),
      clip("b"),
      clip("c"),
      clip("t0", { group: "g", index: 0, count: 2 }),
      clip("t1", { group: "g", index: 1, count: 2 }),
      clip("d"),
    ]);
    const rows = toRows(entries, 2);
    expect(rows.map((r) => (r.kind === "group" ? r.key : r.entries.map((e) => e.key).join("+")))).toEqual([
      "a+b",
      "c",
      "group-g",
      "d",
    ]);
  });

  it("picks columns by width and at least two takes per row", () => {
    expect([390, 700, 1100].map(columnsFor)).toEqual([1, 2, 3]);
    expect(takeColumns(4, 358)).toBe(2);
    expect(takeColumns(2, 1100)).toBe(2);
    expect(takeColumns(4, 1100)).toBe(4);
    expect(takeColumns(3, 700)).toBe(2);
  });
});
