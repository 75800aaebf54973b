import Link from "next/link";
import { PlayIcon } from "@/components/ui/icons";
import { clock } from "@/lib/client/sequence-timeline";
import type { GuestSequenceSummaryDTO } from "@/lib/share/dto";
import { guestApi } from "./api";
import { GuestPoster, guestCardClass, guestGridClass } from "./guest-card";

/** A project link's sequences: each opens its own page, played end to end (/r/<token>/sequences/<id>). */
export function SequenceList({ token, sequences }: { token: string; sequences: GuestSequenceSummaryDTO[] }) {
  return (
    <section aria-labelledby="guest-sequences-title" className="space-y-3">
      <h2 id="guest-sequences-title" className="font-semibold text-ink-100 text-sm">
        Sequences ({sequences.length})
      </h2>
      <ul className={guestGridClass} data-testid="guest-sequences">
        {sequences.map((s) => (
          <li key={s.id}>
            <Link
              href={guestApi.sequencePath(token, s.id)}
              className={guestCardClass}
              data-testid="guest-sequence-card"
              data-id={s.id}
            >
              <GuestPoster url={s.posterUrl}>
                <span className="absolute right-2 bottom-2 inline-flex items-center gap-1 rounded-full bg-ink-950/80 px-2 py-0.5 text-ink-100 text-xs">
                  <PlayIcon className="size-3" />
                  {clock(s.durationSec)}
                </span>
              </GuestPoster>
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
