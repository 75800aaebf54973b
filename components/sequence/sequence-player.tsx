"use client";

import { useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { clock, locate, shotName, type Timeline } from "@/lib/client/sequence-timeline";
import { PlayerTimeline, type TimelineMarker } from "./player-timeline";

export interface SequencePlayerHandle {
  /** The sequence time under the playhead. */
  time: number;
  /** Moves the playhead there (and keeps playing if it was). */
  seek(sec: number): void;
}

interface Props {
  timeline: Timeline;
  aspectRatio: "16:9" | "9:16";
  markers?: TimelineMarker[];
  /** Told the playhead's sequence time as it moves (for the comment form). */
  onTime?: (sec: number) => void;
  handleRef?: React.RefObject<SequencePlayerHandle | null>;
}

type Slots = [number | null, number | null];

/**
 * Plays a sequence's chosen takes back to back without a visible gap: two video elements take turns, the
 * one on screen playing its shot while the hidden one holds the next shot loaded and paused on its first
 * frame, so at a cut the next picture is already there. A timeline under it shows the shots' boundaries;
 * a click jumps to a shot (at the moment clicked), as do Previous and Next shot.
 */
export function SequencePlayer({ timeline, aspectRatio, markers = [], onTime, handleRef }: Props) {
  const { segments } = timeline;
  const videos = [useRef<HTMLVideoElement>(null), useRef<HTMLVideoElement>(null)] as const;
  const [active, setActive] = useState<0 | 1>(0);
  const [slots, setSlots] = useState<Slots>(() => [
    segments.length ? 0 : null,
    segments.length > 1 ? 1 : null,
  ]);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const pendingSeek = useRef<[number | null, number | null]>([null, null]);
  const wantPlay = useRef(false);
  const activeRef = useRef<0 | 1>(0);
  activeRef.current = active;
  const current = slots[active] ?? 0;

  /**
   * Makes the hidden player decode its first frames: a paused, preloaded video may hold only its
   * metadata (Chromium suspends idle players), and would then show black at the cut while it decodes.
   * A muted play and pause on the hidden one fills its buffer without a sound.
   */
  const warm = useCallback(
    (slot: 0 | 1) => {
      const v = videos[slot].current;
      if (!v || v.readyState >= 3 || slot === activeRef.current || !v.paused) return;
      v.muted = true;
      v.play()
        .then(() => {
          if (activeRef.current === slot) return;
          v.pause();
          v.currentTime = 0;
        })
        .catch(() => undefined)
        .finally(() => {
          v.muted = false;
        });
    },
    [videos],
  );

  // The playhead follows the video on screen, smoothly while playing.
  const sync = useCallback(() => {
    const v = videos[active].current;
    const index = slots[active];
    if (!v || index === null) return;
    const t = (segments[index]?.startSec ?? 0) + v.currentTime;
    setTime(t);
    onTime?.(t);
  }, [active, slots, segments, onTime, videos]);

  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function tick() {
      sync();
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, sync]);

  /** Shows slot `slot` (holding `index`) from `offset`, and loads the shot after it into the other slot. */
  const show = useCallback(
    (slot: 0 | 1, index: number, offset: number) => {
      const other = (1 - slot) as 0 | 1;
      const next = index + 1 < segments.length ? index + 1 : null;
      const v = videos[slot].current;
      // No seek when it is already there: a seek, even to where it stands, drops what it has decoded.
      if (v && slots[slot] === index && v.readyState >= 1) {
        if (Math.abs(v.currentTime - offset) > 0.01) v.currentTime = offset;
      } else pendingSeek.current[slot] = offset;
      setSlots((s) => {
        const out: Slots = [...s];
        out[slot] = index;
        if (out[other] !== next) out[other] = next;
        return out;
      });
      setActive(slot);
      // The hidden one waits on its first frame.
      const hidden = videos[other].current;
      if (hidden && slots[other] === next) {
        hidden.pause();
        if (hidden.readyState >= 1 && hidden.currentTime > 0.01) hidden.currentTime = 0;
      }
      if (wantPlay.current && v && slots[slot] === index) void v.play().catch(() => setPlaying(false));
      const t = (segments[index]?.startSec ?? 0) + offset;
      setTime(t);
      onTime?.(t);
    },
    [segments, slots, videos, onTime],
  );

  const seek = useCallback(
    (sec: number) => {
      const at = locate(timeline, sec);
      if (!at) return;
      const other = (1 - active) as 0 | 1;
      if (slots[active] === at.index) show(active, at.index, at.offsetSec);
      else if (slots[other] === at.index) {
        videos[active].current?.pause();
        show(other, at.index, at.offsetSec);
      } else show(active, at.index, at.offsetSec);
    },
    [timeline, active, slots, show, videos],
  );

  useImperativeHandle(handleRef, () => ({ time, seek }), [time, seek]);

  const onEnded = (slot: 0 | 1) => {
    if (slot !== active) return;
    const next = current + 1;
    if (next >= segments.length) {
      wantPlay.current = false;
      setPlaying(false);
      return;
    }
    const other = (1 - slot) as 0 | 1;
    if (slots[other] === next) {
      // The cut: the next shot is loaded and waiting; start it, then show it.
      const v = videos[other].current;
      if (v) void v.play().catch(() => setPlaying(false));
      show(other, next, 0);
    } else show(slot, next, 0);
  };

  const onLoaded = (slot: 0 | 1) => {
    const v = videos[slot].current;
    if (!v) return;
    const offset = pendingSeek.current[slot];
    pendingSeek.current[slot] = null;
    if (offset !== null) v.currentTime = offset;
    if (slot === active && wantPlay.current) void v.play().catch(() => setPlaying(false));
    else if (slot !== active) warm(slot);
  };

  // In the last seconds of a shot, the next one is made ready again if its player let it go.
  const onTimeUpdate = (slot: 0 | 1) => {
    if (slot !== active) return;
    const v = videos[slot].current;
    if (v && v.duration - v.currentTime < 1.5) warm((1 - slot) as 0 | 1);
  };

  const toggle = () => {
    const v = videos[active].current;
    if (!v) return;
    if (playing) {
      wantPlay.current = false;
      v.pause();
      setPlaying(false);
      sync();
      return;
    }
    wantPlay.current = true;
    setPlaying(true);
    // From the end, start again.
    if (current === segments.length - 1 && v.ended) seek(0);
    else void v.play().catch(() => setPlaying(false));
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement) return;
    if (e.key === " " || e.key === "k") {
      e.preventDefault();
      toggle();
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      e.preventDefault();
      seek(time + (e.key === "ArrowLeft" ? -1 : 1) * (e.shiftKey ? 1 : 5));
    } else if (e.key === "[" || e.key === "]") {
      e.preventDefault();
      jumpToShot(current + (e.key === "[" ? -1 : 1));
    }
  };

  const jumpToShot = (index: number) => {
    const seg = segments[Math.max(0, Math.min(segments.length - 1, index))];
    if (seg) seek(seg.startSec);
  };

  if (segments.length === 0) {
    return (
      <p
        data-testid="sequence-player-empty"
        className="rounded-card border border-ink-700 bg-ink-900 p-6 text-ink-300 text-sm"
      >
        No shot has a chosen take yet. Choose a take for each shot on the storyboard, then watch the sequence
        here.
      </p>
    );
  }
  const seg = segments[current];
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the player's keys work wherever focus is inside it
    <div
      data-testid="sequence-player"
      data-shot-index={current}
      data-playing={playing || undefined}
      className="space-y-3"
      onKeyDown={onKeyDown}
    >
      <div
        className={cn(
          "relative mx-auto overflow-hidden rounded-card bg-black",
          aspectRatio === "16:9" ? "aspect-video w-full" : "aspect-[9/16] max-h-[70vh]",
        )}
      >
        {([0, 1] as const).map((slot) => {
          const index = slots[slot];
          const s = index === null ? undefined : segments[index];
          return (
            // biome-ignore lint/a11y/useMediaCaption: generated clips have no caption track
            <video
              key={slot}
              ref={videos[slot]}
              data-testid="sequence-video"
              data-slot={slot}
              data-segment={index ?? undefined}
              data-active={slot === active || undefined}
              src={s?.videoUrl}
              poster={slot === active ? (s?.posterUrl ?? undefined) : undefined}
              preload="auto"
              playsInline
              aria-hidden={slot !== active}
              className={cn(
                "absolute inset-0 h-full w-full object-contain",
                slot === active ? "opacity-100" : "opacity-0",
              )}
              onLoadedMetadata={() => onLoaded(slot)}
              onEnded={() => onEnded(slot)}
              onTimeUpdate={() => onTimeUpdate(slot)}
              onSeeked={() => slot === active && sync()}
            />
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="primary"
          onClick={toggle}
          aria-label={playing ? "Pause" : "Play"}
          data-testid="sequence-play"
        >
          {playing ? "Pause" : "Play"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => jumpToShot(current - 1)} disabled={current === 0}>
          Previous shot
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => jumpToShot(current + 1)}
          disabled={current === segments.length - 1}
        >
          Next shot
        </Button>
        <span className="ml-auto font-mono text-ink-300 text-xs tabular-nums" data-testid="sequence-clock">
          {clock(time)} / {clock(timeline.totalSec)}
        </span>
      </div>
      <p className="text-ink-200 text-sm" aria-live="polite" data-testid="sequence-now">
        {seg ? shotName(seg) : ""}
        <span className="text-ink-400">
          {" "}
          · {current + 1} of {segments.length} playing
        </span>
      </p>
      <PlayerTimeline timeline={timeline} time={time} current={current} markers={markers} onSeek={seek} />
    </div>
  );
}
