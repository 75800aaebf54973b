"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { useDropzone } from "react-dropzone";
import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { PlusIcon, UploadIcon } from "@/components/ui/icons";
import type { DraftReference } from "@/lib/client/draft";
import { noVideosWords, type VideoLimit } from "@/lib/client/reference-files";
import type { Notice } from "@/lib/client/use-composer";
import type { ImageLimit } from "@/lib/client/versions";
import { type RefKind, refTag } from "@/lib/generations/tags";
import { ReferenceTile } from "./reference-tile";
import { UploadNotices } from "./upload-notices";

export interface ReferenceTrayProps {
  references: DraftReference[];
  /** Reference videos in `<VIDEO_REF_n>` order. */
  videos: DraftReference[];
  /** What the chosen version takes in videos (none: the picker offers images only). */
  videoLimit: VideoLimit;
  /** How many images the chosen version takes: the tray holds that many (a draft over it keeps them all). */
  limit: ImageLimit;
  notices: Notice[];
  error?: string;
  onFiles: (files: File[]) => void;
  /** Dismisses the given notices (the summary dismisses all it shows at once). */
  onDismissNotices: (ids: number[]) => void;
  onInsert: (index: number, kind: RefKind) => void;
  onRemove: (key: string) => void;
  onMove: (from: number, to: number) => void;
  onMoveVideo: (from: number, to: number) => void;
  onRename: (key: string, name: string, final?: boolean) => void;
}

// The picker offers only what the model takes; every file, however it arrives, is still checked by
// name, size, type and content before it becomes a tile.
const PICKER_ACCEPT = "image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp";
const PICKER_ACCEPT_VIDEOS = `${PICKER_ACCEPT},video/mp4,video/quicktime,video/webm,.mp4,.mov,.webm`;

/** The drop zone (drop, browse, or paste anywhere) and the ordered reference tiles. */
export function ReferenceTray(props: ReferenceTrayProps) {
  const {
    references,
    videos,
    videoLimit,
    limit,
    notices,
    error,
    onFiles,
    onDismissNotices,
    onInsert,
    onRemove,
    onMove,
    onMoveVideo,
    onRename,
  } = props;
  const max = limit.max;
  const takesVideos = videoLimit.videos !== null;
  const videoMax = videoLimit.videos?.max ?? 0;
  const overBy = references.length - max;
  const list = useRef<HTMLUListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // After a move or remove the control under the user's finger is gone or moved: put focus back on it.
  const refocus = useRef<{ key: string | null; control: string } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [draggedKey, setDraggedKey] = useState<string | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  const [overVideo, setOverVideo] = useState<number | null>(null);

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    multiple: true,
    // Click and keyboard go through the explicit buttons, so the tiles' own controls stay clickable.
    noClick: true,
    noKeyboard: true,
    onDrop: (accepted, rejected) => onFiles([...accepted, ...rejected.map((r) => r.file)]),
  });

  // The control that opened the picker can be gone when the files arrive (the empty tray's big button
  // becomes the strip): focus then moves to the Add button instead of falling to <body>.
  const focusAfterAdd = useRef(false);
  function openPicker() {
    focusAfterAdd.current = true;
    open();
  }
  useLayoutEffect(() => {
    if (!focusAfterAdd.current) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    focusAfterAdd.current = false;
    addButton.current?.focus();
  });

  useLayoutEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    const tile = target.key ? list.current?.querySelector(`[data-key="${target.key}"]`) : null;
    const button = tile?.querySelector<HTMLButtonElement>(
      `[data-control="${target.control}"]:not(:disabled)`,
    );
    (
      button ??
      tile?.querySelector<HTMLButtonElement>('[data-control="insert"]') ??
      addButton.current
    )?.focus();
  });

  function move(from: number, to: number, kind: RefKind = "image") {
    const list = kind === "video" ? videos : references;
    const ref = list[from];
    if (!ref || to < 0 || to >= list.length) return;
    refocus.current = { key: ref.key, control: to < from ? "move-left" : "move-right" };
    (kind === "video" ? onMoveVideo : onMove)(from, to);
    setAnnouncement(
      `${ref.name} moved to position ${to + 1}; it is now ${refTag(kind, to)}. Tags renumbered.`,
    );
  }

  function remove(key: string) {
    const list = videos.some((v) => v.key === key) ? videos : references;
    const index = list.findIndex((r) => r.key === key);
    const next = list[index + 1] ?? list[index - 1];
    refocus.current = { key: next?.key ?? null, control: "remove" };
    onRemove(key);
  }

  const empty = references.length === 0 && videos.length === 0;
  const videoWords = videoLimit.videos
    ? `up to ${videoMax} video${videoMax === 1 ? "" : "s"} (longer ones are trimmed to ${videoLimit.videos.maxSeconds} s)`
    : "";

  // The header's Add says what still fits; a full tray keeps the button (focus stays put) but says so.
  const imagesLeft = Math.max(0, max - references.length);
  const videosLeft = takesVideos ? Math.max(0, videoMax - videos.length) : 0;
  const addLabel =
    imagesLeft > 0 && videosLeft > 0
      ? "Add image or video"
      : imagesLeft > 0
        ? "Add image"
        : videosLeft > 0
          ? "Add video"
          : "Full";
  const trayFull = addLabel === "Full";
  const failed = [...references, ...videos].filter((r) => r.status === "failed" && r.error);

  return (
    <section
      aria-labelledby="references-heading"
      className="flex flex-col gap-1.5"
      onBlur={(e) => {
        // Focus moved on to something else on purpose: the picker's focus hand-off is no longer wanted.
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget)) focusAfterAdd.current = false;
      }}
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id="references-heading" className="text-sm font-medium text-ink-100">
          References
        </h2>
        <div className="flex items-center gap-2">
          <span
            className={cn("text-xs tabular-nums", overBy > 0 ? "font-semibold text-danger" : "text-ink-400")}
            data-testid="reference-count"
            title={
              overBy > 0
                ? `${overBy} over the limit: remove ${overBy} or pick a version that takes more`
                : undefined
            }
          >
            {references.length} / {max}
          </span>
          {!empty && (
            <button
              ref={addButton}
              type="button"
              onClick={trayFull ? undefined : openPicker}
              aria-disabled={trayFull || undefined}
              title={
                trayFull
                  ? "The tray holds all this version takes: remove a reference to add another"
                  : `${addLabel}: ${imagesLeft} image${imagesLeft === 1 ? "" : "s"}${takesVideos ? ` and ${videosLeft} video${videosLeft === 1 ? "" : "s"}` : ""} left; or paste or drop`
              }
              className="flex h-7 items-center gap-1 rounded-md border border-ink-600 px-2 text-xs font-medium text-ink-100 transition-colors hover:border-ink-400 hover:bg-ink-800 focus-visible:outline-2 focus-visible:outline-accent-soft aria-disabled:cursor-not-allowed aria-disabled:opacity-50 aria-disabled:hover:bg-transparent"
            >
              {!trayFull && <PlusIcon className="size-3.5" />}
              {addLabel}
            </button>
          )}
        </div>
      </div>
      <div
        {...getRootProps({
          "data-testid": "dropzone",
          className: cn(
            "rounded-xl border border-dashed p-1.5 transition-colors",
            isDragActive ? "border-accent bg-accent/10" : "border-ink-600 bg-ink-950/40",
          ),
        })}
      >
        <input
          {...getInputProps({
            "aria-label": takesVideos ? "Reference images or videos" : "Reference images",
            accept: takesVideos ? PICKER_ACCEPT_VIDEOS : PICKER_ACCEPT,
          } as object)}
          // Reached through the Add buttons; never a tab stop of its own.
          tabIndex={-1}
        />
        {empty ? (
          <button
            ref={addButton}
            type="button"
            onClick={openPicker}
            className="flex w-full flex-col items-center gap-1.5 rounded-lg px-4 py-5 text-center transition-colors hover:bg-ink-800/60 focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <span className="flex size-9 items-center justify-center rounded-full bg-accent/15 text-accent-soft">
              <UploadIcon className="size-5" />
            </span>
            <span className="text-sm font-medium text-ink-100">
              {isDragActive
                ? "Drop to add"
                : takesVideos
                  ? `Drop up to ${max} images and ${videoWords}, browse, or paste`
                  : `Drop 1 to ${max} images, browse, or paste`}
            </span>
            <span className="text-xs text-ink-400">
              {takesVideos
                ? "PNG, JPEG or WebP up to 20 MB; MP4, MOV or WebM for motion."
                : "PNG, JPEG or WebP up to 20 MB: a character, a place, a look."}
            </span>
          </button>
        ) : (
          <ul ref={list} aria-label="Images" className="flex flex-wrap gap-1.5" data-testid="reference-strip">
            {references.map((ref, i) => (
              <ReferenceTile
                key={ref.key}
                reference={ref}
                index={i}
                count={references.length}
                dropTarget={draggedKey !== null && draggedKey !== ref.key && overIndex === i}
                over={
                  i >= max
                    ? `over the limit of ${max} images${limit.version ? ` on ${limit.version}` : ""}`
                    : undefined
                }
                onInsert={(index) => onInsert(index, "image")}
                onRemove={remove}
                onMove={(from, to) => move(from, to)}
                onRename={onRename}
                onDragState={(key) => {
                  setDraggedKey(key);
                  if (!key) setOverIndex(null);
                }}
                onDragOverTile={setOverIndex}
                onDropOnTile={(key, to) => {
                  setOverIndex(null);
                  const from = references.findIndex((r) => r.key === key);
                  if (from >= 0 && from !== to) move(from, to);
                }}
              />
            ))}
            {references.length === 0 && (
              <li className="px-1 py-2 text-xs text-ink-400">
                No images yet: add a character, a place or a look.
              </li>
            )}
          </ul>
        )}
        {(videos.length > 0 || (!empty && takesVideos)) && (
          <div className="mt-1 border-ink-700 border-t pt-1" data-testid="reference-videos">
            <div className="flex items-baseline justify-between gap-3 px-0.5 pb-0.5">
              <h3 className="text-xs font-medium text-ink-300">Reference videos</h3>
              <span
                className={cn(
                  "text-xs tabular-nums",
                  videos.length > videoMax ? "font-semibold text-danger" : "text-ink-400",
                )}
                data-testid="reference-video-count"
              >
                {videos.length} / {videoMax}
                {videoLimit.videos ? ` · up to ${videoLimit.videos.maxSeconds} s each` : ""}
              </span>
            </div>
            {videos.length === 0 ? (
              <button
                type="button"
                onClick={openPicker}
                className="w-full rounded-lg border border-ink-700 border-dashed px-2.5 py-1.5 text-left text-xs text-ink-400 transition-colors hover:border-ink-400 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
              >
                Add a short video for motion or a scene (MP4, MOV, WebM); a longer one opens a scrubber to
                pick {videoLimit.videos?.maxSeconds ?? 3} s.
              </button>
            ) : (
              <ul aria-label="Videos" className="flex flex-wrap gap-1.5">
                {videos.map((ref, i) => (
                  <ReferenceTile
                    key={ref.key}
                    kind="video"
                    reference={ref}
                    index={i}
                    count={videos.length}
                    dropTarget={draggedKey !== null && draggedKey !== ref.key && overVideo === i}
                    over={
                      i >= videoMax
                        ? videoLimit.videos
                          ? `over the limit of ${videoMax} videos on ${videoLimit.version}`
                          : noVideosWords(videoLimit)
                        : undefined
                    }
                    onInsert={(index) => onInsert(index, "video")}
                    onRemove={remove}
                    onMove={(from, to) => move(from, to, "video")}
                    onRename={onRename}
                    onDragState={(key) => {
                      setDraggedKey(key);
                      if (!key) setOverVideo(null);
                    }}
                    onDragOverTile={setOverVideo}
                    onDropOnTile={(key, to) => {
                      setOverVideo(null);
                      const from = videos.findIndex((r) => r.key === key);
                      if (from >= 0 && from !== to) move(from, to, "video");
                    }}
                  />
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {failed.length > 0 && (
        <ul className="flex flex-col gap-0.5 text-xs text-danger">
          {failed.map((r) => (
            <li key={r.key} role="alert" data-testid="reference-error">
              <span className="font-medium">{r.name}</span>: {r.error}
            </li>
          ))}
        </ul>
      )}
      {error && <FieldMessage data-testid="references-error">{error}</FieldMessage>}
      <UploadNotices notices={notices} onDismiss={onDismissNotices} />
    </section>
  );
}
