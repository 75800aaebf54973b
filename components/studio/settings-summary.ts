import { RESOLUTION_LABELS, type Resolution } from "@/lib/models/profiles";

/**
 * The composer's settings in one line for the footer beside Generate: "8 s · 16:9 · 2 takes", then the
 * tier and version where there is a choice of them (where there is none, naming them says nothing).
 */
export function settingsSummary(s: {
  duration: number;
  aspectRatio: string;
  takes: number;
  resolution?: Resolution;
  version?: string;
}): string {
  return [
    `${s.duration} s`,
    s.aspectRatio,
    `${s.takes} take${s.takes === 1 ? "" : "s"}`,
    s.resolution ? RESOLUTION_LABELS[s.resolution] : null,
    s.version ?? null,
  ]
    .filter(Boolean)
    .join(" · ");
}
