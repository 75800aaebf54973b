"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { clipToReferenceVideoAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { FilmIcon } from "@/components/ui/icons";
import { Modal } from "@/components/ui/modal";
import { Spinner } from "@/components/ui/spinner";
import type { GenerationDTO } from "@/lib/generations/dto";
import { MIN_VIDEO_SECONDS, planRange, videoLimitsFor } from "@/lib/uploads/video-range";

const UNREACHABLE = "Could not reach the studio server. Check that it is running, then try again.";

/** Tenths of a second: what the fields and the scrubber step by. */
const tenth = (n: number) => Math.round(n * 10) / 10;
const s = (n: number) => `${tenth(n).toFixed(1)} s`;

const field =
  "h-9 w-full rounded-lg border border-ink-700 bg-ink-950 px-3 text-sm text-ink-100 tabular-nums hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40";

/** The part of the clip kept, over its whole length: a band on the track the start slider runs along. */
function RangeTrack({ duration, start, end }: { duration: number; start: number; end: number }) {
  return (
    <div
      aria-hidden
      className="pointer-events-none absolute inset-x-0 top-1/2 h-2 -translate-y-1/2 rounded-full bg-ink-800"
    >
      <div
        className="absolute inset-y-0 rounded-full bg-accent/70"
        style={{ left: `${(start / duration) * 100}%`, width: `${((end - start) / duration) * 100}%` }}
        data-testid="reference-range-band"
      />
    </div>
  );
}

/** A native range input (keyboard, screen readers) drawn as a thumb over RangeTrack's band. */
const slider = [
  "relative h-6 w-full cursor-pointer appearance-none bg-transparent focus-visible:outline-none",
  "[&::-webkit-slider-runnable-track]:h-6 [&::-webkit-slider-runnable-track]:bg-transparent",
  "[&::-webkit-slider-thumb]:mt-0.5 [&::-webkit-slider-thumb]:h-5 [&::-webkit-slider-thumb]:w-2.5 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-sm [&::-webkit-slider-thumb]:border-2 [&::-webkit-slider-thumb]:border-white [&::-webkit-slider-thumb]:bg-accent [&::-webkit-slider-thumb]:shadow",
  "focus-visible:[&::-webkit-slider-thumb]:outline-2 focus-visible:[&::-webkit-slider-thumb]:outline-offset-2 focus-visible:[&::-webkit-slider-thumb]:outline-accent-soft",
  "[&::-moz-range-track]:bg-transparent [&::-moz-range-thumb]:h-5 [&::-moz-range-thumb]:w-2.5 [&::-moz-range-thumb]:rounded-sm [&::-moz-range-thumb]:border-2 [&::-moz-range-thumb]:border-white [&::-moz-range-thumb]:bg-accent",
].join(" ");

function ReferenceVideoForm({ g, onClose }: { g: GenerationDTO; onClose: () => void }) {
  const router = useRouter();
  const ids = useId();
  const video = useRef<HTMLVideoElement>(null);
  const duration = g.videoDurationSec ?? g.duration;
  // The server applies the widest limit of the versions that take videos when none is named.
  const max = videoLimitsFor().maxSeconds;
  const [start, setStart] = useState(0);
  const [length, setLength] = useState(tenth(Math.min(max, duration)));
  const end = Math.min(duration, tenth(start + length));
  const plan = planRange("the clip", duration, { startSec: start, endSec: end }, { maxSeconds: max });
  const problem = plan.ok ? null : plan.message.replace(/^the clip/, "The clip");

  // The player shows the range: it seeks to the start as it moves and loops within the range.
  useEffect(() => {
    const v = video.current;
    if (v && Number.isFinite(start)) v.currentTime = start;
  }, [start]);
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    const loop = () => {
      if (v.currentTime >= end || v.currentTime < start - 0.25) v.currentTime = start;
    };
    v.addEventListener("timeupdate", loop);
    return () => v.removeEventListener("timeupdate", loop);
  }, [start, end]);

  const cut = useMutation({
    mutationFn: async () => {
      const result = await clipToReferenceVideoAction(g.id, { startSec: start, endSec: end }).catch(() => {
        throw new Error(UNREACHABLE);
      });
      if (!result.ok) throw new Error(Object.values(result.error.fields ?? {})[0] ?? result.error.message);
      return result.asset;
    },
    onSuccess: (asset) => {
      toast.success("Reference video ready", {
        description: `${s(end - start)} of this clip, from ${s(start)}: added to the composer.`,
      });
      onClose();
      router.push(`/?referenceVideo=${encodeURIComponent(asset.id)}`);
    },
  });

  const maxStart = tenth(Math.max(0, duration - MIN_VIDEO_SECONDS));
  const maxLength = tenth(Math.min(max, duration - start));
  const portrait = g.aspectRatio === "9:16";

  return (
    <form
      className="flex flex-col gap-4 p-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem && !cut.isPending) cut.mutate();
      }}
      noValidate
    >
      <div className="flex flex-col gap-1">
        <h2 id="reference-video-title" className="text-base font-semibold">
          Use as reference video
        </h2>
        <p className="text-sm text-ink-300">
          Keep up to {s(max)} of this clip (its sound is dropped by the model) and carry its motion into a new
          clip as <code className="font-mono text-xs">&lt;VIDEO_REF_n&gt;</code>.
        </p>
      </div>
      <div
        className={
          portrait
            ? "mx-auto aspect-[9/16] h-[min(40vh,22rem)] overflow-hidden rounded-lg bg-black"
            : "aspect-video w-full overflow-hidden rounded-lg bg-black"
        }
      >
        <video
          ref={video}
          src={g.videoUrl ?? undefined}
          poster={g.posterUrl ?? undefined}
          muted
          playsInline
          controls
          preload="auto"
          aria-label="The part kept, playing in a loop"
          className="size-full object-contain"
          data-testid="reference-video-player"
        />
      </div>
      <div className="flex flex-col gap-2">
        <label htmlFor={`${ids}-scrub`} className="flex items-baseline justify-between text-sm font-medium">
          <span>Start of the part kept</span>
          <span className="text-xs font-normal text-ink-400 tabular-nums">
            {s(start)} – {s(end)} of {s(duration)}
          </span>
        </label>
        <div className="relative">
          <RangeTrack duration={duration} start={start} end={end} />
          <input
            id={`${ids}-scrub`}
            type="range"
            min={0}
            max={maxStart}
            step={0.1}
            value={start}
            onChange={(e) => {
              setStart(tenth(Number(e.target.value)));
              cut.reset();
            }}
            aria-valuetext={`from ${s(start)} to ${s(end)}`}
            className={slider}
            data-testid="reference-scrubber"
          />
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Start (s)
          <input
            type="number"
            inputMode="decimal"
            className={field}
            min={0}
            max={maxStart}
            step={0.1}
            value={start}
            onChange={(e) => {
              setStart(tenth(Number(e.target.value) || 0));
              cut.reset();
            }}
            data-testid="reference-start"
          />
          <span className="text-xs font-normal text-ink-400 tabular-nums">0 to {s(maxStart)}</span>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Length (s)
          <input
            type="number"
            inputMode="decimal"
            className={field}
            min={MIN_VIDEO_SECONDS}
            max={maxLength}
            step={0.1}
            value={length}
            onChange={(e) => {
              setLength(tenth(Number(e.target.value) || 0));
              cut.reset();
            }}
            data-testid="reference-length"
          />
          <span className="text-xs font-normal text-ink-400 tabular-nums">
            {s(MIN_VIDEO_SECONDS)} to {s(max)}
          </span>
        </label>
      </div>
      {(problem || cut.error) && (
        <p role="alert" className="text-sm text-danger" data-testid="reference-video-error">
          {problem ?? cut.error?.message}
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="primary"
          aria-disabled={Boolean(problem) || undefined}
          disabled={cut.isPending}
        >
          {cut.isPending ? <Spinner /> : <FilmIcon />}
          {cut.isPending ? "Cutting…" : `Use ${s(end - start)} in a new clip`}
        </Button>
      </div>
    </form>
  );
}

/** "Use as reference video" on a finished clip: a dialog picks the part to keep, then the composer opens with it. */
export function ReferenceVideoButton({ g }: { g: GenerationDTO }) {
  const [open, setOpen] = useState(false);
  if (g.status !== "completed" || !g.videoUrl) return null;
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        data-testid="use-as-reference-video"
      >
        <FilmIcon />
        Use as reference video
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="reference-video-title"
        data-testid="reference-video-dialog"
        className="w-[min(32rem,calc(100vw-2rem))]"
      >
        <ReferenceVideoForm g={g} onClose={() => setOpen(false)} />
      </Modal>
    </>
  );
}
