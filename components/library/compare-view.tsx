"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { ShortcutsButton, ShortcutsOverlay } from "@/components/ui/shortcuts-overlay";
import { leaveCompare } from "@/lib/client/compare-selection";
import { generationQueryOptions } from "@/lib/client/queries";
import { compareQueryOptions } from "@/lib/client/review";
import { usePlayerShortcuts } from "@/lib/client/use-player-shortcuts";
import { sideLabel } from "@/lib/review/compare-ids";
import { InputDiffPanel } from "./compare-diff";
import { ComparePlayers, type ComparePlayersHandle } from "./compare-players";
import { CompareSideReview } from "./compare-side-review";

const COUNT_WORDS = ["", "one", "two", "three", "four"];

/** The gallery's picks that opened this compare are used up once the user leaves it (or the tab). */
function useLeaveCompare(ids: readonly string[]) {
  const key = ids.join(",");
  useEffect(() => {
    const listed = key.split(",");
    const leave = () => leaveCompare(listed);
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [key]);
}

/**
 * Two to four clips in lockstep, each with its review (star, status, choose this take), beside the
 * difference between A's inputs and one other side's (B unless the user picks another).
 */
export function CompareView({ ids, problem }: { ids: string[]; problem: string | null }) {
  const query = useQuery({ ...compareQueryOptions(ids), enabled: problem === null });
  // Each side reads its clip as the rest of the studio does, so a star or a choice shows at once (and a
  // chosen take's siblings update when lists refetch).
  const live = useQueries({
    queries: (query.data?.clips ?? []).map((g) => ({
      ...generationQueryOptions(g.id),
      initialData: g,
      initialDataUpdatedAt: query.dataUpdatedAt,
    })),
  });
  const clips = (query.data?.clips ?? []).map((g, i) => live[i]?.data ?? g);
  const [other, setOther] = useState(1);
  /** The players, for keyboard shortcuts: their video elements, play/pause and seek. */
  const players = useRef<ComparePlayersHandle>(null);
  // The clip page's keys, on every player at once: Space/K, J/L, `,`/`.`; `?` lists them.
  const keys = usePlayerShortcuts({ videos: () => players.current?.videos() ?? [] });
  useLeaveCompare(ids);
  const pair = Math.min(other, Math.max(1, clips.length - 1));
  const count = problem === null ? ids.length : 0;

  return (
    <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-4 py-4 sm:px-6 sm:py-5 lg:px-8">
      <div className="flex flex-wrap items-center gap-x-5 gap-y-1">
        <nav aria-label="Breadcrumb">
          <Link
            href="/"
            className="inline-flex items-center gap-1.5 rounded-md text-sm text-ink-300 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <ArrowLeftIcon className="size-4" />
            Gallery
          </Link>
        </nav>
        <h1 className="text-xl font-semibold text-ink-100">
          {count > 0 ? `Compare ${COUNT_WORDS[count]} clips` : "Compare clips"}
        </h1>
        <ShortcutsButton onClick={keys.openHelp} className="ml-auto" />
      </div>
      <ShortcutsOverlay
        open={keys.helpOpen}
        onClose={keys.closeHelp}
        lines={keys.lines}
        note="They work on every clip at once, whenever you are not typing in a field."
      />
      {problem !== null ? (
        <p role="alert" className="text-sm text-danger" data-testid="compare-problem">
          {problem}
        </p>
      ) : query.isPending ? (
        <p role="status" className="text-sm text-ink-400">
          Loading the clips…
        </p>
      ) : query.isError ? (
        <p role="alert" className="text-sm text-danger" data-testid="compare-problem">
          {query.error.message}
        </p>
      ) : (
        <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_360px]">
          <ComparePlayers
            ref={players}
            clips={clips}
            extra={(g) => <CompareSideReview g={g} clips={clips} />}
          />
          <aside
            aria-label={`What changed between A and ${sideLabel(pair)}`}
            className="flex min-w-0 flex-col gap-4"
          >
            {clips.length > 2 && (
              <div className="flex flex-wrap items-center gap-2 text-sm text-ink-300">
                <span aria-hidden>Compare A with</span>
                <SegmentedControl
                  label="Compare A with"
                  options={clips.slice(1).map((_, i) => ({ value: i + 1, label: sideLabel(i + 1) }))}
                  value={pair}
                  onChange={setOther}
                  data-testid="compare-pair"
                  optionClassName="h-7 w-9 text-xs"
                />
              </div>
            )}
            <InputDiffPanel a={clips[0]!} b={clips[pair]!} to={sideLabel(pair)} />
          </aside>
        </div>
      )}
    </main>
  );
}
