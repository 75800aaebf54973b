// HTTP Range parsing for a single byte range (RFC 9110 §14). Multiple ranges are answered with the whole
// file, which the RFC allows, so a client asking for many at once cannot make us do more work.

export type RangeResult =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

const MAX_HEADER = 200;

export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (!header) return { kind: "full" };
  if (header.length > MAX_HEADER) return { kind: "full" };
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return { kind: "full" }; // unknown unit: ignore the header
  const specs = m[1]!.split(",");
  if (specs.length !== 1) return { kind: "full" };
  const spec = specs[0]!.trim();
  const parts = /^(\d*)-(\d*)$/.exec(spec);
  if (!parts || (parts[1] === "" && parts[2] === "")) return { kind: "full" };
  if (size === 0) return { kind: "unsatisfiable" };
  if (parts[1] === "") {
    // Suffix range: the last N bytes.
    const n = Number(parts[2]);
    if (!Number.isSafeInteger(n)) return { kind: "full" };
    if (n === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(parts[1]);
  const end = parts[2] === "" ? Number.MAX_SAFE_INTEGER : Number(parts[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: "full" };
  if (end < start) return { kind: "full" }; // syntactically invalid: ignore the header
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}
