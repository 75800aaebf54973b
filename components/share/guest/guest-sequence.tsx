"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { SequenceReview } from "@/components/sequence/sequence-review";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { clock, shotName, timelineOf } from "@/lib/client/sequence-timeline";
import type { GuestLinkDTO, GuestSequenceDTO } from "@/lib/share/dto";
import { GUEST_REFRESH_MS, guestApi, guestKeys } from "./api";
import { LinkFacts } from "./guest-view";

// A sequence shared for review, as its guest watches it: the same player as the studio's watch page
// (chosen takes back to back, the next one warmed), with comments on the sequence's clock that land on
// the take playing then. Read again every few seconds: a take chosen in the studio shows up here.

export function GuestSequence({
  token,
  link,
  initial,
  backHref,
}: {
  token: string;
  link: GuestLinkDTO;
  initial: GuestSequenceDTO;
  /** A project link's page, when the sequence is one of its project's. */
  backHref?: string;
}) {
  const { data: sequence = initial } = useQuery({
    queryKey: guestKeys.sequence(token, initial.id),
    queryFn: ({ signal }) => guestApi.sequence(token, initial.id, signal),
    initialData: initial,
    refetchInterval: GUEST_REFRESH_MS,
  });
  const timeline = useMemo(() => timelineOf(sequence), [sequence]);
  return (
    <main
      className="mx-auto max-w-6xl space-y-5 px-4 py-5 sm:px-6 sm:py-6"
      data-testid="guest-sequence"
      data-sequence-id={sequence.id}
    >
      <div className="flex flex-col gap-1.5">
        {backHref && (
          <Link
            href={backHref}
            className="inline-flex items-center gap-1.5 self-start rounded-md text-ink-300 text-sm hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <ArrowLeftIcon className="size-4" />
            All of the project
          </Link>
        )}
        <h1 className="font-semibold text-ink-100 text-xl" data-testid="guest-heading">
          {link.kind === "sequence" && link.title ? link.title : sequence.title}
        </h1>
        <p className="text-ink-400 text-sm">
          {timeline.segments.length} of {sequence.shots.length} shots · {clock(timeline.totalSec)} ·{" "}
          {sequence.aspectRatio}
        </p>
        <LinkFacts link={link} />
      </div>
      {timeline.missing.length > 0 && timeline.segments.length > 0 && (
        <p className="rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-ink-300 text-sm">
          Not in the cut yet: {timeline.missing.map((m) => shotName(m)).join(", ")}.
        </p>
      )}
      {timeline.segments.length === 0 ? (
        <p
          role="status"
          className="rounded-xl border border-ink-700 bg-ink-900 px-4 py-6 text-center text-ink-300 text-sm"
        >
          No shot of this sequence has a chosen take yet: there is nothing to watch. This page updates by
          itself.
        </p>
      ) : (
        <SequenceReview
          timeline={timeline}
          aspectRatio={sequence.aspectRatio}
          source={guestApi.sequenceComments(token, sequence.id)}
          canComment={link.permissions.includes("comment")}
          refetchMs={GUEST_REFRESH_MS}
        />
      )}
    </main>
  );
}
