import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { FilmIcon } from "@/components/ui/icons";

// The frame of a card on a guest page (a clip of the grid, a sequence of a project link): the card's own
// look, and its poster, or a film icon when there is none yet.

export const guestGridClass = "grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4";

export const guestCardClass =
  "group flex w-full flex-col overflow-hidden rounded-card border border-ink-700 bg-ink-900 text-left transition-colors hover:border-ink-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft";

/** A 16:9 poster box; `children` lie over it (e.g. a length badge). */
export function GuestPoster({
  url,
  zoom = false,
  children,
}: {
  url: string | null;
  /** Grows a little while the card is hovered. */
  zoom?: boolean;
  children?: ReactNode;
}) {
  return (
    <span className="relative aspect-video bg-ink-800">
      {url ? (
        // biome-ignore lint/performance/noImgElement: posters through the share link's media route
        <img
          src={url}
          alt=""
          loading="lazy"
          className={cn(
            "absolute inset-0 size-full object-contain",
            zoom && "transition-transform group-hover:scale-[1.02]",
          )}
        />
      ) : (
        <span className="absolute inset-0 flex items-center justify-center text-ink-400">
          <FilmIcon className="size-7" />
        </span>
      )}
      {children}
    </span>
  );
}
