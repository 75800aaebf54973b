// The spend-cap fields of the members page: what they show for a cap, and what a person typed as one.
// The server checks again (lib/accounts/schema.ts spendCapSchema); this only answers sooner and kinder.

/** "5.00" for $5, "" for no cap. */
export function capText(cap: number | null): string {
  return cap === null ? "" : cap.toFixed(2);
}

/** Dollars (a leading $ and thousands commas allowed), null for an empty field, or what is wrong. */
export function parseCap(text: string): { cap: number | null } | { error: string } {
  const t = text
    .trim()
    .replace(/^\$\s*/, "")
    .replace(/,/g, "");
  if (t === "") return { cap: null };
  if (!/^\d+(\.\d{1,2})?$/.test(t)) {
    return { error: "Enter dollars like 25 or 12.50, or leave it empty for no cap." };
  }
  return { cap: Number(t) };
}
