"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { GenerationProgress } from "@/components/studio/generation-progress";
import { ProviderBadge, StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { AlertIcon, DownloadIcon, MessageIcon, RetryIcon, TrashIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { Spinner } from "@/components/ui/spinner";
import { formatElapsed } from "@/lib/client/format";
import { meQueryOptions } from "@/lib/client/me";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import { backdropUrl } from "@/lib/media/keys";
import { TakeLabel, useClipItem } from "./card-parts";
import { CardReview, ChooseTake, ChosenTakeContext } from "./card-review";
import { CharacterBadges } from "./character-badges";
import { ClipMedia, COMPACT_POSTER_SIZES } from "./clip-media";
import { clipTitle, costText, costTitle, durationText, noVideoText } from "./clip-meta";
import { CreatorAvatar } from "./creator";
import { failureTitle } from "./failure";
import { IdentityBadge } from "./identity-badge";
import { MakeFinalButton } from "./make-final";
import { MoreTakes, type MoreTakesProps, ReviewBadge } from "./more-takes";
import { PromptWithChips } from "./prompt-chips";
import { ReferenceThumbs } from "./reference-thumbs";
import { FavoriteButton } from "./review-controls";
import { TierBadge } from "./tier-badge";
import { useDeleteClip, useRetryClip } from "./use-clip-actions";

const iconButton =
  "inline-flex size-8 items-center justify-center rounded-md text-ink-300 transition-colors hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft disabled:opacity-50";

/** A clip with no video yet (or ever) shows its first reference, blurred, behind the words. */
export function Backdrop({ g }: { g: GenerationDTO }) {
  const backdrop = g.references[0]?.thumbUrl;
  if (!backdrop) return null;
  return (
    // biome-ignore lint/performance/noImgElement: a blurred backdrop from our own media route
    <img
      src={backdropUrl(backdrop)}
      alt=""
      aria-hidden
      loading="lazy"
      className="absolute inset-0 size-full scale-110 object-cover opacity-20"
    />
  );
}

/** What the media box shows for a clip that has no video: why, in words. */
export function NoVideo({ g, small }: { g: GenerationDTO; small?: boolean }) {
  return (
    <>
      <Backdrop g={g} />
      <div
        className={cn(
          "pointer-events-none relative flex size-full flex-col items-center justify-center gap-2 text-center",
          small ? "p-1" : "p-4",
        )}
      >
        {g.status === "failed" && (
          <AlertIcon className={small ? "size-4 text-danger" : "size-6 text-danger"} />
        )}
        {small ? (
          <span className="sr-only">{noVideoText(g)}</span>
        ) : (
          <p className={cn("text-sm font-medium", g.status === "failed" ? "text-danger" : "text-ink-300")}>
            {noVideoText(g)}
          </p>
        )}
      </div>
    </>
  );
}

export function Actions({ g, compact }: { g: GenerationDTO; compact?: boolean }) {
  const remove = useDeleteClip();
  const { retry, isPending: retrying } = useRetryClip(g);
  // Only for those who may make clips: the server refuses a reviewer anyway.
  const { data: me } = useQuery({ ...meQueryOptions, enabled: g.status === "completed" });
  if (!isTerminal(g.status)) return null;
  return (
    <div className="ml-auto flex shrink-0 items-center gap-0.5">
      {g.status !== "completed" && (
        <Button
          size="sm"
          variant={g.status === "failed" ? "primary" : "secondary"}
          onClick={retry}
          disabled={retrying}
          className={cn("mr-1", compact && "px-2")}
        >
          {retrying ? <Spinner className="size-3.5" /> : <RetryIcon className="size-3.5" />}
          Retry
        </Button>
      )}
      {me?.can.generate && <MakeFinalButton g={g} iconClassName={iconButton} />}
      {g.status === "completed" && g.videoUrl && (
        <a
          href={`/api/generations/${g.id}/download`}
          download
          aria-label="Download"
          title="Download the MP4"
          className={iconButton}
        >
          <DownloadIcon />
        </a>
      )}
      <button
        type="button"
        aria-label="Delete"
        title="Delete (you can undo)"
        disabled={remove.isPending}
        onClick={() => remove.mutate(g)}
        className={cn(iconButton, "hover:text-danger")}
      >
        <TrashIcon />
      </button>
    </div>
  );
}

function FailureNote({ g }: { g: GenerationDTO }) {
  if (g.status !== "failed") return null;
  return (
    <p
      data-testid="generation-error"
      className="rounded-lg border border-danger/30 bg-danger/10 px-3 py-2 text-xs leading-5 text-danger"
    >
      <span className="font-semibold">{failureTitle(g.error)}.</span>{" "}
      {g.error?.message ?? "The provider gave no reason."}
    </p>
  );
}

interface BodyProps {
  g: GenerationDTO;
  took: number | null;
  take: string | null;
  done: boolean;
  more?: MoreTakesProps;
}

function SingleBody({ g, took, take, done, more }: BodyProps) {
  return (
    <div className="flex flex-1 flex-col gap-2.5 p-3.5 sm:p-4">
      <div className="flex min-h-6 flex-wrap items-center gap-2">
        {take && (
          <span className="text-xs font-semibold text-ink-100" data-testid="take-label">
            {take}
          </span>
        )}
        {more && <MoreTakes {...more} />}
        {!done && <StatusBadge status={g.status} />}
        <ProviderBadge g={g} />
        <TierBadge g={g} />
        <IdentityBadge g={g} />
        <CharacterBadges characters={g.characters} />
        <LocalTime iso={g.createdAt} className="ml-auto text-xs text-ink-400" title={g.createdAt} />
        <CreatorAvatar person={g.createdBy} />
      </div>
      <FailureNote g={g} />
      <p
        className="line-clamp-2 min-h-12 text-sm leading-6 text-ink-100"
        title={g.prompt}
        data-testid="generation-prompt"
      >
        <PromptWithChips prompt={g.prompt} references={g.references} videos={g.referenceVideos} />
      </p>
      <div className="mt-auto flex min-h-8 items-center gap-x-3 gap-y-2">
        <ReferenceThumbs references={g.references} videos={g.referenceVideos} />
        <p
          className="flex min-w-0 flex-wrap items-center gap-x-1.5 text-xs text-ink-400 tabular-nums"
          data-testid="generation-meta"
        >
          <span>{durationText(g)}</span>
          <span aria-hidden>·</span>
          <span>{g.aspectRatio}</span>
          <span aria-hidden>·</span>
          <span title={costTitle(g)} data-testid="generation-cost">
            {costText(g)}
          </span>
          {took !== null && (
            <span className="hidden sm:inline" title="Time to make">
              <span aria-hidden>· </span>took {formatElapsed(took)}
            </span>
          )}
        </p>
        <Actions g={g} />
      </div>
      {more && (
        <ChosenTakeContext value={more.takes.find((t) => t.chosen)?.id ?? null}>
          <ChooseTake g={g} />
        </ChosenTakeContext>
      )}
      <CardReview g={g} />
    </div>
  );
}

/**
 * The compact grid's card body (about 200 px wide): take and status, when and who, the prompt's first
 * line, then the star and the review as a badge (changing it, and compare, are on the clip's page and in
 * the other densities); a clip that did not finish shows Retry and Delete instead.
 */
function CompactBody({ g, take, done }: BodyProps) {
  return (
    <div className="flex flex-1 flex-col gap-1 px-2.5 pt-2 pb-1.5">
      <div className="flex min-h-6 min-w-0 items-center gap-1.5">
        {take && (
          <TakeLabel take={take} chosen={g.chosen} className="shrink-0 text-xs font-semibold text-ink-100" />
        )}
        {!done && <StatusBadge status={g.status} />}
        <LocalTime
          iso={g.createdAt}
          className="ml-auto truncate text-[11px] text-ink-400"
          title={g.createdAt}
        />
        <CreatorAvatar person={g.createdBy} className="shrink-0" />
      </div>
      <p
        className="line-clamp-1 text-[13px] leading-6 text-ink-100"
        title={g.prompt}
        data-testid="generation-prompt"
      >
        <PromptWithChips prompt={g.prompt} references={g.references} videos={g.referenceVideos} />
      </p>
      <div className="mt-auto flex min-h-8 min-w-0 items-center gap-1.5">
        {g.status === "completed" ? (
          <>
            <FavoriteButton g={g} className="-ml-1.5" />
            <ReviewBadge g={g} />
            {g.commentCount > 0 && (
              <span className="ml-auto inline-flex items-center gap-1 text-xs text-ink-400 tabular-nums">
                <MessageIcon className="size-3.5" />
                {g.commentCount}
                <span className="sr-only"> comments</span>
              </span>
            )}
          </>
        ) : (
          <Actions g={g} compact />
        )}
      </div>
    </div>
  );
}

/** Inside a take group the header carries prompt, references and settings; a take says which it is. */
function TakeBody({ g, took, take, done }: BodyProps) {
  return (
    <div className="flex flex-1 flex-col gap-2 p-3">
      <div className="flex min-h-8 items-center gap-2">
        <span className="shrink-0 text-xs font-semibold text-ink-100" data-testid="take-label">
          {take}
        </span>
        {!done && <StatusBadge status={g.status} />}
        <Actions g={g} compact />
      </div>
      <FailureNote g={g} />
      <ChooseTake g={g} />
      <CardReview g={g} />
      <p className="text-xs text-ink-400 tabular-nums" data-testid="generation-meta">
        <span className="sr-only">
          {durationText(g)}, {g.aspectRatio},{" "}
        </span>
        <span title={costTitle(g)} data-testid="generation-cost">
          {costText(g)}
        </span>
        {took !== null && (
          <span title="Time to make">
            <span aria-hidden> · </span>took {formatElapsed(took)}
          </span>
        )}
      </p>
    </div>
  );
}

export interface ClipCardProps {
  generation: GenerationDTO;
  /**
   * "take": a card inside a take group, whose header already shows the prompt and references.
   * "compact": the compact grid's smaller card (a take in a compact group too).
   */
  variant?: "single" | "take" | "compact";
  /** The card stands for a collapsed take group: "+N more takes" opens it. */
  more?: MoreTakesProps;
  /** On screen at first paint: the poster loads at once, with high priority. */
  eager?: boolean;
}

/** One clip in the gallery: live while in flight, a poster that plays on hover when done, a reason when not. */
export function ClipCard({ generation, variant = "single", eager = false, more }: ClipCardProps) {
  const { g, active, href, done, inFlight, take, article } = useClipItem(generation, Boolean(more));
  const took = g.completedAt && done ? Date.parse(g.completedAt) - Date.parse(g.createdAt) : null;

  return (
    <article
      {...article}
      className={cn(
        "group/card relative flex w-full min-w-0 scroll-mt-24 flex-col overflow-hidden rounded-card border bg-ink-900 transition-[border-color,box-shadow] duration-150",
        "cursor-pointer border-ink-700 hover:border-ink-600 hover:shadow-[var(--shadow-card)] focus-within:border-ink-600 target:border-accent/70",
        g.status === "failed" && "border-danger/30 hover:border-danger/50",
        g.chosen && "border-ok/60 hover:border-ok/80",
      )}
    >
      <div className="relative aspect-video overflow-hidden bg-ink-950">
        {done ? (
          <ClipMedia
            g={g}
            active={active}
            eager={eager}
            sizes={variant === "compact" ? COMPACT_POSTER_SIZES : undefined}
          />
        ) : inFlight ? (
          <Backdrop g={g} />
        ) : (
          <NoVideo g={g} />
        )}
        <Link
          href={href}
          aria-label={`Open clip: ${clipTitle(g, 60)}`}
          className="absolute inset-0 z-0 rounded-t-card focus-visible:outline-2 focus-visible:outline-offset-[-3px] focus-visible:outline-accent-soft"
        />
        {inFlight && (
          <div className="absolute inset-0">
            <GenerationProgress generation={g} compact={variant !== "single"} />
          </div>
        )}
        {done && (
          <span
            aria-hidden
            className="pointer-events-none absolute right-2 bottom-2 rounded-md bg-black/70 px-1.5 py-0.5 font-mono text-[11px] text-white tabular-nums"
          >
            {formatElapsed((g.videoDurationSec ?? g.duration) * 1000)}
          </span>
        )}
      </div>

      {more && variant === "compact" && (
        <div className="absolute top-2 left-2 z-10">
          <MoreTakes {...more} short />
        </div>
      )}
      {variant === "take" ? (
        <TakeBody g={g} took={took} take={take} done={done} />
      ) : variant === "compact" ? (
        <CompactBody g={g} took={took} take={take} done={done} />
      ) : (
        <SingleBody g={g} took={took} take={take} done={done} more={more} />
      )}
    </article>
  );
}
