"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { statusLabel } from "@/components/studio/status-badge";
import { CompareIcon, LayersIcon } from "@/components/ui/icons";
import { ApiRequestError } from "@/lib/client/http";
import { finalsQueryOptions, generationQueryOptions } from "@/lib/client/queries";
import type { GenerationDTO } from "@/lib/generations/dto";
import { RESOLUTION_LABELS } from "@/lib/models/profiles";
import { compareHref } from "@/lib/review/compare-ids";

const link =
  "rounded font-medium text-accent-soft underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft";

function CompareLink({ draftId, finalId, label }: { draftId: string; finalId: string; label: string }) {
  return (
    <Link href={compareHref([draftId, finalId])} className={`${link} inline-flex items-center gap-1`}>
      <CompareIcon className="size-3.5" />
      {label}
    </Link>
  );
}

/** On a final: which draft it was made from, and one click to see both side by side. */
function FinalOf({ g, draftId }: { g: GenerationDTO; draftId: string }) {
  const { data: draft, error } = useQuery(generationQueryOptions(draftId));
  const gone = error instanceof ApiRequestError && error.status === 404;
  return (
    <p
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-ink-300"
      data-testid="final-of"
      data-draft={draftId}
    >
      <LayersIcon className="size-4 text-ink-400" />
      {gone ? (
        <span>The final of a draft that was since deleted.</span>
      ) : (
        <>
          <span>
            The {RESOLUTION_LABELS[g.resolution]} final of{" "}
            <Link href={`/clips/${draftId}`} className={link}>
              {draft ? `the ${RESOLUTION_LABELS[draft.resolution]} draft` : "its draft"}
            </Link>
          </span>
          <CompareLink draftId={draftId} finalId={g.id} label="Compare draft and final" />
        </>
      )}
    </p>
  );
}

/** On a draft: the finals made of it (newest first), each with its page and a compare. */
function FinalsOf({ g }: { g: GenerationDTO }) {
  const { data: finals = [] } = useQuery({
    ...finalsQueryOptions(g.id),
    enabled: g.status === "completed",
  });
  if (finals.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-ink-300" data-testid="finals-of">
      <LayersIcon className="size-4 text-ink-400" />
      <span>{finals.length === 1 ? "Its final:" : `${finals.length} finals made of this draft:`}</span>
      <ul className="contents">
        {finals.map((f) => (
          <li key={f.id} className="inline-flex items-center gap-2" data-testid="final-link" data-id={f.id}>
            <Link href={`/clips/${f.id}`} className={link}>
              {RESOLUTION_LABELS[f.resolution]}
              {f.status !== "completed" && ` (${statusLabel(f.status).toLowerCase()})`}
            </Link>
            <CompareLink draftId={g.id} finalId={f.id} label="Compare" />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Draft and final link each other: a final names its draft, a draft lists its finals. */
export function ClipLineage({ g }: { g: GenerationDTO }) {
  if (g.draftOfId) return <FinalOf g={g} draftId={g.draftOfId} />;
  return <FinalsOf g={g} />;
}
