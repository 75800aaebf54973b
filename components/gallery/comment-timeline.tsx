"use client";

import { cn } from "@/components/ui/cn";
import type { CommentDTO } from "@/lib/review/dto";
import { formatClipTime } from "@/lib/review/limits";

/** "0:01.0" for a moment, "0:01.0–0:02.5" for a range. */
export function clipSpan(atSec: number, endSec: number | null): string {
  return endSec === null ? formatClipTime(atSec) : `${formatClipTime(atSec)}–${formatClipTime(endSec)}`;
}

/**
 * A bar as wide as the player: the playhead's progress, a marker for each thread, a span under each
 * range comment, and the range of the comment being written.
 */
export function CommentTimeline({
  threads,
  time,
  duration,
  selectedId,
  draft,
  onSelect,
}: {
  /** The threads' first comments to show. */
  threads: CommentDTO[];
  time: number;
  duration: number;
  selectedId: string | null;
  draft: { atSec: number; endSec: number | null } | null;
  onSelect: (c: CommentDTO) => void;
}) {
  const pct = (t: number) => Math.min(100, Math.max(0, (t / Math.max(duration, 0.1)) * 100));
  return (
    <div className="relative h-7" data-testid="comment-timeline">
      <div className="absolute inset-x-0 top-1/2 h-1 -translate-y-1/2 rounded-full bg-ink-700" />
      <div
        className="absolute top-1/2 left-0 h-1 -translate-y-1/2 rounded-full bg-accent/60"
        style={{ width: `${pct(time)}%` }}
      />
      {draft?.endSec != null && draft.endSec > draft.atSec && (
        <div
          data-testid="draft-range"
          aria-hidden
          className="absolute top-1/2 h-2.5 -translate-y-1/2 rounded-full border border-dashed border-accent-soft bg-accent/25"
          style={{ left: `${pct(draft.atSec)}%`, width: `${pct(draft.endSec) - pct(draft.atSec)}%` }}
        />
      )}
      {threads.map(
        (c) =>
          c.endSec !== null && (
            <button
              key={`span-${c.id}`}
              type="button"
              tabIndex={-1}
              aria-hidden
              data-testid="comment-range"
              data-comment-id={c.id}
              title={`${clipSpan(c.atSec, c.endSec)} ${c.authorName}: ${c.body}`}
              onClick={() => onSelect(c)}
              className={cn(
                "absolute top-1/2 h-2.5 min-w-1 -translate-y-1/2 rounded-full",
                c.resolvedAt ? "bg-ink-400/40" : "bg-warn/45 hover:bg-warn/70",
                c.id === selectedId && "outline-2 outline-warn",
              )}
              style={{ left: `${pct(c.atSec)}%`, width: `${pct(c.endSec) - pct(c.atSec)}%` }}
            />
          ),
      )}
      {threads.map((c) => (
        <button
          key={c.id}
          type="button"
          data-testid="comment-marker"
          data-comment-id={c.id}
          aria-label={`Go to comment at ${clipSpan(c.atSec, c.endSec)} by ${c.authorName}`}
          aria-current={c.id === selectedId ? "true" : undefined}
          title={`${clipSpan(c.atSec, c.endSec)} ${c.authorName}: ${c.body}`}
          onClick={() => onSelect(c)}
          className={cn(
            "absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-ink-900 transition-transform hover:scale-125 focus-visible:outline-2 focus-visible:outline-accent-soft",
            c.resolvedAt ? "bg-ink-400" : "bg-warn",
            c.id === selectedId && "scale-125 ring-2 ring-warn/60",
          )}
          style={{ left: `${pct(c.atSec)}%` }}
        />
      ))}
    </div>
  );
}
