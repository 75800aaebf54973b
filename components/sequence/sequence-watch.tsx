"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { ShareButton } from "@/components/share/share-button";
import type { MemberRole } from "@/lib/auth/actor";
import { memberSequenceComments } from "@/lib/client/sequence-queries";
import { clock, shotName, timelineOf } from "@/lib/client/sequence-timeline";
import { sequenceQueryOptions } from "@/lib/client/sequences";
import type { SequenceDTO } from "@/lib/sequences/dto";
import { ExportPanel } from "./export-panel";
import { SequenceReview } from "./sequence-review";

/** The sequence watched end to end, reviewed and exported: /sequences/:id/watch. */
export function SequenceWatch({ initial, role }: { initial: SequenceDTO; role: MemberRole }) {
  const { data: sequence = initial } = useQuery({
    ...sequenceQueryOptions(initial.id),
    initialData: initial,
  });
  const timeline = useMemo(() => timelineOf(sequence), [sequence]);
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="font-semibold text-ink-100 text-xl">{sequence.title}</h1>
        <span className="text-ink-400 text-sm">
          {timeline.segments.length} of {sequence.shots.length} shots · {clock(timeline.totalSec)} ·{" "}
          {sequence.aspectRatio}
        </span>
        <span className="ml-auto flex items-center gap-3">
          {role !== "reviewer" && (
            <ShareButton
              size="sm"
              variant="ghost"
              share={{ kind: "sequence", target: sequence.id, what: "this sequence, played end to end" }}
            />
          )}
          <Link
            href={`/sequences/${sequence.id}`}
            className="text-accent-soft text-sm underline-offset-2 hover:underline"
          >
            Back to the storyboard
          </Link>
        </span>
      </div>
      {timeline.missing.length > 0 && (
        <p
          className="rounded-lg border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn"
          data-testid="sequence-missing"
        >
          Left out, no finished chosen take: {timeline.missing.map((m) => shotName(m)).join(", ")}.
        </p>
      )}
      <SequenceReview
        timeline={timeline}
        aspectRatio={sequence.aspectRatio}
        source={memberSequenceComments(sequence.id)}
        aside={<ExportPanel sequenceId={sequence.id} timeline={timeline} canExport={role !== "reviewer"} />}
      />
    </main>
  );
}
