"use client";

import { useCallback, useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { FilmIcon } from "@/components/ui/icons";
import type { GenerationDTO } from "@/lib/generations/dto";
import { backdropUrl } from "@/lib/media/keys";

/**
 * Cards show posters at about 300 to 500 CSS px (1 to 3 columns): a 480-wide copy is enough at 1x, the
 * 640-wide original serves denser screens. `sizes` approximates the card's width for each layout of the
 * studio page. A portrait clip's blurred fill is a tiny softened copy, not a CSS blur (see
 * lib/media/variants.ts).
 */
const POSTER_SIZES = "(min-width: 1600px) 350px, (min-width: 1024px) 31vw, (min-width: 600px) 50vw, 100vw";
/** The compact grid's cards: about 200 to 260 px (four beside the composer, two on a phone). */
export const COMPACT_POSTER_SIZES = "(min-width: 1024px) 260px, (min-width: 600px) 33vw, 50vw";
/** A list row's thumbnail. */
export const THUMB_POSTER_SIZES = "96px";
const posterSrcSet = (url: string) => `${url}?w=480 480w, ${url} 640w`;

/** Poster and the hover preview share this box (16:9; a 9:16 clip sits in it over a blurred copy). */
export function ClipMedia({
  g,
  active,
  eager = false,
  sizes = POSTER_SIZES,
}: {
  g: GenerationDTO;
  active: boolean;
  eager?: boolean;
  /** The poster's `sizes`, for layouts other than the comfortable grid. */
  sizes?: string;
}) {
  const loading = eager ? "eager" : "lazy";
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
          src={backdropUrl(g.posterUrl)}
          alt=""
          aria-hidden
          loading={loading}
          decoding="async"
          className="absolute inset-0 size-full scale-110 object-cover opacity-50"
        />
      )}
      {g.posterUrl ? (
        // biome-ignore lint/performance/noImgElement: posters from our own media route
        <img
          data-testid="generation-poster"
          src={g.posterUrl}
          srcSet={posterSrcSet(g.posterUrl)}
          sizes={sizes}
          alt=""
          width={w}
          height={h}
          loading={loading}
          fetchPriority={eager ? "high" : undefined}
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
          src={g.hoverUrl ?? g.videoUrl}
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
