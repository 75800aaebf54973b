"use client";

import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { LayersIcon } from "@/components/ui/icons";
import type { GenerationDTO } from "@/lib/generations/dto";
import { REVIEW_LABELS } from "@/lib/review/limits";

export interface MoreTakesProps {
  groupId: string;
  takes: readonly GenerationDTO[];
  onExpand: () => void;
}

/**
 * After a take group's toggle replaces itself (the group collapses to a card, or the card opens into the
 * group), focus goes to the toggle that took its place rather than falling to the page.
 */
export function focusTakeToggle(groupId: string) {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`[data-take-toggle="${groupId}"]`)?.focus();
  });
}

/** On a collapsed take group's card: "+2 more takes" opens the group again. */
export function MoreTakes({ groupId, takes, onExpand, short }: MoreTakesProps & { short?: boolean }) {
  const n = takes.length - 1;
  const words = `+${n} more take${n === 1 ? "" : "s"}`;
  return (
    <button
      type="button"
      aria-expanded={false}
      aria-label={words}
      title={`Show all ${takes.length} takes`}
      data-testid="more-takes"
      data-take-toggle={groupId}
      onClick={() => {
        onExpand();
        focusTakeToggle(groupId);
      }}
      className={cn(
        "inline-flex h-6 shrink-0 items-center gap-1 rounded-full border px-2 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft",
        short
          ? "border-white/25 bg-black/70 text-white hover:bg-black/85"
          : "border-accent/40 bg-accent/15 text-accent-soft hover:bg-accent/25",
      )}
    >
      <LayersIcon className="size-3.5" />
      {short ? `+${n} more` : words}
    </button>
  );
}

/** The review status as a badge, for cards too small for its select; nothing while it is pending. */
export function ReviewBadge({ g }: { g: Pick<GenerationDTO, "reviewStatus"> }) {
  if (g.reviewStatus === "pending") return null;
  return (
    <Badge
      tone={g.reviewStatus === "approved" ? "ok" : "warn"}
      data-testid="review-badge"
      className="h-5 min-w-0 px-2 text-[11px]"
    >
      <span className="truncate">{REVIEW_LABELS[g.reviewStatus]}</span>
    </Badge>
  );
}
