/** "$1.04"; costs under a cent keep two significant digits so they never read as free. */
export function formatUsd(amount: number): string {
  if (amount === 0) return "$0.00";
  if (amount < 0.01) return `$${amount.toPrecision(2)}`;
  return `$${amount.toFixed(2)}`;
}

/** "0:07", "12:30", "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes < 1024 ** 4) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${(bytes / 1024 ** 4).toFixed(1)} TB`;
}

// Made on first use, not when the module loads: building an Intl formatter costs the page milliseconds
// of ICU set-up while it hydrates, and the first screen shows no time.
let timeFormat: Intl.DateTimeFormat | undefined;
let dateFormat: Intl.DateTimeFormat | undefined;

/** 20000 -> "20,000": integers in the en-US style, without an Intl formatter. */
export function formatCount(n: number): string {
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "3:41 PM" today, "Nov 21, 3:41 PM" on another day. */
export function formatTimestamp(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === now.toDateString();
  timeFormat ??= new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit" });
  if (sameDay) return timeFormat.format(d);
  dateFormat ??= new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric" });
  return `${dateFormat.format(d)}, ${timeFormat.format(d)}`;
}

/** Schema messages are lower-case clauses ("prompt must not be empty"); shown alone they read as sentences. */
export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * How long ago, in words: "a moment ago", "3 min ago", "2 h ago", "4 days ago", then the date ("on Nov
 * 21"). Pure (no time zone beyond the date), so the server can say it too (a refused review change).
 */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (!(seconds >= 45)) return "a moment ago";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${Math.max(1, minutes)} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return days === 1 ? "a day ago" : `${days} days ago`;
  const d = new Date(iso);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  const format = new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  });
  return `on ${format.format(d)}`;
}

/** "2 references", "2 references and 1 reference video", "1 reference video": a clip's inputs in words. */
export function referenceWords(g: {
  references: readonly unknown[];
  referenceVideos?: readonly unknown[];
}): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  const videos = g.referenceVideos?.length ?? 0;
  const parts = [
    g.references.length > 0 || videos === 0 ? plural(g.references.length, "reference") : "",
    videos > 0 ? plural(videos, "reference video") : "",
  ];
  return parts.filter(Boolean).join(" and ");
}
