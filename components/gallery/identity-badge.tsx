import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { GenerationDTO } from "@/lib/generations/dto";
import { type BadgeWords, badgeWords } from "@/lib/identity/words";

const TONES: Record<BadgeWords["band"], BadgeTone> = {
  holds: "ok",
  drifts: "warn",
  lost: "danger",
  none: "neutral",
  pending: "neutral",
};

/** A clip's face identity score: a colour band and the score, "Scoring…", or "No face found". */
export function IdentityBadge({
  g,
  className,
}: {
  g: Pick<GenerationDTO, "identity" | "isPreview">;
  className?: string;
}) {
  const words = badgeWords(g.identity, g.isPreview);
  if (!words) return null;
  const score = g.identity?.score ?? null;
  return (
    <Badge
      tone={TONES[words.band]}
      dot={words.band === "pending" ? "pulse" : undefined}
      title={words.description}
      data-testid="identity-badge"
      data-band={words.band}
      data-score={score ?? undefined}
      className={cn("h-5 px-2 text-[11px]", className)}
    >
      {score !== null && (
        <span aria-hidden className="h-1.5 w-6 overflow-hidden rounded-full bg-current/20">
          <span className="block h-full rounded-full bg-current" style={{ width: `${score}%` }} />
        </span>
      )}
      <span aria-hidden>{words.text}</span>
      {g.isPreview && score !== null && (
        <span aria-hidden className="opacity-70">
          preview
        </span>
      )}
      <span className="sr-only">{words.description}</span>
    </Badge>
  );
}
