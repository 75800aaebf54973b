"use client";

import { cn } from "@/components/ui/cn";
import { clock, shotName, type Timeline } from "@/lib/client/sequence-timeline";

export interface TimelineMarker {
  id: string;
  sec: number;
  label: string;
}

interface Props {
  timeline: Timeline;
  time: number;
  current: number;
  markers: TimelineMarker[];
  onSeek: (sec: number) => void;
}

/**
 * The sequence's shots as blocks as long as their takes, with the boundaries between them, the playhead,
 * and a mark for each comment. A block is a button: a click jumps to that moment of the shot, Enter or
 * Space to its start.
 */
export function PlayerTimeline({ timeline, time, current, markers, onSeek }: Props) {
  const total = timeline.totalSec || 1;
  const pct = (sec: number) => `${(Math.min(Math.max(sec, 0), total) / total) * 100}%`;
  return (
    <div className="space-y-1">
      <div className="relative" data-testid="sequence-timeline">
        <ol className="flex h-12 gap-0.5" aria-label="Shots">
          {timeline.segments.map((s, i) => (
            <li key={s.shotId} style={{ flexGrow: s.endSec - s.startSec, flexBasis: 0 }} className="min-w-0">
              <button
                type="button"
                data-testid="timeline-shot"
                aria-current={i === current || undefined}
                title={`${shotName(s)} · ${clock(s.startSec)} to ${clock(s.endSec)}`}
                onClick={(e) => {
                  // A pointer click jumps to the moment under it; a key press (detail 0) to the shot's start.
                  if (e.detail === 0) return onSeek(s.startSec);
                  const box = e.currentTarget.getBoundingClientRect();
                  const f = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
                  onSeek(s.startSec + f * (s.endSec - s.startSec) * 0.999);
                }}
                className={cn(
                  "flex h-full w-full flex-col justify-between overflow-hidden rounded-md border px-1.5 py-1 text-left text-[11px] transition-colors",
                  "focus-visible:outline-2 focus-visible:outline-accent-soft",
                  i === current
                    ? "border-accent-soft bg-accent/25 text-ink-100"
                    : "border-ink-600 bg-ink-800 text-ink-300 hover:border-ink-400",
                )}
              >
                <span className="truncate font-medium">{shotName(s)}</span>
                <span
                  className={cn(
                    "truncate font-mono tabular-nums",
                    // On the current shot's accent tint the muted grey falls below 4.5:1.
                    i === current ? "text-ink-200" : "text-ink-400",
                  )}
                >
                  {clock(s.endSec - s.startSec)}
                </span>
              </button>
            </li>
          ))}
        </ol>
        <div
          aria-hidden
          data-testid="sequence-playhead"
          className="pointer-events-none absolute -inset-y-1 w-0.5 -translate-x-1/2 rounded-full bg-ink-100 ring-1 ring-ink-950"
          style={{ left: pct(time) }}
        />
      </div>
      {markers.length > 0 && (
        <div className="relative h-4">
          {markers.map((m) => (
            <button
              key={m.id}
              type="button"
              data-testid="timeline-comment"
              title={m.label}
              aria-label={`Comment at ${clock(m.sec)}: ${m.label}`}
              onClick={() => onSeek(m.sec)}
              className="absolute top-0 h-3 w-3 -translate-x-1/2 rounded-full border border-ink-950 bg-warn focus-visible:outline-2 focus-visible:outline-accent-soft"
              style={{ left: pct(m.sec) }}
            />
          ))}
        </div>
      )}
    </div>
  );
}
