"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type RefObject, useEffect, useRef, useState } from "react";
import { CharacterDialog, type CharacterImage } from "@/components/library/character-dialog";
import { ShareButton } from "@/components/share/share-button";
import { GenerationProgress } from "@/components/studio/generation-progress";
import { ProviderBadge, StatusBadge } from "@/components/studio/status-badge";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import {
  AlertIcon,
  ArrowLeftIcon,
  DownloadIcon,
  LayersIcon,
  RetryIcon,
  SlidersIcon,
  TrashIcon,
  UserIcon,
} from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";
import { Spinner } from "@/components/ui/spinner";
import type { MemberRole } from "@/lib/auth/actor";
import { ApiRequestError } from "@/lib/client/http";
import { generationQueryOptions, replaceGeneration } from "@/lib/client/queries";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import { backdropUrl } from "@/lib/media/keys";
import { ChooseTake } from "./card-review";
import { ClipActivity } from "./clip-activity";
import { ClipComments } from "./clip-comments";
import { ClipFacts } from "./clip-facts";
import { ClipLineage } from "./clip-lineage";
import { clipTitle, noVideoText } from "./clip-meta";
import { DrawToolbar } from "./draw-toolbar";
import { failureTitle } from "./failure";
import { FrameNotes } from "./frame-notes";
import { MakeFinalButton } from "./make-final";
import { PresenceBar } from "./presence-bar";
import { PromptWithChips } from "./prompt-chips";
import { ReferenceVideoButton } from "./reference-video-dialog";
import { FavoriteButton, ReviewStatusSelect } from "./review-controls";
import { type ReviewState, useReviewState } from "./review-state";
import { TierBadge } from "./tier-badge";
import { useDeleteClip, useRetryClip } from "./use-clip-actions";

function Player({
  g,
  video,
  review,
}: {
  g: GenerationDTO;
  video: RefObject<HTMLVideoElement | null>;
  review: ReviewState;
}) {
  const portrait = g.aspectRatio === "9:16";
  const frame = cn(
    "relative mx-auto w-full overflow-hidden rounded-card border border-ink-700 bg-black",
    // Fits the window under the title: a 9:16 clip never needs scrolling to reach its controls.
    portrait
      ? "aspect-[9/16] max-w-[max(240px,calc((100dvh-19rem)*9/16))]"
      : "aspect-video max-w-[max(480px,calc((100dvh-19rem)*16/9))]",
  );
  if (g.status === "completed" && g.videoUrl) {
    return (
      <div className={cn(frame, review.drawing && "outline-2 outline-offset-2 outline-accent-soft")}>
        {/* biome-ignore lint/a11y/useMediaCaption: generated clips have no caption track */}
        <video
          ref={video}
          data-testid="clip-player"
          controls={!review.drawing}
          playsInline
          preload="auto"
          poster={g.posterUrl ?? undefined}
          src={g.videoUrl}
          width={portrait ? 720 : 1280}
          height={portrait ? 1280 : 720}
          aria-label={`Clip: ${clipTitle(g, 80)}`}
          // Scrolled to when drawing starts: clear of the sticky header, with the tools below in view.
          className="absolute inset-0 size-full scroll-mt-20 scroll-mb-24 object-contain"
        />
        <FrameNotes generationId={g.id} video={video} review={review} />
      </div>
    );
  }
  const backdrop = g.references[0]?.thumbUrl;
  return (
    <div className={cn(frame, "bg-ink-900")}>
      {backdrop && (
        // biome-ignore lint/performance/noImgElement: a blurred backdrop from our own media route
        <img
          src={backdropUrl(backdrop)}
          alt=""
          aria-hidden
          className="absolute inset-0 size-full scale-110 object-cover opacity-20"
        />
      )}
      {!isTerminal(g.status) ? (
        <div className="absolute inset-0">
          <GenerationProgress generation={g} />
        </div>
      ) : (
        <div className="relative flex size-full flex-col items-center justify-center gap-2 p-6 text-center">
          {g.status === "failed" && <AlertIcon className="size-7 text-danger" />}
          <p className={cn("font-medium", g.status === "failed" ? "text-danger" : "text-ink-300")}>
            {noVideoText(g)}
          </p>
        </div>
      )}
    </div>
  );
}

/** What the viewer may do here: editors make and share, and delete their own clips; admins any. */
export interface Viewer {
  id: string;
  role: MemberRole;
}

function ActionBar({ g, me }: { g: GenerationDTO; me?: Viewer }) {
  const router = useRouter();
  const editor = me?.role !== "reviewer";
  const mayDelete =
    !me || me.role === "admin" || me.role === "owner" || (editor && g.createdBy?.id === me.id);
  const remove = useDeleteClip({ onDeleted: () => router.push("/") });
  const { retry, isPending: retrying } = useRetryClip(g, { openNew: true });
  const finished = isTerminal(g.status);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="clip-actions">
      {g.status === "completed" && g.videoUrl && (
        <a href={`/api/generations/${g.id}/download`} download className={buttonClasses("primary", "md")}>
          <DownloadIcon />
          Download
        </a>
      )}
      {editor && (g.status === "failed" || g.status === "canceled") && (
        <Button variant="primary" onClick={retry} disabled={retrying}>
          {retrying ? <Spinner /> : <RetryIcon />}
          Retry
        </Button>
      )}
      {editor && <MakeFinalButton g={g} />}
      {editor && (
        <>
          <ReferenceVideoButton g={g} />
          <LinkButton href={`/?use=${encodeURIComponent(g.id)}`} variant="secondary">
            <SlidersIcon />
            Use these settings
          </LinkButton>
          <SaveCharacter g={g} />
          <ShareButton share={{ kind: "generation", target: g.id, what: "this clip" }} />
        </>
      )}
      {finished && mayDelete && (
        <Button
          variant="ghost"
          onClick={() => remove.mutate(g)}
          disabled={remove.isPending}
          className="ml-auto hover:text-danger"
        >
          {remove.isPending ? <Spinner /> : <TrashIcon />}
          Delete
        </Button>
      )}
    </div>
  );
}

function SaveCharacter({ g }: { g: GenerationDTO }) {
  const [images, setImages] = useState<CharacterImage[] | null>(null);
  if (g.references.length === 0) return null;
  return (
    <>
      <Button
        variant="secondary"
        onClick={() =>
          setImages(
            [...g.references]
              .sort((a, b) => a.position - b.position)
              .map((r) => ({ assetId: r.id, label: r.label, thumbUrl: r.thumbUrl })),
          )
        }
      >
        <UserIcon />
        Save as character
      </Button>
      <CharacterDialog images={images} onClose={() => setImages(null)} />
    </>
  );
}

/** Star, review status and (in a take group) the chosen take. */
function ReviewBar({ g }: { g: GenerationDTO }) {
  if (g.status !== "completed") return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="clip-review">
      <FavoriteButton g={g} />
      <ReviewStatusSelect g={g} className="h-9 text-sm" />
      {g.takeGroupId && g.takeCount > 1 && <ChooseTake g={g} />}
    </div>
  );
}

function Gone() {
  return (
    <div className="flex flex-col items-start gap-3 rounded-card border border-ink-700 bg-ink-900 p-6">
      <p className="font-medium text-ink-100">This clip was deleted.</p>
      <p className="text-sm text-ink-400">
        It is no longer in the gallery. Someone may have deleted it in another tab.
      </p>
      <LinkButton href="/" size="sm">
        Back to the gallery
      </LinkButton>
    </div>
  );
}

/** A clip's own page: player, the full prompt, references, settings, timings, cost and what to do next. */
export function ClipDetail({ initial, me }: { initial: GenerationDTO; me?: Viewer }) {
  const meId = me?.id;
  const client = useQueryClient();
  const video = useRef<HTMLVideoElement>(null);
  const review = useReviewState();
  const { data: g = initial, error } = useQuery({
    ...generationQueryOptions(initial.id),
    initialData: initial,
  });

  // Keep the gallery's cached copy in step with what this page learns.
  useEffect(() => {
    replaceGeneration(client, g);
  }, [client, g]);

  const gone = error instanceof ApiRequestError && error.status === 404;
  const take = g.takeGroupId && g.takeCount > 1 ? `Take ${g.takeIndex + 1} of ${g.takeCount}` : null;

  return (
    <main
      className="mx-auto flex max-w-[1400px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8"
      data-testid="clip-detail"
      data-id={g.id}
      data-status={g.status}
    >
      <div className="flex min-h-7 items-center justify-between gap-3">
        <nav aria-label="Breadcrumb">
          <Link
            href="/"
            className="inline-flex items-center gap-1.5 rounded-md text-sm text-ink-300 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <ArrowLeftIcon className="size-4" />
            Gallery
          </Link>
        </nav>
        <PresenceBar generationId={initial.id} meId={meId} />
      </div>
      <div className="flex flex-col gap-2.5">
        <h1 className="line-clamp-2 max-w-4xl text-lg font-semibold leading-7 text-ink-100 sm:text-xl">
          {clipTitle(g, 120)}
        </h1>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={g.status} />
          <ProviderBadge g={g} />
          <TierBadge g={g} className="h-6" />
          {take && (
            <Badge tone="accent" data-testid="take-label">
              <LayersIcon className="size-3.5" />
              {take}
            </Badge>
          )}
          {g.createdBy && (
            <span
              className="inline-flex items-center gap-1.5 text-sm text-ink-300"
              data-testid="clip-creator"
            >
              <Avatar initials={g.createdBy.initials} colorKey={g.createdBy.id} size="xs" />
              <span>
                made by <span className="font-medium text-ink-100">{g.createdBy.name}</span>
              </span>
            </span>
          )}
        </div>
        <ClipLineage g={g} />
      </div>

      {gone ? (
        <Gone />
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(320px,400px)] lg:gap-8">
          <div className="flex min-w-0 flex-col gap-5">
            <Player g={g} video={video} review={review} />
            {review.drawing && <DrawToolbar review={review} />}
            {g.status === "completed" && g.videoUrl && <ClipComments g={g} video={video} review={review} />}
            <ReviewBar g={g} />
            <ActionBar g={g} me={me} />
            {g.status === "failed" && (
              <div
                role="status"
                data-testid="generation-error"
                className="flex gap-3 rounded-card border border-danger/30 bg-danger/10 p-4 text-sm text-danger"
              >
                <AlertIcon className="mt-0.5 size-4 shrink-0" />
                <p>
                  <span className="font-semibold">{failureTitle(g.error)}.</span>{" "}
                  {g.error?.message ?? "The provider gave no reason."}
                  {g.error?.retryable ? " Trying again may work." : ""}
                </p>
              </div>
            )}
            <section aria-labelledby="prompt-heading" className="flex flex-col gap-2">
              <div className="flex items-center gap-2">
                <h2 id="prompt-heading" className="text-sm font-semibold text-ink-100">
                  Prompt
                </h2>
                <CopyButton text={g.prompt} label="Copy the raw prompt" />
              </div>
              <p
                className="whitespace-pre-wrap break-words rounded-card border border-ink-700 bg-ink-900 p-4 text-[15px] leading-7 text-ink-100"
                data-testid="clip-prompt"
              >
                <PromptWithChips prompt={g.prompt} references={g.references} videos={g.referenceVideos} />
              </p>
            </section>
          </div>
          <div className="flex min-w-0 flex-col gap-4">
            <ClipActivity g={g} />
            <ClipFacts g={g} />
          </div>
        </div>
      )}
    </main>
  );
}
