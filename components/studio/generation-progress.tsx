"use client";

import { useCancelClip } from "@/components/gallery/use-clip-actions";
import { Button } from "@/components/ui/button";
import { StopIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Spinner } from "@/components/ui/spinner";
import { formatElapsed } from "@/lib/client/format";
import { useHydrated } from "@/lib/client/use-hydrated";
import { useNow } from "@/lib/client/use-now";
import type { GenerationDTO } from "@/lib/generations/dto";
import { logProgress } from "@/lib/generations/log-progress";
import { isCancelable } from "@/lib/generations/state";

export function stageText(g: GenerationDTO): string {
  switch (g.status) {
    case "queued":
      return "Waiting to submit";
    case "submitted":
      // fal's queue position is 0-based: the number of requests ahead of this one.
      if (g.queuePosition === null) return "In the provider's queue";
      return g.queuePosition === 0 ? "Next in the provider's queue" : `In queue · ${g.queuePosition} ahead`;
    case "running":
      return g.isPreview ? "Rendering preview" : "Generating video";
    case "saving":
      return "Saving the video";
    default:
      return "";
  }
}

/** The live face of a job in flight: stage, queue position, elapsed time, latest log line, Cancel. */
export function GenerationProgress({
  generation: g,
  compact = false,
}: {
  generation: GenerationDTO;
  compact?: boolean;
}) {
  const now = useNow(true);
  const hydrated = useHydrated();
  const cancel = useCancelClip(g);
  const latestLog = g.logs.at(-1)?.message;
  // Only a running job's log speaks for the render; a stale "100%" must not sit over "Saving the video".
  const progress = g.status === "running" ? logProgress(latestLog) : null;
  const canceling = cancel.isPending || (cancel.data?.ok && isCancelable(cancel.data.generation.status));

  return (
    <div
      className="pointer-events-none relative flex size-full flex-col justify-between gap-2 p-3 sm:p-4"
      data-testid="generation-progress"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 items-center gap-2 text-sm font-medium text-ink-100">
          <Spinner className="size-4 shrink-0 text-accent-soft" />
          <span className="truncate" data-testid="generation-stage">
            {canceling ? "Canceling…" : stageText(g)}
          </span>
        </div>
        <span className="font-mono text-sm text-ink-300 tabular-nums" data-testid="generation-elapsed">
          <span className="sr-only">Elapsed </span>
          {/* The browser's clock, not the server's: shown from hydration on. */}
          {hydrated ? formatElapsed(now - Date.parse(g.createdAt)) : ""}
        </span>
      </div>
      <div className="flex flex-col gap-2.5">
        <div className="flex items-center gap-2">
          <ProgressBar value={progress} label={stageText(g)} />
          {progress === null ? null : (
            <span
              className="shrink-0 font-mono text-[11px] text-ink-200 tabular-nums"
              data-testid="generation-percent"
              aria-hidden
            >
              {Math.round(progress * 100)}%
            </span>
          )}
        </div>
        <div className="flex items-end justify-between gap-3">
          <p
            className="min-h-4 min-w-0 flex-1 truncate font-mono text-[11px] text-ink-300"
            data-testid="generation-log"
            title={latestLog}
          >
            {latestLog ?? (compact ? " " : "Waiting for the first log line…")}
          </p>
          {isCancelable(g.status) && (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => cancel.mutate()}
              disabled={Boolean(canceling)}
              className="pointer-events-auto"
            >
              {canceling ? <Spinner className="size-3.5" /> : <StopIcon className="size-3.5" />}
              Cancel
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
