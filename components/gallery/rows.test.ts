import { describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/generations/dto";
import {
  COMPACT_FOUR,
  collapseGroups,
  columnsFor,
  HEAD_CARDS,
  headCards,
  shownTake,
  splitHead,
  takeColumns,
  toEntries,
  toRows,
} from "./rows";

const clip = (
  id: string,
  take?: { group: string; index: number; count: number; chosen?: boolean },
): GenerationDTO =>
  ({
    id,
    takeGroupId: take?.group ?? null,
    takeIndex: take?.index ?? 0,
    takeCount: take?.count ?? 1,
    chosen: take?.chosen ?? false,
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
    expect([390, 700, 1100].map((w) => columnsFor(w))).toEqual([1, 2, 3]);
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

  describe("densities", () => {
    // The gallery's width beside the composer: 1440 px and 1366 px windows, and a 390 px phone.
    const AT_1440 = 1440 - 64 - 440 - 32;
    const AT_1366 = 1366 - 64 - 440 - 32;
    const PHONE = 390 - 32;

    it("compact has at least four columns at 1440 and 1366 px, three on tablets, two on phones", () => {
      expect(columnsFor(AT_1440, "compact")).toBe(4);
      expect(columnsFor(AT_1366, "compact")).toBe(4);
      expect(AT_1366).toBeGreaterThanOrEqual(COMPACT_FOUR);
      expect(columnsFor(700, "compact")).toBe(3);
      expect(columnsFor(PHONE, "compact")).toBe(2);
      // Twice the comfortable grid's columns beside the composer.
      expect(columnsFor(AT_1440)).toBe(2);
    });

    it("list has one clip a row at every width, takes included", () => {
      for (const w of [PHONE, 700, AT_1440, 1400]) {
        expect(columnsFor(w, "list")).toBe(1);
        expect(takeColumns(4, w, "list")).toBe(1);
      }
      const rows = toRows(toEntries([clip("a"), clip("b"), clip("c")]), columnsFor(AT_1440, "list"));
      expect(rows.map((r) => r.kind === "cards" && r.entries.length)).toEqual([1, 1, 1]);
    });

    it("compact takes are the size of the grid's cards, even when a group has fewer takes", () => {
      expect(takeColumns(2, AT_1440, "compact")).toBe(4);
      expect(takeColumns(3, PHONE, "compact")).toBe(2);
    });

    it("the head is whole rows in every density", () => {
      for (const columns of [2, 3, 4]) expect(headCards("compact") % columns).toBe(0);
      expect(headCards("comfortable")).toBe(HEAD_CARDS);
      const { head } = splitHead(toEntries(Array.from({ length: 20 }, (_, i) => clip(`s${i}`))), 12);
      expect(head).toHaveLength(12);
    });
  });

  describe("collapsed take groups", () => {
    const group = (chosen?: number) =>
      [0, 1, 2].map((i) => clip(`t${i}`, { group: "g", index: i, count: 3, chosen: i === chosen }));

    it("show the chosen take, else take 1", () => {
      expect(shownTake(group(2)).id).toBe("t2");
      expect(shownTake(group()).id).toBe("t0");
      expect(shownTake(group().reverse()).id).toBe("t0");
    });

    it("become one card that packs with single clips, keeping the group's key and its takes", () => {
      const entries = toEntries([clip("a"), ...group(1), clip("b")]);
      expect(toRows(entries, 4).map((r) => r.kind)).toEqual(["cards", "group", "cards"]);
      const folded = collapseGroups(entries, new Set(["g"]));
      expect(folded.map((e) => e.key)).toEqual(["a", "group-g", "b"]);
      const card = folded[1]!;
      expect(card.kind === "single" && card.generation.id).toBe("t1");
      expect(card.kind === "single" && card.collapsed?.takes.map((t) => t.id)).toEqual(["t0", "t1", "t2"]);
      const rows = toRows(folded, 4);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.kind === "cards" && rows[0]!.entries.map((e) => e.key)).toEqual(["a", "group-g", "b"]);
      // A collapsed group no longer ends the head.
      expect(splitHead(folded).head).toHaveLength(3);
    });

    it("leave other groups open and the list untouched when nothing is collapsed", () => {
      const entries = toEntries([clip("a"), ...group()]);
      expect(collapseGroups(entries, new Set())).toBe(entries);
      expect(collapseGroups(entries, new Set(["other"]))).toEqual(entries);
    });
  });
});
