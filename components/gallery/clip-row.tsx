"use client";

import Link from "next/link";
import { stageText } from "@/components/studio/generation-progress";
import { StatusBadge } from "@/components/studio/status-badge";
import { cn } from "@/components/ui/cn";
import { MessageIcon } from "@/components/ui/icons";
import { LocalTime } from "@/components/ui/local-time";
import { Spinner } from "@/components/ui/spinner";
import { formatElapsed } from "@/lib/client/format";
import { TakeLabel, useClipItem } from "./card-parts";
import { ChooseTake, ChosenTakeContext } from "./card-review";
import { CharacterBadges } from "./character-badges";
import { Actions, Backdrop, type ClipCardProps, NoVideo } from "./clip-card";
import { ClipMedia, THUMB_POSTER_SIZES } from "./clip-media";
import { clipTitle } from "./clip-meta";
import { CreatorAvatar } from "./creator";
import { IdentityBadge } from "./identity-badge";
import { MoreTakes, ReviewBadge } from "./more-takes";
import { PromptWithChips } from "./prompt-chips";
import { FavoriteButton, ReviewStatusSelect } from "./review-controls";

/**
 * One clip as one dense row (the gallery's list density): thumbnail, the prompt's first line with its
 * chips, status, star and review, creator, time and actions. Sized by its own width: from 44 rem it is a
 * single line; narrower (a phone) the prompt takes the first line and the rest wraps under it, and the
 * actions (also on the clip's page) show from 34 rem. Same test ids and names as a card.
 */
export function ClipRow({
  generation,
  eager = false,
  more,
  chooser = false,
}: Omit<ClipCardProps, "variant"> & {
  /** In a take group's list: "Choose this take" (or "Chosen") in the row. */
  chooser?: boolean;
}) {
  const { g, active, href, done, inFlight, take, article } = useClipItem(generation, Boolean(more));

  return (
    <article
      {...article}
      data-density="list"
      className={cn(
        "@container flex w-full min-w-0 scroll-mt-24 cursor-pointer rounded-lg border bg-ink-900 p-1.5 transition-colors",
        "border-ink-700 hover:border-ink-600 focus-within:border-ink-600 target:border-accent/70",
        g.status === "failed" && "border-danger/30 hover:border-danger/50",
        g.chosen && "border-ok/60 hover:border-ok/80",
      )}
    >
      <div className="flex w-full min-w-0 items-center gap-3">
        <div className="relative aspect-video w-20 shrink-0 overflow-hidden rounded-md bg-ink-950 @min-[34rem]:w-24">
          {done ? (
            <ClipMedia g={g} active={active} eager={eager} sizes={THUMB_POSTER_SIZES} />
          ) : inFlight ? (
            <>
              <Backdrop g={g} />
              <Spinner className="absolute inset-0 m-auto size-5 text-accent-soft" />
            </>
          ) : (
            <NoVideo g={g} small />
          )}
          <Link
            href={href}
            aria-label={`Open clip: ${clipTitle(g, 60)}`}
            className="absolute inset-0 z-0 rounded-md focus-visible:outline-2 focus-visible:outline-offset-[-3px] focus-visible:outline-accent-soft"
          />
          {done && (
            <span
              aria-hidden
              className="pointer-events-none absolute right-1 bottom-1 rounded bg-black/70 px-1 font-mono text-[10px] text-white tabular-nums"
            >
              {formatElapsed((g.videoDurationSec ?? g.duration) * 1000)}
            </span>
          )}
        </div>
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2.5 gap-y-0.5 @min-[44rem]:flex-nowrap">
          <p
            className="line-clamp-1 w-full min-w-0 text-sm leading-6 text-ink-100 @min-[44rem]:w-auto @min-[44rem]:flex-1"
            title={g.prompt}
            data-testid="generation-prompt"
          >
            {take && (
              <TakeLabel
                take={take}
                chosen={g.chosen}
                className="mr-1.5 text-xs font-semibold text-ink-100"
              />
            )}
            <PromptWithChips prompt={g.prompt} references={g.references} videos={g.referenceVideos} />
          </p>
          {more && <MoreTakes {...more} short />}
          {chooser && <ChooseTake g={g} />}
          {/* A collapsed group's row already marks its chosen take (the check by its label). */}
          {more && !g.chosen && (
            <ChosenTakeContext value={more.takes.find((t) => t.chosen)?.id ?? null}>
              <ChooseTake g={g} />
            </ChosenTakeContext>
          )}
          {!done && <StatusBadge status={g.status} />}
          {inFlight && <span className="max-w-40 truncate text-xs text-ink-400">{stageText(g)}</span>}
          {g.status === "completed" && (
            <span className="flex shrink-0 items-center gap-1">
              <FavoriteButton g={g} />
              {/* A phone's row shows the review as a badge; the select needs a wider row. */}
              <span className="flex @min-[34rem]:hidden">
                <ReviewBadge g={g} />
              </span>
              <ReviewStatusSelect g={g} className="hidden max-w-36 @min-[34rem]:block" />
              {g.commentCount > 0 && (
                <span className="inline-flex items-center gap-1 px-1 text-xs text-ink-400 tabular-nums">
                  <MessageIcon className="size-3.5" />
                  {g.commentCount}
                  <span className="sr-only"> comments</span>
                </span>
              )}
            </span>
          )}
          <IdentityBadge g={g} className="hidden @min-[34rem]:inline-flex" />
          <CharacterBadges characters={g.characters} className="hidden @min-[40rem]:flex" />
          <span className="ml-auto flex shrink-0 items-center gap-2">
            <LocalTime
              iso={g.createdAt}
              className="text-xs whitespace-nowrap text-ink-400 tabular-nums"
              title={g.createdAt}
            />
            <CreatorAvatar person={g.createdBy} />
          </span>
          <span className="hidden shrink-0 @min-[34rem]:flex">
            <Actions g={g} compact />
          </span>
        </div>
      </div>
    </article>
  );
}
