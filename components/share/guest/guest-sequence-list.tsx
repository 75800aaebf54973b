import Link from "next/link";
import { FilmIcon, PlayIcon } from "@/components/ui/icons";
import { clock } from "@/lib/client/sequence-timeline";
import type { GuestSequenceSummaryDTO } from "@/lib/share/dto";
import { guestApi } from "./api";

/** A project link's sequences: each opens its own page, played end to end (/r/<token>/sequences/<id>). */
export function SequenceList({ token, sequences }: { token: string; sequences: GuestSequenceSummaryDTO[] }) {
  return (
    <section aria-labelledby="guest-sequences-title" className="space-y-3">
      <h2 id="guest-sequences-title" className="font-semibold text-ink-100 text-sm">
        Sequences ({sequences.length})
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" data-testid="guest-sequences">
        {sequences.map((s) => (
          <li key={s.id}>
            <Link
              href={guestApi.sequencePath(token, s.id)}
              className="group flex flex-col overflow-hidden rounded-card border border-ink-700 bg-ink-900 transition-colors hover:border-ink-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft"
              data-testid="guest-sequence-card"
              data-id={s.id}
            >
              <span className="relative aspect-video bg-ink-800">
                {s.posterUrl ? (
                  // biome-ignore lint/performance/noImgElement: posters through the share link's media route
                  <img
                    src={s.posterUrl}
                    alt=""
                    loading="lazy"
                    className="absolute inset-0 size-full object-contain"
                  />
                ) : (
                  <span className="absolute inset-0 flex items-center justify-center text-ink-400">
                    <FilmIcon className="size-7" />
                  </span>
                )}
                <span className="absolute right-2 bottom-2 inline-flex items-center gap-1 rounded-full bg-ink-950/80 px-2 py-0.5 text-ink-100 text-xs">
                  <PlayIcon className="size-3" />
                  {clock(s.durationSec)}
                </span>
              </span>
              <span className="flex flex-col gap-1 p-3">
                <span className="truncate font-medium text-ink-100 text-sm">{s.title}</span>
                <span className="text-ink-400 text-xs">
                  {s.chosenCount} of {s.shotCount} shots chosen · {s.aspectRatio}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
