"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { setCharacterVideoAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FilmIcon, TrashIcon, UploadIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { CharacterDTO } from "@/lib/characters/dto";
import { reviewKeys } from "@/lib/client/review";
import { uploadReferenceVideo, VIDEO_ACCEPT, videoFileDuration } from "@/lib/client/upload-video";
import { cleanLabel, MAX_LABEL_CHARS } from "@/lib/generations/limits";
import { DURATION_SLACK_SEC, type TimeRange, videoLimitsFor } from "@/lib/uploads/video-range";

type CharacterVideo = NonNullable<CharacterDTO["video"]>;

const REDUCED = "(prefers-reduced-motion: reduce)";
function subscribe(onChange: () => void) {
  const query = window.matchMedia(REDUCED);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
/** Whether the person asked for less motion; the server renders as if not (the poster swaps in at hydration). */
function usePrefersReducedMotion() {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(REDUCED).matches,
    () => false,
  );
}

const seconds = (n: number) => `${Number(n.toFixed(1))} s`;

/** The character's video as a moving thumbnail (muted, looped); its still poster for those who want less motion. */
export function CharacterVideoThumb({
  video,
  name,
  className,
}: {
  video: CharacterVideo;
  name: string;
  className?: string;
}) {
  const still = usePrefersReducedMotion();
  const poster = video.video?.posterUrl ?? video.thumbUrl;
  const label = `${name}'s video${video.label ? `: ${video.label}` : ""}`;
  return (
    <div
      className={cn("relative overflow-hidden rounded-lg border border-ink-700 bg-black", className)}
      data-testid="character-video"
      data-motion={still ? "still" : "moving"}
    >
      {still ? (
        // biome-ignore lint/performance/noImgElement: a poster from our own media route
        <img src={poster} alt={label} className="size-full object-cover" />
      ) : (
        <video
          src={video.url}
          poster={poster}
          muted
          loop
          autoPlay
          playsInline
          preload="metadata"
          aria-label={label}
          className="size-full object-cover"
        />
      )}
      <span className="pointer-events-none absolute bottom-1 left-1 inline-flex items-center gap-1 rounded bg-black/70 px-1 py-0.5 font-mono text-[10px] leading-none text-white tabular-nums">
        <FilmIcon className="size-3" />
        {video.video ? seconds(video.video.durationSec) : "video"}
      </span>
    </div>
  );
}

/** A picked file longer than the limit waits here for the second to start from. */
interface Pending {
  file: File;
  durationSec: number;
}

/**
 * The character's one video of how it moves, in its edit dialog: add (upload a short MP4, MOV or WebM;
 * of a longer one the part from a chosen second), replace or remove. Saved at once, apart from the form.
 */
export function CharacterVideoField({ character }: { character: CharacterDTO }) {
  const client = useQueryClient();
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const [video, setVideo] = useState(character.video);
  const [pending, setPending] = useState<Pending | null>(null);
  const [start, setStart] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const max = videoLimitsFor().maxSeconds;

  const save = useMutation({
    mutationFn: async (next: { file: File; range?: TimeRange } | null) => {
      let value: { assetId: string; label: string } | null = null;
      if (next) {
        const asset = await uploadReferenceVideo(next.file, next.range);
        const label = cleanLabel(next.file.name.replace(/\.[a-z0-9]+$/i, "")).slice(0, MAX_LABEL_CHARS);
        value = { assetId: asset.id, label };
      }
      const r = await setCharacterVideoAction(character.id, value).catch(() => {
        throw new Error("Could not reach the studio server. Check that it is running, then try again.");
      });
      if (!r.ok) throw new Error(Object.values(r.error.fields ?? {})[0] ?? r.error.message);
      return r.character;
    },
    onSuccess: (c) => {
      setVideo(c.video);
      setPending(null);
      setError(null);
      void client.invalidateQueries({ queryKey: reviewKeys.characters });
      toast.success(c.video ? `${c.name} has a video` : `Removed ${c.name}'s video`, {
        description: c.video ? "Inserting the character brings it as a reference video." : undefined,
      });
    },
    onError: (e) => setError(e.message),
  });

  async function picked(file: File | undefined) {
    if (!file) return;
    setError(null);
    const durationSec = await videoFileDuration(file);
    if (durationSec !== null && durationSec > max + DURATION_SLACK_SEC) {
      setStart(0);
      setPending({ file, durationSec });
      return;
    }
    save.mutate({ file });
  }

  const lastStart = pending ? Math.max(0, Number((pending.durationSec - max).toFixed(1))) : 0;
  const startOk = Number.isFinite(start) && start >= 0 && start <= lastStart;

  return (
    <fieldset className="flex flex-col gap-2" data-testid="character-video-field">
      <legend className="mb-1 text-sm font-medium">
        Video <span className="font-normal text-ink-400">(optional: how {character.name} moves)</span>
      </legend>
      {video && !pending && (
        <div className="flex items-center gap-3">
          <CharacterVideoThumb video={video} name={character.name} className="aspect-video w-32 shrink-0" />
          <div className="flex min-w-0 flex-col gap-1.5">
            <span className="truncate text-xs text-ink-400">{video.label || video.name}</span>
            <div className="flex flex-wrap gap-1.5">
              <Button size="sm" onClick={() => input.current?.click()} disabled={save.isPending}>
                <UploadIcon className="size-3.5" />
                Replace
              </Button>
              <Button
                size="sm"
                variant="ghost"
                className="hover:text-danger"
                onClick={() => save.mutate(null)}
                disabled={save.isPending}
              >
                {save.isPending ? <Spinner className="size-3.5" /> : <TrashIcon className="size-3.5" />}
                Remove video
              </Button>
            </div>
          </div>
        </div>
      )}
      {!video && !pending && (
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" onClick={() => input.current?.click()} disabled={save.isPending}>
            {save.isPending ? <Spinner className="size-3.5" /> : <UploadIcon className="size-3.5" />}
            {save.isPending ? "Uploading…" : "Add a video…"}
          </Button>
          <span className="text-xs text-ink-400">MP4, MOV or WebM; up to {seconds(max)} is kept</span>
        </div>
      )}
      {pending && (
        <div className="flex flex-col gap-2 rounded-lg border border-ink-700 bg-ink-950 p-3">
          <p className="text-xs text-ink-300">
            <span className="font-medium text-ink-100">{pending.file.name}</span> is{" "}
            {seconds(pending.durationSec)} long; a reference video keeps at most {seconds(max)}. Choose where
            the part kept starts.
          </p>
          <label htmlFor={`${ids}-start`} className="text-sm font-medium">
            Start at second
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id={`${ids}-start`}
              type="number"
              inputMode="decimal"
              min={0}
              max={lastStart}
              step={0.1}
              value={start}
              onChange={(e) => setStart(Number(e.target.value))}
              aria-describedby={`${ids}-start-hint`}
              className="h-8 w-24 rounded-md border border-ink-700 bg-ink-900 px-2 text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-accent-soft"
              data-testid="character-video-start"
            />
            <span id={`${ids}-start-hint`} className="text-xs text-ink-400 tabular-nums">
              {startOk
                ? `keeps ${seconds(start)} to ${seconds(start + max)}`
                : `from 0 to ${seconds(lastStart)}`}
            </span>
          </div>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="primary"
              disabled={!startOk || save.isPending}
              onClick={() =>
                save.mutate({ file: pending.file, range: { startSec: start, endSec: start + max } })
              }
            >
              {save.isPending ? <Spinner className="size-3.5" /> : <UploadIcon className="size-3.5" />}
              {save.isPending ? "Uploading…" : "Upload this part"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setPending(null)} disabled={save.isPending}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      <input
        ref={input}
        type="file"
        accept={VIDEO_ACCEPT}
        className="sr-only"
        tabIndex={-1}
        aria-label={`Video of how ${character.name} moves`}
        data-testid="character-video-input"
        onChange={(e) => {
          void picked(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="character-video-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
