import { Fragment } from "react";
import { AlertIcon } from "@/components/ui/icons";
import { formatElapsed, formatTimestamp, formatUsd } from "@/lib/client/format";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/schema";
import { imageTag, parseImageTags } from "@/lib/generations/tags";
import { GenerationProgress } from "./generation-progress";
import { PreviewBadge, StatusBadge, statusLabel } from "./status-badge";

/** The prompt with its tags set apart, so the roles read at a glance. */
function PromptText({ prompt }: { prompt: string }) {
  const parts: Array<{ text: string; tag: boolean }> = [];
  let last = 0;
  for (const t of parseImageTags(prompt)) {
    if (t.start > last) parts.push({ text: prompt.slice(last, t.start), tag: false });
    parts.push({ text: t.raw, tag: true });
    last = t.end;
  }
  if (last < prompt.length) parts.push({ text: prompt.slice(last), tag: false });
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p.tag ? <span className="font-mono text-[0.85em] text-accent-soft">{p.text}</span> : p.text}
        </Fragment>
      ))}
    </>
  );
}

function Media({ g }: { g: GenerationDTO }) {
  if (g.status === "completed" && g.videoUrl) {
    return (
      // biome-ignore lint/a11y/useMediaCaption: generated clips have no caption track
      <video
        data-testid="generation-video"
        controls
        playsInline
        preload="metadata"
        poster={g.posterUrl ?? undefined}
        src={g.videoUrl}
        className="size-full bg-black object-contain"
        aria-label={`Clip: ${g.prompt.slice(0, 80)}`}
      />
    );
  }
  const backdrop = g.references[0]?.thumbUrl;
  return (
    <div className="relative size-full">
      {backdrop && (
        // biome-ignore lint/performance/noImgElement: a blurred backdrop from our own media route
        <img
          src={backdrop}
          alt=""
          className="absolute inset-0 size-full scale-110 object-cover opacity-25 blur-xl"
        />
      )}
      {!isTerminal(g.status) ? (
        <GenerationProgress generation={g} />
      ) : (
        <div className="relative flex size-full flex-col items-center justify-center gap-2 p-5 text-center">
          {g.status === "failed" && <AlertIcon className="size-6 text-danger" />}
          <p className={`text-sm font-medium ${g.status === "failed" ? "text-danger" : "text-ink-300"}`}>
            {g.status === "failed"
              ? "No video: the generation failed"
              : g.status === "canceled"
                ? "Canceled before it finished"
                : "The video file is missing"}
          </p>
        </div>
      )}
    </div>
  );
}

/** One clip in the history: live while in flight, playable when done, a reason in words when it failed. */
export function GenerationCard({ generation: g }: { generation: GenerationDTO }) {
  const took = g.completedAt ? Date.parse(g.completedAt) - Date.parse(g.createdAt) : null;
  return (
    <article
      id={`generation-${g.id}`}
      data-testid="generation-card"
      data-id={g.id}
      data-status={g.status}
      aria-label={`${statusLabel(g.status)} clip: ${g.prompt.slice(0, 60)}`}
      className="flex w-full min-w-0 scroll-mt-20 flex-col overflow-hidden rounded-card border border-ink-700 bg-ink-900 target:border-accent/70"
    >
      <div className="relative aspect-video overflow-hidden bg-ink-950">
        <Media g={g} />
      </div>
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={g.status} />
          {g.isPreview && <PreviewBadge />}
          <time dateTime={g.createdAt} className="ml-auto text-xs text-ink-400">
            {formatTimestamp(g.createdAt)}
          </time>
        </div>
        {g.status === "failed" && g.error && (
          <p
            role="status"
            data-testid="generation-error"
            className="rounded-lg border border-danger/30 bg-danger/10 px-3 py-2 text-xs leading-5 text-danger"
          >
            {g.error.message}
            {g.error.retryable ? " Trying again may work." : ""}
          </p>
        )}
        <p
          className="line-clamp-3 text-sm leading-6 text-ink-100"
          title={g.prompt}
          data-testid="generation-prompt"
        >
          <PromptText prompt={g.prompt} />
        </p>
        <div className="mt-auto flex flex-wrap items-center gap-x-3 gap-y-2">
          <ul className="flex -space-x-1.5" aria-label="References">
            {g.references.map((r) => (
              <li key={`${r.position}-${r.id}`}>
                {/* biome-ignore lint/performance/noImgElement: thumbnails from our own media route */}
                <img
                  src={r.thumbUrl}
                  alt={`${imageTag(r.position)} ${r.name}`}
                  title={`${imageTag(r.position)} · ${r.name}`}
                  className="size-7 rounded-md border-2 border-ink-900 bg-ink-800 object-cover"
                  loading="lazy"
                />
              </li>
            ))}
          </ul>
          <p
            className="flex flex-wrap items-center gap-x-2 text-xs text-ink-400 tabular-nums"
            data-testid="generation-meta"
          >
            <span>{g.duration} s</span>
            <span aria-hidden>·</span>
            <span>{g.aspectRatio}</span>
            <span aria-hidden>·</span>
            <span title="Estimated cost">{g.isPreview ? "Free" : `≈ ${formatUsd(g.estimatedCostUsd)}`}</span>
            {took !== null && g.status === "completed" && (
              <>
                <span aria-hidden>·</span>
                <span title="Time to make">took {formatElapsed(took)}</span>
              </>
            )}
          </p>
        </div>
      </div>
    </article>
  );
}
