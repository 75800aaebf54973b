"use client";

import { useCallback, useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { FilmIcon } from "@/components/ui/icons";
import type { GenerationDTO } from "@/lib/generations/dto";

/** Poster and the hover preview share this box (16:9; a 9:16 clip sits in it over a blurred copy). */
export function ClipMedia({ g, active }: { g: GenerationDTO; active: boolean }) {
  const portrait = g.aspectRatio === "9:16";
  const [w, h] = portrait ? [720, 1280] : [1280, 720];
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!active) setPlaying(false);
  }, [active]);
  const start = useCallback((el: HTMLVideoElement | null) => {
    if (!el) return;
    // Muted before play() so autoplay rules allow it; React does not always reflect `muted` as a property.
    el.muted = true;
    void el.play().catch(() => undefined);
  }, []);

  return (
    <>
      {g.posterUrl && portrait && (
        // biome-ignore lint/performance/noImgElement: posters from our own media route
        <img
          src={g.posterUrl}
          alt=""
          aria-hidden
          loading="lazy"
          decoding="async"
          className="absolute inset-0 size-full scale-110 object-cover opacity-50 blur-2xl"
        />
      )}
      {g.posterUrl ? (
        // biome-ignore lint/performance/noImgElement: posters from our own media route
        <img
          data-testid="generation-poster"
          src={g.posterUrl}
          alt=""
          width={w}
          height={h}
          loading="lazy"
          decoding="async"
          className="absolute inset-0 size-full object-contain"
        />
      ) : (
        <div
          data-testid="generation-poster"
          className="absolute inset-0 flex items-center justify-center bg-ink-800 text-ink-400"
        >
          <FilmIcon className="size-8" />
        </div>
      )}
      {active && g.videoUrl && (
        <video
          data-testid="generation-video"
          ref={start}
          src={g.videoUrl}
          poster={g.posterUrl ?? undefined}
          muted
          loop
          playsInline
          autoPlay
          preload="auto"
          aria-hidden
          tabIndex={-1}
          onPlaying={() => setPlaying(true)}
          className={cn(
            "absolute inset-0 size-full object-contain transition-opacity duration-200",
            playing ? "opacity-100" : "opacity-0",
          )}
        />
      )}
    </>
  );
}
