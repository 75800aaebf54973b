"use client";

import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";
import type { DraftReference } from "@/lib/client/draft";

const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";

/** "3.0 s", "12 s": a reference video's length on its tile. */
export function videoLength(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/**
 * A reference video's moving thumbnail and its length. Stored: the server's animated WebP (a few frames of
 * the video), or its still poster for people who ask for reduced motion (a <picture> source, so no script
 * decides). Still uploading: the local file itself, muted and looped, started only when motion is welcome.
 */
export function VideoThumb({ reference: ref, dimmed }: { reference: DraftReference; dimmed: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const asset = ref.asset;
  const seconds = ref.seconds ?? asset?.video?.durationSec;
  const local = !asset && ref.previewUrl;

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const motion = window.matchMedia(REDUCED_MOTION);
    const apply = () => {
      if (motion.matches) el.pause();
      else void el.play().catch(() => {});
    };
    apply();
    motion.addEventListener("change", apply);
    return () => motion.removeEventListener("change", apply);
  }, []);

  const media = cn("size-full object-cover transition-opacity", dimmed && "opacity-50");
  return (
    <>
      {asset ? (
        <picture>
          <source media={REDUCED_MOTION} srcSet={asset.video?.posterUrl ?? asset.thumbUrl} />
          <img
            src={asset.thumbUrl}
            alt={ref.name}
            draggable={false}
            data-testid="reference-video-thumb"
            className={media}
          />
        </picture>
      ) : local ? (
        <video
          ref={video}
          src={ref.previewUrl}
          muted
          loop
          playsInline
          preload="auto"
          aria-label={ref.name}
          data-testid="reference-video-thumb"
          className={media}
        />
      ) : null}
      {seconds !== undefined && (
        <span
          data-testid="reference-video-length"
          className={cn(
            "absolute top-0.5 left-0.5 flex items-center gap-0.5 rounded bg-black/75 px-1 text-[9px] font-semibold leading-3.5 text-white tabular-nums",
          )}
        >
          <span aria-hidden>▶</span>
          <span>
            <span className="sr-only">Video, </span>
            {videoLength(seconds)}
          </span>
        </span>
      )}
    </>
  );
}
