import { describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/generations/dto";
import { columnsFor, HEAD_CARDS, splitHead, takeColumns, toEntries, toRows } from "./rows";

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

  describe("the head laid out by CSS", () => {
    const singles = (n: number, from = 0) => Array.from({ length: n }, (_, i) => clip(`s${from + i}`));
    const keys = (e: readonly { key: string }[]) => e.map((x) => x.key);

    it(`is the first ${HEAD_CARDS} single cards: whole rows at 1, 2 and 3 columns`, () => {
      const { head, rest } = splitHead(toEntries(singles(10)));
      expect(keys(head)).toEqual(["s0", "s1", "s2", "s3", "s4", "s5"]);
      expect(keys(rest)).toEqual(["s6", "s7", "s8", "s9"]);
      for (const columns of [1, 2, 3]) expect(HEAD_CARDS % columns).toBe(0);
    });

    it("ends at the first take group, so the virtualized rows start as toRows would start them", () => {
      const entries = toEntries([
        ...singles(2),
        clip("t0", { group: "g", index: 0, count: 2 }),
        clip("t1", { group: "g", index: 1, count: 2 }),
        ...singles(4, 2),
      ]);
      const { head, rest } = splitHead(entries);
      expect(keys(head)).toEqual(["s0", "s1", "group-g"]);
      expect(keys(rest)).toEqual(["s2", "s3", "s4", "s5"]);
      // The same cards share rows in both layouts: the rows of the whole list are those of the head's
      // (two singles, then the group) followed by those of the rest.
      expect(toRows(entries, 3).map((r) => r.key)).toEqual([
        ...toRows(head, 3).map((r) => r.key),
        ...toRows(rest, 3).map((r) => r.key),
      ]);
    });

    it("is the whole gallery when it is short", () => {
      const { head, rest } = splitHead(toEntries(singles(4)));
      expect(keys(head)).toHaveLength(4);
      expect(rest).toEqual([]);
      expect(splitHead([])).toEqual({ head: [], rest: [] });
    });
  });
});
