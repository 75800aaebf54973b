"use client";

import { useState } from "react";
import { ShareButton } from "@/components/share/share-button";
import { ProviderBadge } from "@/components/studio/status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ChevronDownIcon, LayersIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { formatUsd } from "@/lib/client/format";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import { canSortByIdentity, sortByIdentity } from "@/lib/identity/sort";
import { ChosenTakeContext } from "./card-review";
import { ClipCard } from "./clip-card";
import { clipTitle } from "./clip-meta";
import { ClipRow } from "./clip-row";
import { CompareTakesLink } from "./compare-takes-link";
import { CreatorAvatar } from "./creator";
import type { Density } from "./layout-prefs";
import { focusTakeToggle } from "./more-takes";
import { PromptWithChips } from "./prompt-chips";
import { ReferenceThumbs } from "./reference-thumbs";
import { approvalHint } from "./take-hint";
import { TierBadge } from "./tier-badge";

function summary(takes: readonly GenerationDTO[]): string {
  const count = (pred: (g: GenerationDTO) => boolean) => takes.filter(pred).length;
  const parts: string[] = [];
  const live = count((g) => !isTerminal(g.status));
  const done = count((g) => g.status === "completed");
  const failed = count((g) => g.status === "failed");
  const canceled = count((g) => g.status === "canceled");
  if (done) parts.push(`${done} done`);
  if (live) parts.push(`${live} in progress`);
  if (failed) parts.push(`${failed} failed`);
  if (canceled) parts.push(`${canceled} canceled`);
  return parts.join(" · ");
}

/** Folds the group to one card (its chosen take, else take 1); the card's "+N more" opens it again. */
function CollapseButton({ groupId, onCollapse }: { groupId: string; onCollapse: () => void }) {
  return (
    <Button
      size="sm"
      variant="ghost"
      className="-my-1"
      aria-expanded
      data-testid="collapse-takes"
      data-take-toggle={groupId}
      title="Show only the chosen take (or take 1)"
      onClick={() => {
        onCollapse();
        focusTakeToggle(groupId);
      }}
    >
      <ChevronDownIcon className="size-3.5 rotate-180" />
      Collapse
    </Button>
  );
}

/**
 * Takes of the same inputs as one strip: the shared prompt and references once, then each take (cards in
 * the grid densities, rows in the list; in the list the header is one line and a row, not the header,
 * offers "Choose this take").
 */
export function TakeGroup({
  groupId,
  takes,
  columns,
  density = "comfortable",
  onCollapse,
}: {
  groupId: string;
  takes: GenerationDTO[];
  /** Takes a row in the comfortable density (compact follows the gallery's columns; list is rows). */
  columns: number;
  density?: Density;
  onCollapse?: () => void;
}) {
  const list = density === "list";
  const first = takes[0]!;
  const [byIdentity, setByIdentity] = useState(false);
  const sortable = canSortByIdentity(takes);
  const shown = byIdentity && sortable ? sortByIdentity(takes) : takes;
  const hint = approvalHint(takes);
  const total = takes.reduce((sum, g) => sum + (g.actualCostUsd ?? g.estimatedCostUsd), 0);
  return (
    <article
      data-testid="take-group"
      data-group-id={groupId}
      aria-label={`${first.takeCount} takes: ${clipTitle(first, 60)}`}
      data-density={density}
      className={cn(
        "flex scroll-mt-24 flex-col rounded-card border border-ink-700 bg-ink-900/60",
        list ? "gap-2 p-2" : "gap-3 p-3 sm:p-4",
      )}
    >
      <header className={cn("flex flex-col", list ? "gap-1.5" : "gap-2.5")}>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="accent" data-testid="take-count">
            <LayersIcon className="size-3.5" />
            {first.takeCount} takes
          </Badge>
          <ProviderBadge g={first} />
          <TierBadge g={first} />
          <span className="text-xs text-ink-400" data-testid="take-summary">
            {summary(takes)}
          </span>
          <CompareTakesLink takes={takes} />
          {sortable && (
            <Button
              size="sm"
              variant="ghost"
              className="-my-1"
              aria-pressed={byIdentity}
              data-testid="sort-by-identity"
              title="Order the takes by face identity score, highest first"
              onClick={() => setByIdentity((on) => !on)}
            >
              Sort by identity
            </Button>
          )}
          {/* When, who and Share keep together on the right; on a phone they wrap as one. */}
          <span className="ml-auto flex items-center gap-2">
            <LocalTime iso={first.createdAt} className="text-xs text-ink-400" />
            <CreatorAvatar person={first.createdBy} />
            <ShareButton
              size="sm"
              variant="ghost"
              className="-my-1"
              share={{ kind: "take_group", target: groupId, what: `these ${first.takeCount} takes` }}
            />
            {onCollapse && <CollapseButton groupId={groupId} onCollapse={onCollapse} />}
          </span>
        </div>
        <p
          className={cn("text-sm leading-6 text-ink-100", list ? "line-clamp-1" : "line-clamp-2")}
          title={first.prompt}
          data-testid="take-group-prompt"
        >
          <PromptWithChips
            prompt={first.prompt}
            references={first.references}
            videos={first.referenceVideos}
          />
        </p>
        {!list && (
          <div className="flex flex-wrap items-center gap-3">
            <ReferenceThumbs references={first.references} videos={first.referenceVideos} />
            <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-ink-400 tabular-nums">
              <span>{first.duration} s</span>
              <span aria-hidden>·</span>
              <span>{first.aspectRatio}</span>
              <span aria-hidden>·</span>
              <span title={first.isPreview ? "Preview clips are free" : "All takes together"}>
                {first.isPreview ? "Free" : `${formatUsd(total)} for ${takes.length}`}
              </span>
            </p>
          </div>
        )}
        {hint ? (
          <p
            className="flex items-center gap-2 rounded-md border border-warn/40 bg-warn/10 px-2.5 py-1.5 text-xs text-ink-100"
            data-testid="take-approval-hint"
            role="note"
          >
            <span aria-hidden className="size-1.5 shrink-0 rounded-full bg-warn" />
            {hint}
          </p>
        ) : null}
      </header>
      {/* Compact takes follow the gallery's own compact columns (the same breakpoints as its head). */}
      <div
        className={cn(
          list ? "flex flex-col gap-1.5" : "grid gap-3",
          density === "compact" && "grid-cols-2 @min-[560px]:grid-cols-3 @min-[800px]:grid-cols-4",
        )}
        style={
          density === "comfortable"
            ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }
            : undefined
        }
      >
        {/* Choosing a take says which one the chooser saw chosen, so a choice made meanwhile is not lost. */}
        <ChosenTakeContext value={takes.find((t) => t.chosen)?.id ?? null}>
          {shown.map((g) =>
            list ? (
              <ClipRow key={g.id} generation={g} chooser />
            ) : (
              <ClipCard key={g.id} generation={g} variant="take" />
            ),
          )}
        </ChosenTakeContext>
      </div>
    </article>
  );
}
