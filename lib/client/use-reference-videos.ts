"use client";

import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { videoTag } from "@/lib/generations/tags";
import { DURATION_SLACK_SEC, type TimeRange } from "@/lib/uploads/video-range";
import type { Draft, DraftAction, DraftReference } from "./draft";
import { previewOf } from "./draft-storage";
import { defaultReferenceName, displayName, type VideoLimit, videoRefusal } from "./reference-files";
import { uploadReference } from "./upload";
import { newReferenceKey } from "./use-reference-files";

/** A video longer than the version keeps, waiting for the person to pick the part to keep. */
export interface TrimRequest {
  file: File;
  /** An object URL of the file, for the scrubber's <video>. */
  url: string;
  name: string;
  durationSec: number;
  maxSeconds: number;
  /** The part to keep, or null when the person gave up on this video. */
  done: (range: TimeRange | null) => void;
}

/** The file's length as the browser reads it, or null when it cannot (a codec it lacks, a live WebM). */
export function readVideoDuration(url: string, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    const video = document.createElement("video");
    const finish = (value: number | null) => {
      clearTimeout(timer);
      video.removeAttribute("src");
      video.load();
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    video.preload = "metadata";
    video.muted = true;
    video.onloadedmetadata = () =>
      finish(Number.isFinite(video.duration) && video.duration > 0 ? video.duration : null);
    video.onerror = () => finish(null);
    video.src = url;
  });
}

/**
 * Video files to reference videos: checked (the version takes videos, a slot, size, type), measured in
 * the browser, trimmed on the scrubber when longer than the version keeps, then uploaded with the range
 * and the version; the server checks the content with ffprobe and cuts the range with ffmpeg. A refusal
 * from the server stays on the tile (nothing else changes) until the person removes it.
 */
export function useReferenceVideos(
  draftRef: RefObject<Draft>,
  dispatch: (action: DraftAction) => void,
  refuse: (message: string) => void,
  limitRef: RefObject<VideoLimit & { model?: string }>,
) {
  const uploads = useRef(new Map<string, AbortController>());
  const urls = useRef(new Map<string, string>());
  /** Videos between the checks and their tile (being measured or trimmed): they hold a slot too. */
  const pending = useRef(0);
  const [trim, setTrim] = useState<TrimRequest | null>(null);

  const forget = useCallback((key: string) => {
    const url = urls.current.get(key);
    if (url) URL.revokeObjectURL(url);
    urls.current.delete(key);
  }, []);

  const askRange = useCallback(
    (file: File, url: string, durationSec: number, maxSeconds: number) =>
      new Promise<TimeRange | null>((resolve) => {
        setTrim({
          file,
          url,
          name: displayName(file),
          durationSec,
          maxSeconds,
          done: (range) => {
            setTrim(null);
            resolve(range);
          },
        });
      }),
    [],
  );

  const upload = useCallback(
    async (ref: DraftReference, file: File, range: TimeRange | undefined, model: string | undefined) => {
      const controller = new AbortController();
      uploads.current.set(ref.key, controller);
      try {
        const asset = await uploadReference(file, {
          signal: controller.signal,
          range,
          model,
          onProgress: (progress) => dispatch({ type: "references/progress", key: ref.key, progress }),
        });
        const videos = draftRef.current.videos;
        const twin = videos.findIndex((r) => r.asset?.id === asset.id);
        if (twin >= 0) {
          refuse(
            `${ref.fileName} was not added: it is the same video as ${videoTag(twin)} (${videos[twin]!.name}).`,
          );
          dispatch({ type: "references/removed", key: ref.key });
          forget(ref.key);
          return;
        }
        dispatch({ type: "references/uploaded", key: ref.key, asset, previewUrl: previewOf(asset) });
        forget(ref.key);
      } catch (err) {
        if (controller.signal.aborted) return;
        const message = err instanceof Error ? err.message : "the upload failed.";
        // Kept on its tile with the server's words; the rest of the draft is untouched.
        dispatch({ type: "references/failed", key: ref.key, error: message });
      } finally {
        uploads.current.delete(ref.key);
      }
    },
    [dispatch, draftRef, forget, refuse],
  );

  const addVideo = useCallback(
    async (file: File) => {
      const limit = limitRef.current;
      const slots = (limit.videos?.max ?? 0) - draftRef.current.videos.length - pending.current;
      const why = videoRefusal(file, slots, limit);
      if (why) return refuse(why);
      const videos = limit.videos!;
      pending.current++;
      const url = URL.createObjectURL(file);
      let range: TimeRange | undefined;
      let seconds: number | undefined;
      try {
        const duration = await readVideoDuration(url);
        if (duration !== null && duration > videos.maxSeconds + DURATION_SLACK_SEC) {
          const picked = await askRange(file, url, duration, videos.maxSeconds);
          if (!picked) {
            URL.revokeObjectURL(url);
            return;
          }
          range = picked;
          seconds = picked.endSec - picked.startSec;
        } else if (duration !== null) {
          seconds = duration;
        }
      } finally {
        pending.current--;
      }
      const ref: DraftReference = {
        key: newReferenceKey(),
        name: defaultReferenceName(file.name || "video"),
        fileName: file.name || "video.mp4",
        previewUrl: url,
        status: "uploading",
        progress: 0,
        asset: null,
        ...(seconds !== undefined ? { seconds } : {}),
      };
      urls.current.set(ref.key, url);
      dispatch({ type: "videos/added", items: [ref] });
      await upload(ref, file, range, limit.model);
    },
    [askRange, dispatch, draftRef, limitRef, refuse, upload],
  );

  const abort = useCallback(
    (key: string) => {
      uploads.current.get(key)?.abort();
      uploads.current.delete(key);
      forget(key);
    },
    [forget],
  );

  const abortAll = useCallback(() => {
    for (const controller of uploads.current.values()) controller.abort();
    uploads.current.clear();
    for (const key of [...urls.current.keys()]) forget(key);
  }, [forget]);

  useEffect(() => abortAll, [abortAll]);

  return useMemo(() => ({ addVideo, abort, abortAll, trim }), [addVideo, abort, abortAll, trim]);
}
