"use client";

import { type RefObject, useEffect, useRef, useState } from "react";
import { clipTitle } from "@/components/gallery/clip-meta";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PlayIcon, StopIcon } from "@/components/ui/icons";
import { SegmentedControl } from "@/components/ui/segmented-control";
import type { GenerationDTO } from "@/lib/generations/dto";
import { formatClipTime } from "@/lib/review/limits";

type Side = "a" | "b";

function Frame({
  g,
  side,
  video,
}: {
  g: GenerationDTO;
  side: Side;
  video: RefObject<HTMLVideoElement | null>;
}) {
  const portrait = g.aspectRatio === "9:16";
  return (
    <figure className="flex min-w-0 flex-col gap-1.5">
      <figcaption className="flex items-center gap-2 text-xs text-ink-300">
        <span className="flex size-5 items-center justify-center rounded bg-ink-800 font-semibold text-ink-100 uppercase">
          {side}
        </span>
        <a
          href={`/clips/${g.id}`}
          className="truncate rounded hover:text-ink-100 hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft"
        >
          {clipTitle(g, 90)}
        </a>
      </figcaption>
      <div
        className={cn(
          "relative mx-auto w-full overflow-hidden rounded-card border border-ink-700 bg-black",
          portrait ? "aspect-[9/16] max-w-[min(100%,calc((100dvh-16rem)*9/16))]" : "aspect-video",
        )}
      >
        {g.videoUrl ? (
          // biome-ignore lint/a11y/useMediaCaption: generated clips have no caption track
          <video
            ref={video}
            src={g.videoUrl}
            poster={g.posterUrl ?? undefined}
            playsInline
            preload="auto"
            data-testid={`compare-video-${side}`}
            aria-label={`Clip ${side.toUpperCase()}`}
            className="absolute inset-0 size-full object-contain"
          />
        ) : (
          <p className="flex size-full items-center justify-center p-4 text-center text-sm text-ink-300">
            Clip {side.toUpperCase()} has no video ({g.status}).
          </p>
        )}
      </div>
    </figure>
  );
}

/** Two clips in lockstep: one play/pause, one seek bar, sound from one side at a time. */
export function ComparePlayers({ a, b }: { a: GenerationDTO; b: GenerationDTO }) {
  const va = useRef<HTMLVideoElement>(null);
  const vb = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [audio, setAudio] = useState<Side>("a");
  const duration = Math.max(a.videoDurationSec ?? a.duration, b.videoDurationSec ?? b.duration);
  const both = () => [va.current, vb.current].filter((v): v is HTMLVideoElement => v !== null);

  useEffect(() => {
    if (va.current) va.current.muted = audio !== "a";
    if (vb.current) vb.current.muted = audio !== "b";
  }, [audio]);

  // A leads: B follows its clock, nudged back when it drifts; the longer clip ends the pair.
  useEffect(() => {
    let frame = 0;
    const tick = () => {
      const lead = va.current;
      const follow = vb.current;
      if (lead && follow && !lead.paused && Math.abs(follow.currentTime - lead.currentTime) > 0.15)
        follow.currentTime = Math.min(lead.currentTime, follow.duration || lead.currentTime);
      setTime(Math.max(lead?.currentTime ?? 0, follow?.currentTime ?? 0));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    const ended = () => {
      if (both().every((v) => v.ended || v.paused)) setPlaying(false);
    };
    const vids = both();
    for (const v of vids) v.addEventListener("ended", ended);
    return () => {
      cancelAnimationFrame(frame);
      for (const v of vids) v.removeEventListener("ended", ended);
    };
  });

  function toggle() {
    if (playing) {
      for (const v of both()) v.pause();
      setPlaying(false);
    } else {
      const at = va.current?.ended || vb.current?.ended ? 0 : time;
      for (const v of both()) {
        v.currentTime = Math.min(at, v.duration || at);
        void v.play().catch(() => setPlaying(false));
      }
      setPlaying(true);
    }
  }

  function seek(at: number) {
    for (const v of both()) v.currentTime = Math.min(at, v.duration || at);
    setTime(at);
  }

  return (
    <div className="flex flex-col gap-3" data-testid="compare-players" data-playing={playing}>
      {/* Side by side at every width: on a phone two narrow players, never A above B off-screen. */}
      <div className="grid grid-cols-2 gap-2 sm:gap-3">
        <Frame g={a} side="a" video={va} />
        <Frame g={b} side="b" video={vb} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={toggle} aria-label={playing ? "Pause both" : "Play both"}>
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
          aria-label="Seek both clips"
          aria-valuetext={formatClipTime(time)}
          data-testid="compare-seek"
          className="h-2 min-w-40 flex-1 cursor-pointer accent-accent"
        />
        <span className="shrink-0 whitespace-nowrap text-right font-mono text-xs text-ink-300 tabular-nums">
          {formatClipTime(time)} / {formatClipTime(duration)}
        </span>
        <SegmentedControl
          label="Sound from"
          options={[
            { value: "a" as Side, label: "Sound A" },
            { value: "b" as Side, label: "Sound B" },
          ]}
          value={audio}
          onChange={setAudio}
          data-testid="compare-audio"
          optionClassName="h-8 px-3 text-xs"
        />
      </div>
    </div>
  );
}
