"use client";

import { type KeyboardEvent, type PointerEvent, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  ArrowUpRightIcon,
  CopyIcon,
  FilmIcon,
  GripIcon,
  PencilIcon,
  SparkIcon,
  TrashIcon,
} from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";
import { formatRunTime } from "@/lib/client/sequences";
import type { ShotDTO } from "@/lib/sequences/dto";
import { keyboardTarget } from "@/lib/sequences/reorder";
import { MAX_SHOT_NOTE_CHARS, MAX_SHOT_TITLE_CHARS } from "@/lib/sequences/schema";
import { SHOT_STATE_LABELS, type ShotState, shotState } from "@/lib/sequences/shot-state";
import { InlineField } from "./inline-field";
import { ShotTakes } from "./shot-takes";

const TONES: Record<ShotState, BadgeTone> = {
  empty: "neutral",
  generating: "accent",
  takes: "warn",
  chosen: "ok",
  approved: "ok",
};

const KEYS: Record<string, "up" | "down" | "first" | "last"> = {
  ArrowUp: "up",
  ArrowLeft: "up",
  ArrowDown: "down",
  ArrowRight: "down",
  Home: "first",
  End: "last",
};

export interface ShotCardProps {
  shot: ShotDTO;
  count: number;
  aspectRatio: "16:9" | "9:16";
  canEdit: boolean;
  takes: number;
  /** Set while this card is dragged, or is where a dragged card would land. */
  drag?: "source" | "target";
  onMove: (to: number) => void;
  onDragStart: (e: PointerEvent<HTMLButtonElement>) => void;
  onSave: (patch: Partial<Pick<ShotDTO, "title" | "cameraNote" | "dialogue">>) => void;
  onGenerate: () => void;
  onDuplicate: () => void;
  onRemove: () => void;
  onChoose: (takeId: string | null) => void;
  choosing: boolean;
  /** The previous shot, when it has a finished chosen take to continue from. */
  continueFrom?: ShotDTO;
  onContinue?: () => void;
}

/** One shot of the storyboard: its chosen take's poster, state, title, notes, and what can be done. */
export function ShotCard(props: ShotCardProps) {
  const { shot, count, canEdit, drag } = props;
  const [showTakes, setShowTakes] = useState(false);
  const state = shotState(shot);
  const number = shot.position + 1;
  const name = shot.title ? `Shot ${number} "${shot.title}"` : `Shot ${number}`;
  const poster = shot.chosen?.posterUrl ?? shot.latestPosterUrl;
  const seconds = shot.chosen ? (shot.chosen.videoDurationSec ?? shot.chosen.duration) : null;
  const prompt = (shot.content.prompt ?? "").replace(/<(IMAGE|VIDEO)_REF_(\d+)>/g, (_m, kind, n) =>
    kind === "IMAGE"
      ? `@${shot.content.referenceNames?.[Number(n)] ?? `image ${Number(n) + 1}`}`
      : `@video ${Number(n) + 1}`,
  );
  const onHandleKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const key = KEYS[e.key];
    // With Alt only: the arrow keys alone scroll, and Home/End alone belong to the page.
    if (!key || !e.altKey) return;
    const to = keyboardTarget(shot.position, count, key);
    e.preventDefault();
    if (to !== null) props.onMove(to);
  };
  return (
    <li
      data-testid="shot-card"
      data-shot-id={shot.id}
      data-state={state}
      aria-label={name}
      className={cn(
        "flex flex-col overflow-hidden rounded-card border bg-ink-900 transition-[opacity,border-color]",
        drag === "source"
          ? "border-accent opacity-50"
          : drag === "target"
            ? "border-accent"
            : "border-ink-700",
      )}
    >
      <div
        className={cn("relative bg-ink-800", props.aspectRatio === "9:16" ? "aspect-[4/3]" : "aspect-video")}
      >
        {poster ? (
          // biome-ignore lint/performance/noImgElement: posters from our own media route
          <img
            src={poster}
            alt={shot.chosen ? `${name}, chosen take` : `${name}, newest take`}
            data-testid="shot-poster"
            // A long storyboard's posters below the fold wait until scrolled to: they would compete with
            // the page's scripts for the network and the main thread while it hydrates (benchmark 17).
            loading="lazy"
            decoding="async"
            className={cn("size-full object-contain", !shot.chosen && "opacity-60")}
          />
        ) : (
          <span className="grid size-full place-items-center text-ink-500">
            <FilmIcon className="size-8" aria-hidden />
          </span>
        )}
        <span className="absolute top-2 left-2 rounded-md bg-ink-950/80 px-1.5 py-0.5 text-xs font-semibold text-ink-100 tabular-nums">
          {number}
        </span>
        {seconds !== null && (
          <span
            data-testid="shot-duration"
            className="absolute right-2 bottom-2 rounded-md bg-ink-950/80 px-1.5 py-0.5 text-xs text-ink-100 tabular-nums"
          >
            {formatRunTime(seconds)}
          </span>
        )}
      </div>
      <div className="flex flex-1 flex-col gap-1.5 p-3">
        <div className="flex items-center gap-1.5">
          {canEdit && (
            <button
              type="button"
              data-testid="shot-handle"
              data-handle={shot.id}
              aria-label={`Move ${name}`}
              aria-describedby="storyboard-move-hint"
              title="Drag, or Alt+Arrow keys, to move"
              onKeyDown={onHandleKey}
              onPointerDown={props.onDragStart}
              className="grid size-8 shrink-0 cursor-grab touch-none place-items-center rounded-md text-ink-400 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft active:cursor-grabbing"
            >
              <GripIcon className="size-4" />
            </button>
          )}
          <InlineField
            label={`Shot ${number} title`}
            testId="shot-title"
            value={shot.title}
            placeholder="Untitled shot"
            maxLength={MAX_SHOT_TITLE_CHARS}
            readOnly={!canEdit}
            className="font-semibold"
            onSave={(title) => props.onSave({ title })}
          />
          <Badge
            tone={TONES[state]}
            dot={state === "generating" ? "pulse" : undefined}
            data-testid="shot-state"
          >
            {SHOT_STATE_LABELS[state]}
          </Badge>
        </div>
        <p className="line-clamp-2 min-h-10 px-2 text-xs leading-5 text-ink-300" title={prompt || undefined}>
          {prompt || <span className="text-ink-500">No prompt yet</span>}
        </p>
        <div className="flex items-center">
          <span aria-hidden className="w-18 shrink-0 pl-2 text-[11px] font-medium text-ink-500">
            Camera
          </span>
          <InlineField
            label={`Shot ${number} camera note`}
            testId="shot-camera"
            value={shot.cameraNote}
            placeholder="e.g. slow push in"
            maxLength={MAX_SHOT_NOTE_CHARS}
            readOnly={!canEdit}
            className="text-xs"
            onSave={(cameraNote) => props.onSave({ cameraNote })}
          />
        </div>
        <div className="flex items-center">
          <span aria-hidden className="w-18 shrink-0 pl-2 text-[11px] font-medium text-ink-500">
            Dialogue
          </span>
          <InlineField
            label={`Shot ${number} dialogue`}
            testId="shot-dialogue"
            value={shot.dialogue}
            placeholder="A line, if any"
            maxLength={MAX_SHOT_NOTE_CHARS}
            readOnly={!canEdit}
            className="text-xs"
            onSave={(dialogue) => props.onSave({ dialogue })}
          />
        </div>
        <div className="mt-auto flex flex-wrap gap-1.5 pt-1">
          {canEdit && (
            <>
              <LinkButton size="sm" href={`/?shot=${shot.id}`} aria-label={`Edit ${name} in the composer`}>
                <PencilIcon className="size-3.5" /> Edit in composer
              </LinkButton>
              {props.continueFrom && props.onContinue && (
                <Button
                  size="sm"
                  onClick={props.onContinue}
                  aria-label={`Continue ${name} from the last frame of Shot ${props.continueFrom.position + 1}`}
                  title="Its last frame becomes this shot's first reference"
                  data-testid="shot-continue"
                >
                  <ArrowUpRightIcon className="size-3.5" /> From shot {props.continueFrom.position + 1}
                </Button>
              )}
              <Button
                size="sm"
                onClick={props.onGenerate}
                aria-label={`Generate ${props.takes} takes of ${name}`}
              >
                <SparkIcon className="size-3.5" /> Generate {props.takes}
              </Button>
            </>
          )}
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={showTakes}
            onClick={() => setShowTakes((v) => !v)}
            data-testid="shot-takes-toggle"
          >
            Takes ({shot.takeCount})
          </Button>
          {canEdit && (
            <span className="ml-auto flex gap-0.5">
              <Button
                size="sm"
                variant="ghost"
                onClick={props.onDuplicate}
                aria-label={`Duplicate ${name}`}
                title="Duplicate"
              >
                <CopyIcon className="size-3.5" />
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={props.onRemove}
                aria-label={`Remove ${name}`}
                title="Remove"
              >
                <TrashIcon className="size-3.5" />
              </Button>
            </span>
          )}
        </div>
        {showTakes && (
          <ShotTakes shot={shot} choosing={props.choosing} onChoose={(g) => props.onChoose(g?.id ?? null)} />
        )}
      </div>
    </li>
  );
}
