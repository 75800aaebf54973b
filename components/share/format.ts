// Times as the sharing UI says them: "in 7 days", "3 hours ago". Browser-safe, no Intl set-up on load.

const UNITS: Array<[ms: number, name: string]> = [
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
];

function amount(ms: number): string {
  for (const [size, name] of UNITS) {
    if (ms >= size) {
      const n = Math.floor(ms / size);
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return "less than a minute";
}

/** "in 7 days", or "ended" once past. */
export function untilText(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  return ms <= 0 ? "ended" : `in ${amount(ms)}`;
}

/** "3 hours ago", "just now". */
export function agoText(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso);
  return ms < 60_000 ? "just now" : `${amount(ms)} ago`;
}

let dayFormat: Intl.DateTimeFormat | undefined;
/** "Dec 13, 2026". */
export function dayText(iso: string): string {
  dayFormat ??= new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric" });
  return dayFormat.format(new Date(iso));
}
