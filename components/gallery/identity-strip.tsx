"use client";

import { cn } from "@/components/ui/cn";
import type { IdentityDTO } from "@/lib/identity/dto";
import type { IdentityFace } from "@/lib/identity/result";
import { CALIBRATION, distanceToScore, lowMoments, scoreBand } from "@/lib/identity/score";
import { BAND_WORDS, MEASURES, PREVIEW_NOTE } from "@/lib/identity/words";
import { formatClipTime } from "@/lib/review/limits";

const BAND_BG = { holds: "bg-ok/70", drifts: "bg-warn/80", lost: "bg-danger/80" } as const;

/** One referenced face along the clip: a cell per sample coloured by how close the face was. */
function FaceRow({
  face,
  duration,
  time,
  onSeek,
}: {
  face: IdentityFace;
  duration: number;
  time: number;
  onSeek: (t: number) => void;
}) {
  const span = Math.max(duration, 0.1);
  const pct = (t: number) => Math.min(100, Math.max(0, (t / span) * 100));
  const samples = [...face.samples].sort((a, b) => a.t - b.t);
  // Each sample colours the stretch from halfway after the one before to halfway before the next.
  const cells = samples.map((s, i) => {
    const from = i === 0 ? 0 : (s.t + (samples[i - 1]?.t ?? 0)) / 2;
    const to = i === samples.length - 1 ? span : (s.t + (samples[i + 1]?.t ?? span)) / 2;
    return { ...s, from, to };
  });
  const low = lowMoments(face.samples);
  const name = face.label || `image ${face.position + 1}`;
  return (
    <li className="flex flex-col gap-1" data-testid="identity-face" data-position={face.position}>
      <p className="flex items-center gap-2 text-xs text-ink-300">
        <span className="truncate font-medium text-ink-100">{name}</span>
        <span className="tabular-nums">
          {face.score === null ? "no face found" : `${face.score}/100 · ${BAND_WORDS[scoreBand(face.score)]}`}
        </span>
        {low.length > 0 && (
          <span className="ml-auto shrink-0 text-ink-400">
            {low.length} low moment{low.length === 1 ? "" : "s"}
          </span>
        )}
      </p>
      {/* Pointer users seek anywhere along the bar (aria-hidden, so no lint applies); keyboard users have
          the low moments' buttons and the player's own keys. */}
      <div
        className="relative h-3 cursor-pointer"
        aria-hidden
        data-testid="identity-bar"
        title="Click to seek there"
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          if (box.width > 0) onSeek(Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)) * span);
        }}
      >
        <div className="absolute inset-0 overflow-hidden rounded-full bg-ink-700">
          {cells.map((c) => (
            <span
              key={c.t}
              className={cn(
                "absolute inset-y-0",
                c.d === null ? "bg-ink-600" : BAND_BG[scoreBand(distanceToScore(c.d))],
              )}
              style={{ left: `${pct(c.from)}%`, width: `${pct(c.to) - pct(c.from)}%` }}
            />
          ))}
        </div>
        <span
          className="absolute inset-y-[-2px] w-0.5 rounded bg-ink-100"
          style={{ left: `${pct(time)}%` }}
        />
      </div>
      {low.length > 0 && (
        <div className="relative h-6">
          {low.map((s) => (
            <button
              key={s.t}
              type="button"
              onClick={() => onSeek(s.t)}
              data-testid="identity-low"
              data-t={s.t}
              aria-label={`Seek to ${formatClipTime(s.t)}: ${name}'s face ${s.d === null ? "" : `scores ${distanceToScore(s.d)}`} here`}
              title={`${formatClipTime(s.t)}: ${name} ${s.d === null ? "" : `scores ${distanceToScore(s.d)}`} (distance ${s.d})`}
              className="absolute top-0 flex size-6 -translate-x-1/2 items-center justify-center rounded-full text-danger hover:bg-danger/15 focus-visible:outline-2 focus-visible:outline-accent-soft"
              style={{ left: `${pct(s.t)}%` }}
            >
              <span aria-hidden className="size-2 rotate-45 bg-current" />
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

/**
 * Where identity drifts along the clip, one row per referenced face, under the timeline: low-identity
 * moments (farther than the match distance) are buttons that seek the player there.
 */
export function IdentityStrip({
  identity,
  isPreview,
  duration,
  time,
  onSeek,
}: {
  identity: IdentityDTO | null;
  isPreview: boolean;
  duration: number;
  time: number;
  onSeek: (t: number) => void;
}) {
  if (identity?.kind !== "scored" || identity.faces.length === 0) return null;
  return (
    <section aria-labelledby="identity-heading" className="flex flex-col gap-2" data-testid="identity-strip">
      <h2 id="identity-heading" className="text-xs font-semibold text-ink-200" title={MEASURES}>
        Face identity
        <span className="ml-2 font-normal text-ink-400">
          similarity to the reference faces, not quality{isPreview ? " · preview engine" : ""}
        </span>
      </h2>
      {isPreview && <p className="sr-only">{PREVIEW_NOTE}</p>}
      <ul className="flex flex-col gap-2">
        {identity.faces.map((f) => (
          <FaceRow key={f.position} face={f} duration={duration} time={time} onSeek={onSeek} />
        ))}
      </ul>
      <p className="sr-only">
        Low moments are samples where the face is farther than {CALIBRATION.match} from the reference.
      </p>
    </section>
  );
}
