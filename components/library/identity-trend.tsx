import type { CharacterDTO } from "@/lib/characters/dto";
import { MATCH_SCORE, scoreBand } from "@/lib/identity/score";
import { MEASURES } from "@/lib/identity/words";

const W = 160;
const H = 36;
const DOT = { holds: "fill-ok", drifts: "fill-warn", lost: "fill-danger" } as const;

/** A character's face identity score over its scored clips, oldest to newest, against the match line. */
export function IdentityTrend({ c }: { c: Pick<CharacterDTO, "name" | "trend"> }) {
  const points = c.trend;
  if (points.length === 0)
    return (
      <p className="text-xs text-ink-400" data-testid="identity-trend" data-points={0}>
        Face identity: no scored clips yet
      </p>
    );
  const scores = points.map((p) => p.score);
  const latest = scores.at(-1) ?? 0;
  const lowest = Math.min(...scores);
  const average = Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
  const x = (i: number) => (points.length === 1 ? W / 2 : 4 + (i * (W - 8)) / (points.length - 1));
  const y = (score: number) => 3 + ((100 - score) * (H - 6)) / 100;
  const summary = `Face identity over ${points.length} clip${points.length === 1 ? "" : "s"}: latest ${latest}, average ${average}, lowest ${lowest}.`;
  return (
    <figure className="flex items-center gap-3" data-testid="identity-trend" data-points={points.length}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={`${summary} ${MEASURES}`}
        className="shrink-0 overflow-visible"
      >
        <title>{`${summary} ${MEASURES}`}</title>
        <line
          x1={0}
          x2={W}
          y1={y(MATCH_SCORE)}
          y2={y(MATCH_SCORE)}
          className="stroke-ink-600"
          strokeDasharray="3 3"
          strokeWidth={1}
        />
        {points.length > 1 && (
          <polyline
            points={points.map((p, i) => `${x(i)},${y(p.score)}`).join(" ")}
            className="fill-none stroke-ink-300"
            strokeWidth={1.5}
            strokeLinejoin="round"
          />
        )}
        {points.map((p, i) => (
          <circle
            key={p.generationId}
            cx={x(i)}
            cy={y(p.score)}
            r={2.5}
            className={DOT[scoreBand(p.score)]}
          />
        ))}
      </svg>
      <figcaption className="text-xs text-ink-400 tabular-nums" aria-hidden>
        <span className="text-ink-200">Face {latest}</span> latest
        <br />
        avg {average} · low {lowest}
      </figcaption>
    </figure>
  );
}
