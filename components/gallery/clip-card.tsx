"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { MouseEvent } from "react";
import { GenerationProgress } from "@/components/studio/generation-progress";
import { ProviderBadge, StatusBadge, statusLabel } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { AlertIcon, DownloadIcon, RetryIcon, TrashIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { Spinner } from "@/components/ui/spinner";
import { formatElapsed } from "@/lib/client/format";
import { meQueryOptions } from "@/lib/client/me";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import { backdropUrl } from "@/lib/media/keys";
import { CardReview, ChooseTake } from "./card-review";
import { ClipMedia } from "./clip-media";
import { clipTitle, costText, costTitle, durationText, noVideoText } from "./clip-meta";
import { CreatorAvatar } from "./creator";
import { failureTitle } from "./failure";
import { useClipHref } from "./gallery-view";
import { IdentityBadge } from "./identity-badge";
import { MakeFinalButton } from "./make-final";
import { PromptWithChips } from "./prompt-chips";
import { ReferenceThumbs } from "./reference-thumbs";
import { TierBadge } from "./tier-badge";
import { useDeleteClip, useRetryClip } from "./use-clip-actions";
import { useHoverIntent } from "./use-hover-intent";
import { useLiveGeneration } from "./use-live-generation";

const iconButton =
  "inline-flex size-8 items-center justify-center rounded-md text-ink-300 transition-colors hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft disabled:opacity-50";

/** A clip with no video yet (or ever) shows its first reference, blurred, behind the words. */
function Backdrop({ g }: { g: GenerationDTO }) {
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
function NoVideo({ g }: { g: GenerationDTO }) {
  return (
    <>
      <Backdrop g={g} />
      <div className="pointer-events-none relative flex size-full flex-col items-center justify-center gap-2 p-4 text-center">
        {g.status === "failed" && <AlertIcon className="size-6 text-danger" />}
        <p className={cn("text-sm font-medium", g.status === "failed" ? "text-danger" : "text-ink-300")}>
          {noVideoText(g)}
        </p>
      </div>
    </>
  );
}

function Actions({ g, compact }: { g: GenerationDTO; compact?: boolean }) {
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
}

function SingleBody({ g, took, take, done }: BodyProps) {
  return (
    <div className="flex flex-1 flex-col gap-2.5 p-3.5 sm:p-4">
      <div className="flex min-h-6 flex-wrap items-center gap-2">
        {take && (
          <span className="text-xs font-semibold text-ink-100" data-testid="take-label">
            {take}
          </span>
        )}
        {!done && <StatusBadge status={g.status} />}
        <ProviderBadge g={g} />
        <TierBadge g={g} />
        <IdentityBadge g={g} />
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
      <CardReview g={g} />
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
  /** "take": a card inside a take group, whose header already shows the prompt and references. */
  variant?: "single" | "take";
  /** On screen at first paint: the poster loads at once, with high priority. */
  eager?: boolean;
}

/** One clip in the gallery: live while in flight, a poster that plays on hover when done, a reason when not. */
export function ClipCard({ generation, variant = "single", eager = false }: ClipCardProps) {
  const g = useLiveGeneration(generation);
  const { active, handlers } = useHoverIntent();
  const router = useRouter();
  const href = useClipHref(g.id);
  const done = g.status === "completed" && Boolean(g.videoUrl);
  const inFlight = !isTerminal(g.status);
  const took = g.completedAt && done ? Date.parse(g.completedAt) - Date.parse(g.createdAt) : null;
  const take = g.takeGroupId && g.takeCount > 1 ? `Take ${g.takeIndex + 1}/${g.takeCount}` : null;

  // The whole card opens the clip; keyboard users have the link on the media.
  function onClick(event: MouseEvent<HTMLElement>) {
    if (
      event.defaultPrevented ||
      (event.target as HTMLElement).closest("a,button,label,select,input,[role=img]")
    )
      return;
    if (window.getSelection()?.toString()) return;
    router.push(href);
  }

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a pointer shortcut; the media link is the keyboard path
    <article
      id={`generation-${g.id}`}
      data-testid="generation-card"
      data-id={g.id}
      data-status={g.status}
      data-take={g.takeGroupId ? g.takeIndex : undefined}
      data-chosen={g.chosen || undefined}
      aria-label={`${take ? `${take}, ` : ""}${statusLabel(g.status)} clip: ${clipTitle(g, 60)}`}
      onClick={onClick}
      {...handlers}
      className={cn(
        "group/card flex w-full min-w-0 scroll-mt-24 flex-col overflow-hidden rounded-card border bg-ink-900 transition-[border-color,box-shadow] duration-150",
        "cursor-pointer border-ink-700 hover:border-ink-600 hover:shadow-[var(--shadow-card)] focus-within:border-ink-600 target:border-accent/70",
        g.status === "failed" && "border-danger/30 hover:border-danger/50",
        g.chosen && "border-ok/60 hover:border-ok/80",
      )}
    >
      <div className="relative aspect-video overflow-hidden bg-ink-950">
        {done ? (
          <ClipMedia g={g} active={active} eager={eager} />
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
            <GenerationProgress generation={g} compact={variant === "take"} />
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

      {variant === "take" ? (
        <TakeBody g={g} took={took} take={take} done={done} />
      ) : (
        <SingleBody g={g} took={took} take={take} done={done} />
      )}
    </article>
  );
}
