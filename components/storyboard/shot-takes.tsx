"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CheckIcon } from "@/components/ui/icons";
import { getJson } from "@/lib/client/http";
import type { GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import type { ShotDTO } from "@/lib/sequences/dto";

/** Under the gallery's lists, so the live changes that refresh the gallery refresh this strip too. */
export const shotTakesKey = (shotId: string) => ["generations", "list", "shot", shotId] as const;

function TakeLabel({ g, index }: { g: GenerationDTO; index: number }) {
  if (g.status === "completed") return <>Take {index + 1}</>;
  if (isTerminal(g.status))
    return (
      <>
        Take {index + 1}: {g.status}
      </>
    );
  return <>Take {index + 1}: rendering…</>;
}

/** A shot's takes, oldest first, each a link to its clip page with "Choose" (reviewers may choose). */
export function ShotTakes({
  shot,
  onChoose,
  choosing,
}: {
  shot: ShotDTO;
  onChoose: (take: GenerationDTO | null) => void;
  choosing: boolean;
}) {
  const takes = useQuery({
    queryKey: shotTakesKey(shot.id),
    queryFn: ({ signal }) =>
      getJson<GenerationPage>(`/api/generations?shot=${encodeURIComponent(shot.id)}&limit=48`, signal),
  });
  if (takes.isError) return <p className="text-xs text-danger">{takes.error.message}</p>;
  if (!takes.data) return <p className="text-xs text-ink-400">Loading takes…</p>;
  const items = [...takes.data.items].reverse();
  if (items.length === 0) return <p className="text-xs text-ink-400">No takes yet.</p>;
  return (
    <ul
      aria-label={`Takes of ${shot.title || `shot ${shot.position + 1}`}`}
      className="flex gap-2 overflow-x-auto pb-1"
    >
      {items.map((g, i) => {
        const chosen = g.id === shot.chosenGenerationId;
        return (
          <li
            key={g.id}
            data-testid="shot-take"
            data-chosen={chosen || undefined}
            className="flex w-28 shrink-0 flex-col gap-1"
          >
            <Link
              href={`/clips/${g.id}`}
              className={cn(
                "relative block aspect-video overflow-hidden rounded-md border bg-ink-800 focus-visible:outline-2 focus-visible:outline-accent-soft",
                chosen ? "border-accent ring-2 ring-accent/40" : "border-ink-700",
              )}
            >
              {g.posterUrl && (
                // biome-ignore lint/performance/noImgElement: posters from our own media route
                <img src={g.posterUrl} alt="" className="size-full object-cover" />
              )}
              <span className="absolute inset-x-0 bottom-0 bg-ink-950/75 px-1 text-[11px] text-ink-100">
                <TakeLabel g={g} index={i} />
              </span>
            </Link>
            {g.status === "completed" &&
              (chosen ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-pressed
                  onClick={() => onChoose(null)}
                  disabled={choosing}
                >
                  <CheckIcon className="size-3.5" /> Chosen
                </Button>
              ) : (
                <Button size="sm" onClick={() => onChoose(g)} disabled={choosing}>
                  Choose
                </Button>
              ))}
          </li>
        );
      })}
    </ul>
  );
}
