"use client";

import { formatTimestamp } from "@/lib/client/format";
import { useHydrated } from "@/lib/client/use-hydrated";

/**
 * "3:41 PM" (or "Nov 21, 3:41 PM") in the viewer's own time zone. The server knows neither the zone nor
 * the viewer's day, so the words appear once the page has hydrated; the element is there from the start.
 */
export function LocalTime({ iso, className, title }: { iso: string; className?: string; title?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={iso} className={className} title={title}>
      {hydrated ? formatTimestamp(iso) : ""}
    </time>
  );
}
