"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import type { TrimRequest } from "@/lib/client/use-reference-videos";

// Loaded only when a video longer than the version keeps is first added (components/studio/composer.tsx
// imports it with next/dynamic): the composer's first load carries none of it.

/** Where the window may start: from 0 to the length less the window, in tenths of a second. */
const STEP = 0.1;

const clock = (sec: number) => {
  const whole = Math.floor(sec);
  const tenth = Math.floor((sec - whole) * 10 + 1e-6);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}.${tenth}`;
};

/**
 * The trim scrubber: a window of the allowed length over the video; the slider (arrow keys move it a
 * tenth of a second, Page Up/Down a second, Home/End to either end) picks where it starts, and the
 * <video> shows that frame, playing the window in a loop on demand. "Keep" hands the range to the upload;
 * the server cuts it with ffmpeg.
 */
export function VideoTrimmer({ request }: { request: TrimRequest }) {
  const { url, name, durationSec, maxSeconds, done } = request;
  const span = Math.min(maxSeconds, durationSec);
  const latest = Math.max(0, Math.floor((durationSec - span) / STEP) * STEP);
  const [start, setStart] = useState(0);
  const [playing, setPlaying] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const id = useId();
  const end = Math.min(durationSec, start + span);

  // The frame at the window's start, each time it moves.
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    el.pause();
    setPlaying(false);
    el.currentTime = start;
  }, [start]);

  function togglePlay() {
    const el = video.current;
    if (!el) return;
    if (playing) {
      el.pause();
      setPlaying(false);
      return;
    }
    if (el.currentTime < start || el.currentTime >= end) el.currentTime = start;
    void el.play().then(
      () => setPlaying(true),
      () => setPlaying(false),
    );
  }

  const left = (start / durationSec) * 100;
  const width = (span / durationSec) * 100;

  return (
    <Modal
      open
      onClose={() => done(null)}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid="video-trimmer"
      className="w-[min(36rem,calc(100vw-1.5rem))]"
    >
      <div className="flex flex-col gap-3 p-4 sm:p-5">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          Pick {maxSeconds} s of {name}
        </h2>
        <p id={`${id}-body`} className="text-sm text-ink-300">
          It is {durationSec.toFixed(1)} s long; reference videos can be at most {maxSeconds} s. Move the
          window to the part to keep: the rest is cut before the video is stored.
        </p>
        <div className="overflow-hidden rounded-lg border border-ink-700 bg-black">
          <video
            ref={video}
            src={url}
            muted
            playsInline
            preload="auto"
            data-testid="trimmer-video"
            onTimeUpdate={(e) => {
              const el = e.currentTarget;
              // Plays the window in a loop.
              if (playing && el.currentTime >= end) el.currentTime = start;
            }}
            className="aspect-video w-full object-contain"
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <div className="relative h-2.5 rounded-full bg-ink-800" aria-hidden>
            <div
              data-testid="trimmer-window"
              className="absolute inset-y-0 rounded-full bg-accent/70 ring-1 ring-accent"
              style={{ left: `${left}%`, width: `${width}%` }}
            />
          </div>
          <label htmlFor={`${id}-start`} className="text-xs font-medium text-ink-200">
            Start of the part to keep
          </label>
          <input
            id={`${id}-start`}
            type="range"
            min={0}
            max={latest}
            step={STEP}
            value={start}
            disabled={latest === 0}
            aria-valuetext={`${clock(start)} to ${clock(end)}`}
            data-testid="trimmer-start"
            onChange={(e) => setStart(Math.min(latest, Math.max(0, Number(e.target.value))))}
            className="w-full accent-[var(--color-accent,#7c5cff)]"
          />
          <p className="flex justify-between text-xs text-ink-400 tabular-nums" data-testid="trimmer-range">
            <span>
              Keeps {clock(start)} to {clock(end)} ({(end - start).toFixed(1)} s)
            </span>
            <span>of {clock(durationSec)}</span>
          </p>
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-between">
          <Button variant="secondary" onClick={togglePlay} aria-pressed={playing}>
            {playing ? "Pause" : "Play this part"}
          </Button>
          <div className="flex flex-col-reverse gap-2 sm:flex-row">
            <Button variant="secondary" onClick={() => done(null)}>
              Cancel
            </Button>
            <Button
              variant="primary"
              data-testid="trimmer-keep"
              onClick={() => done({ startSec: Number(start.toFixed(3)), endSec: Number(end.toFixed(3)) })}
            >
              Keep {clock(start)} to {clock(end)}
            </Button>
          </div>
        </div>
      </div>
    </Modal>
  );
}
