"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type RefObject, useEffect, useRef, useState } from "react";
import { CharacterDialog, type CharacterImage } from "@/components/library/character-dialog";
import { ShareButton } from "@/components/share/share-button";
import { GenerationProgress } from "@/components/studio/generation-progress";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import {
  AlertIcon,
  DownloadIcon,
  LinkIcon,
  RetryIcon,
  SlidersIcon,
  TrashIcon,
  UserIcon,
} from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";
import { ShortcutsOverlay } from "@/components/ui/shortcuts-overlay";
import { Spinner } from "@/components/ui/spinner";
import type { MemberRole } from "@/lib/auth/actor";
import { clipHref, neighborsQueryOptions } from "@/lib/client/clip-nav";
import { ApiRequestError } from "@/lib/client/http";
import {
  ALL_CLIPS,
  type GalleryQuery,
  galleryParams,
  generationQueryOptions,
  replaceGeneration,
} from "@/lib/client/queries";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import { backdropUrl } from "@/lib/media/keys";
import { ChooseTake } from "./card-review";
import { ClipActivity } from "./clip-activity";
import { ClipComments } from "./clip-comments";
import { ClipFacts } from "./clip-facts";
import { ClipHeader } from "./clip-header";
import { clipTitle, noVideoText } from "./clip-meta";
import { viewSummary } from "./clip-pager";
import { ContinueButton } from "./continue-button";
import { DrawToolbar } from "./draw-toolbar";
import { failureTitle } from "./failure";
import { FrameNotes } from "./frame-notes";
import { MakeFinalButton } from "./make-final";
import { PromptWithChips } from "./prompt-chips";
import { ReferenceVideoButton } from "./reference-video-dialog";
import { FavoriteButton, ReviewStatusSelect } from "./review-controls";
import { type ReviewState, useReviewState } from "./review-state";
import { useDeleteClip, useRetryClip } from "./use-clip-actions";
import { useClipShortcuts } from "./use-clip-shortcuts";

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

function ActionBar({
  g,
  me,
  video,
}: {
  g: GenerationDTO;
  me?: Viewer;
  video: RefObject<HTMLVideoElement | null>;
}) {
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
          <ContinueButton g={g} video={video} />
          <ReferenceVideoButton g={g} />
          <LinkButton href={`/?use=${encodeURIComponent(g.id)}`} variant="secondary">
            <SlidersIcon />
            Use these settings
          </LinkButton>
          <SaveCharacter g={g} />
          <ShareButton share={{ kind: "generation", target: g.id, what: "this clip" }} />
        </>
      )}
      <CopyButton
        text={() => new URL(clipHref(g.id), window.location.origin).href}
        label="Copy link"
        icon={<LinkIcon className="size-4" />}
      >
        Copy link
      </CopyButton>
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
export function ClipDetail({
  initial,
  me,
  view = ALL_CLIPS,
}: {
  initial: GenerationDTO;
  me?: Viewer;
  /** The gallery view it was opened from (its URL's parameters): Previous and Next walk it. */
  view?: GalleryQuery;
}) {
  const client = useQueryClient();
  const video = useRef<HTMLVideoElement>(null);
  const review = useReviewState();
  const { data: g = initial, error } = useQuery({
    ...generationQueryOptions(initial.id),
    initialData: initial,
  });
  const from = galleryParams(view).toString();
  const around = useQuery(neighborsQueryOptions(initial.id, from));
  const keys = useClipShortcuts({ g, video, review, neighbors: around.data, from });

  // Keep the gallery's cached copy in step with what this page learns.
  useEffect(() => {
    replaceGeneration(client, g);
  }, [client, g]);

  const gone = error instanceof ApiRequestError && error.status === 404;

  return (
    <main
      className="mx-auto flex max-w-[1400px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8"
      data-testid="clip-detail"
      data-id={g.id}
      data-status={g.status}
    >
      <ClipHeader
        g={g}
        meId={me?.id}
        from={from}
        view={viewSummary(view)}
        neighbors={around.data}
        neighborsFailed={around.isError}
        onShortcuts={keys.openHelp}
      />
      <ShortcutsOverlay open={keys.helpOpen} onClose={keys.closeHelp} lines={keys.lines} />

      {gone ? (
        <Gone />
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(320px,400px)] lg:gap-8">
          <div className="flex min-w-0 flex-col gap-5">
            <Player g={g} video={video} review={review} />
            {review.drawing && <DrawToolbar review={review} />}
            {g.status === "completed" && g.videoUrl && <ClipComments g={g} video={video} review={review} />}
            <ReviewBar g={g} />
            <ActionBar g={g} me={me} video={video} />
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
