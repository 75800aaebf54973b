"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { CheckIcon, LayersIcon } from "@/components/ui/icons";
import { clipHref, takesQueryOptions } from "@/lib/client/clip-nav";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";

const pill =
  "inline-flex h-6 items-center gap-1 rounded-full px-2 text-xs font-medium whitespace-nowrap tabular-nums focus-visible:outline-2 focus-visible:outline-accent-soft";

/** What a take is, when it is not simply done: said in its title and to screen readers. */
function stateOf(t: Pick<GenerationDTO, "status">): string | null {
  if (t.status === "completed") return null;
  if (!isTerminal(t.status)) return "in progress";
  return t.status;
}

/**
 * "Take 1 · Take 2 · Take 3": the takes of the clip's group as links (this one marked as the current
 * page, the chosen one with a check), keeping the gallery view it was opened from. Until the group is
 * read, the other takes hold their places without links; a deleted take keeps its place, unlinked.
 */
export function TakeSwitcher({ g, from }: { g: GenerationDTO; from: string }) {
  const { data: takes } = useQuery({ ...takesQueryOptions(g.takeGroupId!), enabled: Boolean(g.takeGroupId) });
  const slots = Array.from({ length: g.takeCount }, (_, i) => i);
  return (
    <nav
      aria-label={`Takes of this clip: take ${g.takeIndex + 1} of ${g.takeCount}`}
      data-testid="take-switcher"
      className="inline-flex h-7 max-w-full items-center gap-0.5 rounded-full border border-accent/40 bg-accent/10 py-0.5 pr-0.5 pl-2"
    >
      <LayersIcon className="mr-0.5 size-3.5 shrink-0 text-accent-soft" />
      <ul className="flex items-center gap-0.5">
        {slots.map((i) => {
          const current = i === g.takeIndex;
          // This clip's own row is the live one; the others come from the group's list.
          const t = current ? g : takes?.find((x) => x.takeIndex === i);
          const label = `Take ${i + 1}`;
          const state = t ? stateOf(t) : takes ? "deleted" : null;
          const body = (
            <>
              {label}
              {t?.chosen && (
                <CheckIcon className={cn("size-3", current ? "text-white" : "text-ok")} strokeWidth={3} />
              )}
              {t?.chosen && <span className="sr-only">(chosen)</span>}
              {state && <span className="sr-only">({state})</span>}
              {state && state !== "deleted" && (
                <span
                  aria-hidden
                  className={cn(
                    "size-1.5 rounded-full",
                    state === "in progress" ? "animate-pulse bg-accent-soft" : "bg-danger",
                  )}
                />
              )}
            </>
          );
          const title = [label, t?.chosen && "chosen", current && "this page", state]
            .filter(Boolean)
            .join(", ");
          return (
            <li key={i} data-testid="take-link" data-take={i} data-chosen={t?.chosen || undefined}>
              {t ? (
                <Link
                  href={clipHref(t.id, from)}
                  aria-current={current ? "page" : undefined}
                  title={title}
                  className={cn(
                    pill,
                    current ? "bg-accent text-white" : "text-ink-100 hover:bg-accent/20 hover:text-ink-100",
                  )}
                >
                  {body}
                </Link>
              ) : (
                <span
                  className={cn(pill, "text-ink-400", state === "deleted" && "line-through")}
                  title={state === "deleted" ? `${label} was deleted` : `${label} (loading)`}
                >
                  {body}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
