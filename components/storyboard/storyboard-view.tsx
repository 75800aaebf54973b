"use client";

import Link from "next/link";
import { type PointerEvent, useEffect, useRef, useState } from "react";
import { ShareButton } from "@/components/share/share-button";
import { Button } from "@/components/ui/button";
import { ArrowLeftIcon, FilmIcon, PlusIcon, SparkIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { formatUsd } from "@/lib/client/format";
import { formatRunTime } from "@/lib/client/sequences";
import { useHydrated } from "@/lib/client/use-hydrated";
import type { ShotDTO } from "@/lib/sequences/dto";
import { dropIndex } from "@/lib/sequences/reorder";
import { type GenerateBatch, GenerateDialog } from "./generate-dialog";
import { ShotCard } from "./shot-card";
import { useStoryboard } from "./use-storyboard";

const TAKE_COUNTS = [1, 2, 3, 4].map((n) => ({
  value: n,
  label: String(n),
  ariaLabel: n === 1 ? "1 take" : `${n} takes`,
}));

/** The sequence's length and spend: its chosen takes' seconds and costs (recorded, else estimated). */
function totals(shots: readonly ShotDTO[]) {
  let seconds = 0;
  let usd = 0;
  for (const s of shots) {
    if (!s.chosen) continue;
    seconds += s.chosen.videoDurationSec ?? s.chosen.duration;
    usd += s.chosen.actualCostUsd ?? s.chosen.estimatedCostUsd;
  }
  return { seconds, usd: Math.round(usd * 10_000) / 10_000 };
}

/** Pointer drag of a card by its handle: where it would land, shown while dragging, moved on release. */
function useCardDrag(
  list: React.RefObject<HTMLOListElement | null>,
  onDrop: (id: string, to: number) => void,
) {
  const [drag, setDrag] = useState<{ id: string; over: number } | null>(null);
  const centres = () =>
    [...(list.current?.querySelectorAll<HTMLElement>("[data-testid=shot-card]") ?? [])].map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
  const start = (id: string, from: number) => (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    setDrag({ id, over: from });
    const at = (ev: globalThis.PointerEvent) => dropIndex(centres(), { x: ev.clientX, y: ev.clientY });
    const move = (ev: globalThis.PointerEvent) => setDrag({ id, over: at(ev) });
    const end = (ev: globalThis.PointerEvent) => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", end);
      handle.removeEventListener("pointercancel", cancel);
      setDrag(null);
      onDrop(id, at(ev));
    };
    const cancel = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", end);
      handle.removeEventListener("pointercancel", cancel);
      setDrag(null);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", end);
    handle.addEventListener("pointercancel", cancel);
  };
  return { drag, start };
}

/**
 * The storyboard of one sequence: its shots in order as cards (state, chosen poster, title and notes
 * edited in place), add, duplicate, remove with undo, move by drag or keyboard (announced), generate one
 * shot or every shot without a chosen take, and choose takes. Reviewers see it and choose takes.
 */
export function StoryboardView({ id, canEdit }: { id: string; canEdit: boolean }) {
  const board = useStoryboard(id);
  const hydrated = useHydrated();
  const { sequence } = board;
  const [takes, setTakes] = useState(2);
  const [batch, setBatch] = useState<GenerateBatch | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const byId = (shotId: string) => sequence?.shots.find((s) => s.id === shotId);
  const { drag, start } = useCardDrag(list, (shotId, to) => {
    const shot = byId(shotId);
    if (shot) board.move(shot, to);
  });
  // A keyboard move re-renders the list in its new order: the moved card's handle keeps the focus.
  const focusAfterMove = useRef<string | null>(null);
  useEffect(() => {
    const shotId = focusAfterMove.current;
    if (!shotId) return;
    focusAfterMove.current = null;
    list.current?.querySelector<HTMLElement>(`[data-handle="${shotId}"]`)?.focus();
  });

  if (board.query.isError) {
    return (
      <main className="mx-auto max-w-3xl px-4 py-10">
        <p role="alert" className="text-danger">
          {board.query.error.message}
        </p>
        <Link href="/sequences" className="text-sm text-accent-soft underline">
          All storyboards
        </Link>
      </main>
    );
  }
  if (!sequence)
    return <main className="mx-auto max-w-3xl px-4 py-10 text-ink-400">Loading the storyboard…</main>;
  const { seconds, usd } = totals(sequence.shots);
  const unchosen = sequence.shots.filter((s) => !s.chosen);
  return (
    <main className="mx-auto flex max-w-[1600px] flex-col gap-5 px-4 py-5 sm:px-6 lg:px-8">
      <header className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <div className="flex min-w-0 flex-col gap-1">
          <Link
            href={`/sequences?project=${sequence.projectId}`}
            className="flex w-fit items-center gap-1 text-xs text-ink-400 hover:text-ink-100"
          >
            <ArrowLeftIcon className="size-3.5" /> Storyboards
          </Link>
          <h1 className="truncate text-xl font-semibold text-ink-100">{sequence.title}</h1>
          <p className="text-sm text-ink-400 tabular-nums" data-testid="sequence-totals">
            {sequence.aspectRatio} · {sequence.shots.length} {sequence.shots.length === 1 ? "shot" : "shots"}{" "}
            · <span data-testid="sequence-duration">{formatRunTime(seconds)}</span> ·{" "}
            <span data-testid="sequence-cost">{usd === 0 ? "free" : formatUsd(usd)}</span>
            <span className="sr-only"> (chosen takes' length and cost)</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canEdit && (
            <ShareButton
              size="sm"
              variant="ghost"
              share={{ kind: "sequence", target: sequence.id, what: "this sequence, played end to end" }}
            />
          )}
          <LinkButton
            size="sm"
            variant="secondary"
            href={`/sequences/${sequence.id}/watch`}
            data-testid="sequence-watch-link"
          >
            <FilmIcon className="size-4" /> Watch and export
          </LinkButton>
          {canEdit && (
            <>
              <span className="flex items-center gap-2 text-sm text-ink-300">
                Takes per shot
                <SegmentedControl<number>
                  label="Takes per shot"
                  options={TAKE_COUNTS}
                  value={takes}
                  onChange={setTakes}
                  optionClassName="h-8 w-8"
                />
              </span>
              <Button
                variant="primary"
                aria-disabled={unchosen.length === 0 || undefined}
                title={unchosen.length === 0 ? "Every shot has a chosen take" : undefined}
                onClick={() => unchosen.length > 0 && setBatch({ shots: unchosen, takes })}
              >
                <SparkIcon className="size-4" /> Generate all without a chosen take
              </Button>
            </>
          )}
        </div>
      </header>
      <p id="storyboard-move-hint" className="sr-only">
        Alt with the arrow keys moves the shot one place; Alt with Home or End to either end.
      </p>
      <p aria-live="polite" role="status" className="sr-only" data-testid="storyboard-announcer">
        {board.announcement}
      </p>
      {sequence.shots.length === 0 && (
        <p className="rounded-card border border-dashed border-ink-700 p-8 text-center text-sm text-ink-400">
          No shots yet.{canEdit ? " Add the first one." : ""}
        </p>
      )}
      <ol
        ref={list}
        aria-label="Shots"
        // Set once hydrated with the cards on screen: the storyboard takes input (what benchmark 17 times).
        data-ready={hydrated || undefined}
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4"
      >
        {sequence.shots.map((shot, index) => (
          <ShotCard
            key={shot.id}
            shot={shot}
            count={sequence.shots.length}
            aspectRatio={sequence.aspectRatio}
            canEdit={canEdit}
            takes={takes}
            drag={drag?.id === shot.id ? "source" : drag && drag.over === index ? "target" : undefined}
            onMove={(to) => {
              focusAfterMove.current = shot.id;
              board.move(shot, to);
            }}
            onDragStart={start(shot.id, index)}
            onSave={(patch) => board.update.mutate({ shot, patch })}
            onGenerate={() => setBatch({ shots: [shot], takes })}
            onDuplicate={() => board.duplicate.mutate(shot)}
            onRemove={() => board.remove.mutate(shot)}
            onChoose={(takeId) => board.update.mutate({ shot, patch: { chosenGenerationId: takeId } })}
            choosing={board.update.isPending}
            continueFrom={
              // Offered to a shot still to be made, after one with a finished chosen take.
              index > 0 && !shot.chosen && sequence.shots[index - 1]?.chosen?.status === "completed"
                ? sequence.shots[index - 1]
                : undefined
            }
            onContinue={() => {
              const has = Boolean(shot.content.prompt?.trim() || shot.content.referenceIds?.length);
              if (
                !has ||
                window.confirm(
                  `Replace what ${shot.title || `Shot ${index + 1}`} holds with a continuation of the previous shot? Undo stays in the notification.`,
                )
              )
                board.continueShot.mutate(shot);
            }}
          />
        ))}
      </ol>
      {canEdit && (
        <Button
          className="self-start"
          onClick={() => board.add.mutate()}
          aria-disabled={board.add.isPending || undefined}
        >
          <PlusIcon className="size-4" /> Add shot
        </Button>
      )}
      <GenerateDialog sequence={sequence} batch={batch} onClose={() => setBatch(null)} />
    </main>
  );
}
