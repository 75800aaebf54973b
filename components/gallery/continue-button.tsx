"use client";

import { useRouter } from "next/navigation";
import { type RefObject, useRef, useState } from "react";
import { toast } from "sonner";
import { clipFrameAction, clipToReferenceVideoAction } from "@/app/actions";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ArrowUpRightIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { GenerationDTO } from "@/lib/generations/dto";
import { profileOfClip } from "@/lib/models/profiles";
import { formatClipTime } from "@/lib/review/limits";

const item =
  "flex w-full items-center justify-between gap-3 rounded-lg px-2.5 py-2 text-left text-sm text-ink-100 hover:bg-ink-800 focus-visible:outline-2 focus-visible:outline-accent-soft disabled:opacity-50";

/**
 * "Continue from here" on a finished clip: the player's current frame, or the clip's last, becomes a
 * stored reference image (full resolution, marked as taken from this clip), and the composer opens with
 * the next shot: that frame first, the clip's references beside it, the prompt hinting to continue.
 */
export function ContinueButton({
  g,
  video,
}: {
  g: GenerationDTO;
  video: RefObject<HTMLVideoElement | null>;
}) {
  const router = useRouter();
  const menu = useRef<HTMLDetailsElement>(null);
  const [now, setNow] = useState(0);
  const [busy, setBusy] = useState<"now" | "last" | "tail" | null>(null);
  if (g.status !== "completed" || !g.videoUrl) return null;
  // Where the clip's version takes reference videos, its last seconds (up to the version's limit) can go
  // with the last frame, so motion and sound carry over.
  const videos = profileOfClip(g).videos;
  const length = g.videoDurationSec ?? g.duration;
  const tailSec = videos ? Math.min(videos.maxSeconds, length) : 0;

  async function go(which: "now" | "last" | "tail") {
    setBusy(which);
    try {
      const fail = (e: { message: string; fields?: Record<string, string> }) =>
        new Error(Object.values(e.fields ?? {})[0] ?? e.message);
      const [frame, tail] = await Promise.all([
        clipFrameAction(g.id, { atSec: which === "now" ? now : "last" }),
        which === "tail"
          ? clipToReferenceVideoAction(g.id, {
              startSec: Math.max(0, length - tailSec),
              endSec: length,
              model: g.modelVersion,
            })
          : null,
      ]);
      if (!frame.ok) throw fail(frame.error);
      if (tail && !tail.ok) throw fail(tail.error);
      if (menu.current) menu.current.open = false;
      const parts = [g.id, frame.asset.id, ...(tail?.ok ? [tail.asset.id] : [])];
      router.push(`/?continue=${encodeURIComponent(parts.join("."))}`);
    } catch (err) {
      toast.error("Could not take that frame", {
        description: err instanceof Error ? err.message : undefined,
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <details
      ref={menu}
      className="relative"
      data-testid="continue-from-here"
      onToggle={(e) => {
        if (e.currentTarget.open) {
          video.current?.pause();
          setNow(video.current?.currentTime ?? 0);
        }
      }}
    >
      <summary
        className={cn(
          buttonClasses("secondary", "md"),
          "cursor-pointer list-none focus-visible:outline-2 focus-visible:outline-accent-soft [&::-webkit-details-marker]:hidden",
        )}
      >
        <ArrowUpRightIcon className="size-4" />
        Continue from here
      </summary>
      <div className="absolute bottom-full left-0 z-30 mb-1 flex w-72 flex-col gap-0.5 rounded-card border border-ink-600 bg-ink-900 p-1.5 shadow-[var(--shadow-card)]">
        <p className="px-2.5 pt-1 pb-1.5 text-xs text-ink-400">
          Start the next shot from a frame of this clip, beside its references.
        </p>
        <button type="button" className={item} disabled={busy !== null} onClick={() => void go("now")}>
          From this frame
          <span className="flex items-center gap-1.5 text-xs text-ink-400 tabular-nums">
            {busy === "now" && <Spinner />}
            {formatClipTime(now)}
          </span>
        </button>
        <button type="button" className={item} disabled={busy !== null} onClick={() => void go("last")}>
          From the last frame
          <span className="flex items-center gap-1.5 text-xs text-ink-400 tabular-nums">
            {busy === "last" && <Spinner />}
            {formatClipTime(g.duration)}
          </span>
        </button>
        {videos && (
          <button type="button" className={item} disabled={busy !== null} onClick={() => void go("tail")}>
            <span>
              From the last frame, with its last {tailSec.toFixed(tailSec % 1 ? 1 : 0)} s
              <span className="block text-xs text-ink-400">
                as a reference video: motion and sound carry on
              </span>
            </span>
            {busy === "tail" && <Spinner />}
          </button>
        )}
      </div>
    </details>
  );
}
