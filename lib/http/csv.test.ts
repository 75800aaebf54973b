import { describe, expect, it } from "vitest";
import { safeCell, toCsv } from "./csv";

describe("CSV export", () => {
  it("quotes commas, quotes and line breaks, and ends rows with CRLF after a BOM", () => {
    const text = toCsv(
      ["shot", "prompt"],
      [
        [1, 'Mara says "hi", then\nleaves'],
        [2, null],
      ],
    );
    expect(text).toBe('\uFEFFshot,prompt\r\n1,"Mara says ""hi"", then\nleaves"\r\n2,\r\n');
  });

  it("keeps a cell a spreadsheet would run as a formula as text", () => {
    expect(safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(["+1", "-2", "@a", "\tb"].map(safeCell)).toEqual(["'+1", "'-2", "'@a", "'\tb"]);
    expect([safeCell(-2), safeCell("a=b"), safeCell(null)]).toEqual([-2, "a=b", null]);
  });
});
