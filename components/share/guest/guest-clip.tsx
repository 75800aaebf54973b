"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useRef } from "react";
import { toast } from "sonner";
import { clipTitle } from "@/components/gallery/clip-meta";
import { PromptWithChips, shortLabel } from "@/components/gallery/prompt-chips";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { AlertIcon, DownloadIcon, EditNoteIcon, LayersIcon, ThumbUpIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { imageTag, videoTag } from "@/lib/generations/tags";
import type { ReviewStatus } from "@/lib/review/limits";
import type { GuestClipDTO, GuestViewDTO } from "@/lib/share/dto";
import { guestApi, guestKeys } from "./api";
import { CommentTimeline, GuestComments } from "./guest-comments";

/** The player's width: the whole clip in view under the title, leaving room for the review buttons. */
function playerWidth(clip: GuestClipDTO): string {
  return clip.aspectRatio === "9:16"
    ? "max-w-[max(240px,calc((100dvh-20rem)*9/16))]"
    : "max-w-[max(480px,calc((100dvh-21rem)*16/9))]";
}

function Player({ clip, video }: { clip: GuestClipDTO; video: RefObject<HTMLVideoElement | null> }) {
  const portrait = clip.aspectRatio === "9:16";
  const frame = cn(
    "relative w-full overflow-hidden rounded-card border border-ink-700 bg-black",
    portrait ? "aspect-[9/16]" : "aspect-video",
  );
  if (clip.status === "completed" && clip.videoUrl) {
    return (
      <div className={frame}>
        {/* biome-ignore lint/a11y/useMediaCaption: generated clips have no caption track */}
        <video
          ref={video}
          data-testid="clip-player"
          controls
          playsInline
          preload="metadata"
          poster={clip.posterUrl ?? undefined}
          src={clip.videoUrl}
          width={portrait ? 720 : 1280}
          height={portrait ? 1280 : 720}
          aria-label={`Clip: ${clipTitle(clip, 80)}`}
          className="absolute inset-0 size-full object-contain"
        />
      </div>
    );
  }
  const text =
    clip.status === "failed"
      ? "This clip could not be made."
      : clip.status === "canceled"
        ? "This clip was canceled before it finished."
        : clip.status === "completed"
          ? "The video file is missing."
          : "This clip is still being made. This page updates by itself.";
  return (
    <div className={cn(frame, "bg-ink-900")}>
      <div className="flex size-full flex-col items-center justify-center gap-2 p-6 text-center">
        {clip.status === "failed" ? (
          <AlertIcon className="size-7 text-danger" />
        ) : clip.status === "completed" || clip.status === "canceled" ? null : (
          <Spinner className="size-6 text-accent-soft" />
        )}
        <p className="text-sm font-medium text-ink-300">{text}</p>
      </div>
    </div>
  );
}

const STATUS_TONE = { pending: "neutral", approved: "ok", changes_requested: "warn" } as const;
const STATUS_LABEL = {
  pending: "Pending review",
  approved: "Approved",
  changes_requested: "Changes requested",
};

export function ReviewBadge({ status, className }: { status: ReviewStatus; className?: string }) {
  return (
    <Badge
      tone={STATUS_TONE[status]}
      dot="static"
      className={className}
      data-testid="guest-review-status"
      data-status={status}
    >
      {STATUS_LABEL[status]}
    </Badge>
  );
}

const TOGGLE =
  "inline-flex h-10 select-none items-center justify-center gap-2 rounded-lg border px-4 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft disabled:cursor-wait";
const TOGGLE_OFF = "border-ink-600 bg-ink-800 text-ink-100 hover:border-ink-400 hover:bg-ink-700";

/** Approve and request changes, as two toggles: pressing the one that is on goes back to pending. */
function ReviewButtons({ token, clip }: { token: string; clip: GuestClipDTO }) {
  const client = useQueryClient();
  const set = useMutation({
    mutationFn: (status: ReviewStatus) => guestApi.review(token, clip.id, status),
    onSuccess: (updated) => {
      client.setQueryData<{ pages: GuestViewDTO[] }>(guestKeys.view(token), (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({
                ...p,
                clips: p.clips.map((c) =>
                  c.id === updated.id ? { ...c, reviewStatus: updated.reviewStatus } : c,
                ),
              })),
            }
          : data,
      );
      void client.invalidateQueries({ queryKey: guestKeys.view(token) });
    },
    onError: (e) => toast.error("Review not saved", { description: e.message }),
  });
  const status = set.isPending && set.variables ? set.variables : clip.reviewStatus;
  const toggle = (to: ReviewStatus) => set.mutate(status === to ? "pending" : to);
  return (
    <div className="flex flex-wrap gap-2" data-testid="guest-review">
      <button
        type="button"
        aria-pressed={status === "approved"}
        onClick={() => toggle("approved")}
        disabled={set.isPending}
        className={cn(TOGGLE, status === "approved" ? "border-ok/40 bg-ok/10 text-ok" : TOGGLE_OFF)}
      >
        <ThumbUpIcon />
        {status === "approved" ? "Approved" : "Approve"}
      </button>
      <button
        type="button"
        aria-pressed={status === "changes_requested"}
        onClick={() => toggle("changes_requested")}
        disabled={set.isPending}
        className={cn(
          TOGGLE,
          status === "changes_requested" ? "border-warn/40 bg-warn/10 text-warn" : TOGGLE_OFF,
        )}
      >
        <EditNoteIcon />
        {status === "changes_requested" ? "Changes requested" : "Request changes"}
      </button>
    </div>
  );
}

/** One shared clip: player, review, download, comments, and the prompt with its references. */
export function GuestClip({ token, view, clip }: { token: string; view: GuestViewDTO; clip: GuestClipDTO }) {
  const video = useRef<HTMLVideoElement>(null);
  const can = (p: "comment" | "review" | "download") => view.link.permissions.includes(p);
  const playable = clip.status === "completed" && clip.videoUrl !== null;
  const take = clip.takeCount > 1 ? `Take ${clip.takeIndex + 1} of ${clip.takeCount}` : null;
  // A landscape clip's title and prompt line up with its player; a portrait player is too narrow for that.
  const column = clip.aspectRatio === "9:16" ? "" : cn("w-full", playerWidth(clip));
  return (
    <article
      // Phones read top to bottom: the clip, its comments, then the prompt. Wider screens put the comments
      // beside both.
      className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(320px,400px)] lg:grid-rows-[auto_1fr] lg:gap-x-8"
      data-testid="guest-clip"
      data-id={clip.id}
    >
      <div className={cn("flex min-w-0 flex-col gap-4 lg:col-start-1 lg:row-start-1", column)}>
        <div className="flex flex-col gap-2">
          <h1
            className="line-clamp-2 text-lg font-semibold leading-7 text-ink-100 sm:text-xl"
            data-testid="guest-clip-title"
          >
            {clipTitle(clip, 120)}
          </h1>
          <div className="flex flex-wrap items-center gap-2">
            <ReviewBadge status={clip.reviewStatus} />
            {take && (
              <Badge tone="accent">
                <LayersIcon className="size-3.5" />
                {take}
              </Badge>
            )}
            {clip.isPreview && (
              <Badge
                tone="warn"
                title="Made by the studio's local preview engine: a slideshow of the references, not the final render"
              >
                Preview render
              </Badge>
            )}
            <span className="text-xs text-ink-400 tabular-nums">
              {clip.duration} s · {clip.aspectRatio}
            </span>
          </div>
        </div>
        {/* The timeline is as wide as the player, so a marker sits where the player's own bar shows it. */}
        <div className={cn("mx-auto flex w-full flex-col gap-1", playerWidth(clip))}>
          <Player clip={clip} video={video} />
          {playable && <CommentTimeline token={token} clip={clip} video={video} />}
          {playable && (can("review") || can("download")) && (
            <div className="mt-3 flex flex-wrap items-center gap-2">
              {can("review") && <ReviewButtons token={token} clip={clip} />}
              {can("download") && (
                <a
                  href={guestApi.downloadUrl(token, clip.id)}
                  download
                  className={buttonClasses("ghost", "md", "sm:ml-auto")}
                  data-testid="guest-download"
                >
                  <DownloadIcon />
                  Download
                </a>
              )}
            </div>
          )}
        </div>
      </div>
      <aside className="flex min-w-0 flex-col gap-4 rounded-card border border-ink-700 bg-ink-900 p-4 lg:sticky lg:top-20 lg:col-start-2 lg:row-span-2 lg:row-start-1">
        {playable ? (
          <GuestComments
            token={token}
            clip={clip}
            video={video}
            canComment={can("comment")}
            guestName={view.guest.name}
          />
        ) : (
          <p className="text-sm text-ink-400">Comments open once the clip is ready.</p>
        )}
      </aside>
      <section
        aria-labelledby="guest-prompt-heading"
        className={cn("flex min-w-0 flex-col gap-2 lg:col-start-1 lg:row-start-2", column)}
      >
        <h2 id="guest-prompt-heading" className="text-sm font-semibold text-ink-100">
          Prompt
        </h2>
        <p
          className="rounded-card border border-ink-700 bg-ink-900 p-4 text-[15px] leading-7 break-words whitespace-pre-wrap text-ink-100"
          data-testid="guest-prompt"
        >
          <PromptWithChips prompt={clip.prompt} references={clip.references} videos={clip.referenceVideos} />
        </p>
        {clip.references.length + clip.referenceVideos.length > 0 && (
          <ul className="flex flex-wrap gap-3" aria-label="References">
            {[
              ...clip.references.map((r) => ({ ...r, tag: imageTag(r.position), video: false })),
              ...clip.referenceVideos.map((r) => ({ ...r, tag: videoTag(r.position), video: true })),
            ].map((r) => (
              <li
                key={r.tag}
                data-testid={r.video ? "guest-reference-video" : "guest-reference"}
                className={cn(
                  "flex items-center gap-2 rounded-lg border bg-ink-900 p-1.5 pr-3",
                  r.video ? "border-video/40" : "border-ink-700",
                )}
              >
                {/* biome-ignore lint/performance/noImgElement: thumbnails through the share link's media route */}
                <img
                  src={r.thumbUrl}
                  alt=""
                  width={40}
                  height={40}
                  className="size-10 rounded-md bg-ink-800 object-cover"
                />
                <span className="flex flex-col">
                  <span className="max-w-[12rem] truncate text-sm font-medium text-ink-100" title={r.label}>
                    {shortLabel(r.label)}
                  </span>
                  <code className="font-mono text-[11px] text-ink-400">
                    {r.tag}
                    {r.video && <span className="font-sans"> · video</span>}
                  </code>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
