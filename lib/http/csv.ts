import "server-only";
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or return first) gets a leading
 * apostrophe: a prompt or comment that starts with "=HYPERLINK(...)" stays text (OWASP's CSV injection).
 * Numbers are written as they are.
 */
export function safeCell(cell: CsvCell): string | number | boolean | null {
  if (typeof cell !== "string") return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 text (CRLF rows, quotes where needed) with a header row, and a BOM so Excel reads UTF-8. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return `\uFEFF${stringify([header, ...rows.map((r) => r.map(safeCell))], { record_delimiter: "windows" })}`;
}

/** A CSV or JSON attachment named `fileName` (without its extension). */
export function attachment(body: string, fileName: string, type: "csv" | "json"): Response {
  const name = `${fileName}.${type}`;
  return new Response(body, {
    headers: {
      "Content-Type": type === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
