"use client";

import { type ReactNode, type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import { clipTitle } from "@/components/gallery/clip-meta";
import { IdentityBadge } from "@/components/gallery/identity-badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PlayIcon, StopIcon } from "@/components/ui/icons";
import { SegmentedControl } from "@/components/ui/segmented-control";
import type { GenerationDTO } from "@/lib/generations/dto";
import { sideLabel } from "@/lib/review/compare-ids";
import { formatClipTime } from "@/lib/review/limits";

/** What other parts (keyboard shortcuts) drive the players through. */
export interface ComparePlayersHandle {
  /** Every side's video element, A first (a side without a video is left out). */
  videos(): HTMLVideoElement[];
  /** Play or pause every side together. */
  toggle(): void;
  /** Moves every side to `at` seconds (a shorter clip waits on its last frame). */
  seek(at: number): void;
}

/**
 * How the players share the screen: two side by side; three or four in a 2x2 grid (each held to half
 * the window's height, so both rows and the controls stay on screen), or, when every clip is portrait,
 * in one row from a tablet up. A phone keeps two columns: small players, all of them on screen.
 */
function layout(clips: readonly GenerationDTO[]) {
  const portrait = clips.every((g) => g.aspectRatio === "9:16");
  const rows = clips.length > 2 && !portrait ? 2 : 1;
  const grid =
    rows === 1 && clips.length === 3
      ? "grid-cols-2 sm:grid-cols-3"
      : rows === 1 && clips.length === 4
        ? "grid-cols-2 sm:grid-cols-4"
        : "grid-cols-2";
  return { grid, rows };
}

// Written out whole so Tailwind sees them: the widest a frame may be for its height to fit the window
// (in one row, or in one of two rows; portrait clips in one row from a tablet up, two rows on a phone).
const LANDSCAPE_TWO_ROWS = "max-w-[min(100%,calc((100dvh-18rem)*8/9))]";
const PORTRAIT_ONE_ROW = "max-w-[min(100%,calc((100dvh-16rem)*9/16))]";
const PORTRAIT_TWO_ROWS = "max-w-[min(100%,calc((100dvh-20rem)*9/32))]";
const PORTRAIT_ROW_FROM_SM =
  "max-w-[min(100%,calc((100dvh-20rem)*9/32))] sm:max-w-[min(100%,calc((100dvh-16rem)*9/16))]";

function heightCap(g: GenerationDTO, count: number, rows: number): string {
  if (g.aspectRatio !== "9:16") return rows === 2 ? LANDSCAPE_TWO_ROWS : "";
  if (rows === 2) return PORTRAIT_TWO_ROWS;
  return count > 2 ? PORTRAIT_ROW_FROM_SM : PORTRAIT_ONE_ROW;
}

function Frame({
  g,
  index,
  cap,
  setVideo,
  extra,
}: {
  g: GenerationDTO;
  index: number;
  cap: string;
  setVideo: (el: HTMLVideoElement | null) => void;
  extra?: ReactNode;
}) {
  const label = sideLabel(index);
  // Takes of one group share their prompt: which take it is tells them apart.
  const take = g.takeGroupId && g.takeCount > 1 ? `Take ${g.takeIndex + 1}/${g.takeCount}` : null;
  const portrait = g.aspectRatio === "9:16";
  return (
    <figure
      className="@container flex min-w-0 flex-col gap-1.5"
      data-testid={`compare-side-${label.toLowerCase()}`}
      data-id={g.id}
      aria-label={`Clip ${label}`}
    >
      <figcaption className="flex min-h-8 flex-wrap items-center gap-x-2 gap-y-1 text-xs text-ink-300">
        <span className="flex min-w-0 flex-1 basis-24 items-center gap-2">
          <span
            className="flex size-5 shrink-0 items-center justify-center rounded bg-ink-800 font-semibold text-ink-100"
            aria-hidden
          >
            {label}
          </span>
          <a
            href={`/clips/${g.id}`}
            title={g.prompt}
            className="min-w-0 truncate rounded hover:text-ink-100 hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <span className="sr-only">{label}: </span>
            {take && <span className="font-medium text-ink-100">{take} · </span>}
            {clipTitle(g, 90)}
          </a>
          {/* On the title's line (the title gives way), so no side's caption grows a line for it. */}
          <IdentityBadge g={g} />
        </span>
        {extra}
      </figcaption>
      <div
        className={cn(
          // At the foot of its cell: players of one row line up even when a caption wraps more.
          "relative mx-auto mt-auto w-full overflow-hidden rounded-card border border-ink-700 bg-black",
          portrait ? "aspect-[9/16]" : "aspect-video",
          cap,
        )}
      >
        {g.videoUrl ? (
          // biome-ignore lint/a11y/useMediaCaption: generated clips have no caption track
          <video
            ref={setVideo}
            src={g.videoUrl}
            poster={g.posterUrl ?? undefined}
            playsInline
            preload="auto"
            data-testid={`compare-video-${label.toLowerCase()}`}
            aria-label={`Clip ${label}`}
            className="absolute inset-0 size-full object-contain"
          />
        ) : (
          <p className="flex size-full items-center justify-center p-4 text-center text-sm text-ink-300">
            Clip {label} has no video ({g.status}).
          </p>
        )}
      </div>
    </figure>
  );
}

/**
 * Two to four clips in lockstep: one play/pause, one seek bar, sound from one side at a time. A leads;
 * the others follow its clock, nudged back when they drift; the longest clip ends the run.
 */
export function ComparePlayers({
  clips,
  extra,
  ref,
}: {
  clips: GenerationDTO[];
  /** Shown in each side's caption (its review controls). */
  extra?: (g: GenerationDTO, index: number) => ReactNode;
  ref?: Ref<ComparePlayersHandle>;
}) {
  const slots = useRef<(HTMLVideoElement | null)[]>([]);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [audio, setAudio] = useState(0);
  const duration = Math.max(...clips.map((g) => g.videoDurationSec ?? g.duration));
  const videos = () => slots.current.slice(0, clips.length).filter((v): v is HTMLVideoElement => v !== null);
  const word = clips.length === 2 ? "both" : "all";
  const { grid, rows } = layout(clips);

  useEffect(() => {
    slots.current.forEach((v, i) => {
      if (v) v.muted = i !== audio;
    });
  }, [audio]);

  useEffect(() => {
    let frame = 0;
    const tick = () => {
      const [lead, ...rest] = slots.current.slice(0, clips.length);
      if (lead && !lead.paused)
        for (const v of rest)
          if (v && Math.abs(v.currentTime - lead.currentTime) > 0.15)
            v.currentTime = Math.min(lead.currentTime, v.duration || lead.currentTime);
      setTime(Math.max(0, ...videos().map((v) => v.currentTime)));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    // The button follows the players, whoever moved them (its click, a keyboard shortcut, a player's own
    // controls): playing while any plays.
    const ended = () => {
      if (videos().every((v) => v.ended || v.paused)) setPlaying(false);
    };
    const started = () => setPlaying(true);
    const vids = videos();
    for (const v of vids) {
      v.addEventListener("ended", ended);
      v.addEventListener("pause", ended);
      v.addEventListener("play", started);
    }
    return () => {
      cancelAnimationFrame(frame);
      for (const v of vids) {
        v.removeEventListener("ended", ended);
        v.removeEventListener("pause", ended);
        v.removeEventListener("play", started);
      }
    };
  });

  function toggle() {
    if (playing) {
      for (const v of videos()) v.pause();
      setPlaying(false);
    } else {
      const at = videos().some((v) => v.ended) ? 0 : time;
      for (const v of videos()) {
        v.currentTime = Math.min(at, v.duration || at);
        void v.play().catch(() => setPlaying(false));
      }
      setPlaying(true);
    }
  }

  function seek(at: number) {
    for (const v of videos()) v.currentTime = Math.min(at, v.duration || at);
    setTime(at);
  }

  useImperativeHandle(ref, () => ({ videos, toggle, seek }));

  return (
    <div className="flex flex-col gap-3" data-testid="compare-players" data-playing={playing}>
      <div className={cn("grid gap-x-2 gap-y-3 sm:gap-3", grid)} data-count={clips.length}>
        {clips.map((g, i) => (
          <Frame
            key={g.id}
            g={g}
            index={i}
            cap={heightCap(g, clips.length, rows)}
            setVideo={(el) => {
              slots.current[i] = el;
              if (el) el.muted = i !== audio;
            }}
            extra={extra?.(g, i)}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={toggle} aria-label={playing ? `Pause ${word}` : `Play ${word}`}>
          {playing ? <StopIcon /> : <PlayIcon />}
          {playing ? "Pause" : "Play"}
        </Button>
        <input
          type="range"
          min={0}
          max={duration}
          step={0.05}
          value={Math.min(time, duration)}
          onChange={(e) => seek(Number(e.target.value))}
          aria-label={`Seek ${word} clips`}
          aria-valuetext={formatClipTime(time)}
          data-testid="compare-seek"
          className="h-2 min-w-40 flex-1 cursor-pointer accent-accent"
        />
        <span className="shrink-0 whitespace-nowrap text-right font-mono text-xs text-ink-300 tabular-nums">
          {formatClipTime(time)} / {formatClipTime(duration)}
        </span>
        <span className="flex shrink-0 items-center gap-2 text-xs text-ink-400">
          <span aria-hidden>Sound</span>
          <SegmentedControl
            label="Sound from"
            options={clips.map((_, i) => ({
              value: i,
              label: sideLabel(i),
              ariaLabel: `Sound ${sideLabel(i)}`,
            }))}
            value={audio}
            onChange={setAudio}
            data-testid="compare-audio"
            optionClassName="h-7 w-8 text-xs"
          />
        </span>
      </div>
    </div>
  );
}
