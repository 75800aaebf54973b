"use client";

import { type DragEvent, useState } from "react";
import { REFERENCE_DRAG_TYPE } from "@/components/composer/drag";
import { cn } from "@/components/ui/cn";
import { AlertIcon, ChevronLeftIcon, ChevronRightIcon, XIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { DraftReference } from "@/lib/client/draft";
import { MAX_LABEL_CHARS } from "@/lib/generations/limits";
import { type RefKind, refTag } from "@/lib/generations/tags";
import { VideoThumb } from "./video-thumb";

export interface ReferenceTileProps {
  reference: DraftReference;
  /** An image (`<IMAGE_REF_n>`) or a reference video (`<VIDEO_REF_n>`, a moving thumbnail). */
  kind?: RefKind;
  index: number;
  count: number;
  /** Another tile is being dragged over this one. */
  dropTarget: boolean;
  /** Why this image is past the chosen version's limit (it stays, and Generate waits); unset when it fits. */
  over?: string;
  onInsert: (index: number) => void;
  onRemove: (key: string) => void;
  onMove: (from: number, to: number) => void;
  onRename: (key: string, name: string, final?: boolean) => void;
  onDragState: (key: string | null) => void;
  onDragOverTile: (index: number | null) => void;
  onDropOnTile: (key: string, index: number) => void;
}

const iconButton =
  "flex h-5 w-4.5 shrink-0 items-center justify-center rounded text-white [@media(pointer:coarse)]:h-6 transition-colors hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-accent-soft disabled:pointer-events-none disabled:opacity-30";

function statusText(ref: DraftReference): string {
  if (ref.status === "failed") return "Not usable";
  if (ref.status === "preparing") return "Preparing…";
  if (ref.progress >= 1) return "Checking…";
  return `${Math.round(ref.progress * 100)}%`;
}

/**
 * One reference: its thumbnail (local at once, stored once uploaded), short name, the tag it binds to,
 * and Insert / Move left / Move right / Remove. The thumbnail drags: onto another tile to reorder, into
 * the prompt to insert its tag.
 */
export function ReferenceTile(props: ReferenceTileProps) {
  const { reference: ref, index, count, dropTarget, over, onInsert, onRemove, onMove, onRename } = props;
  const kind = props.kind ?? "image";
  const [dragging, setDragging] = useState(false);
  const tag = refTag(kind, index);
  const failed = ref.status === "failed";
  const busy = ref.status !== "ready" && !failed;

  function onDragStart(event: DragEvent<HTMLDivElement>) {
    event.dataTransfer.setData(REFERENCE_DRAG_TYPE, ref.key);
    event.dataTransfer.setData("text/plain", tag);
    event.dataTransfer.effectAllowed = "copyMove";
    const img = event.currentTarget.querySelector("img, video");
    if (img) event.dataTransfer.setDragImage(img, 24, 24);
    setDragging(true);
    props.onDragState(ref.key);
  }

  function onDragOver(event: DragEvent<HTMLLIElement>) {
    if (!event.dataTransfer.types.includes(REFERENCE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    props.onDragOverTile(index);
  }

  function onDrop(event: DragEvent<HTMLLIElement>) {
    const key = event.dataTransfer.getData(REFERENCE_DRAG_TYPE);
    if (!key) return;
    event.preventDefault();
    event.stopPropagation();
    props.onDropOnTile(key, index);
  }

  // Actions sit over the thumbnail, shown on hover and while any of the tile's controls has focus (so a
  // keyboard user sees where Tab is), and always where the device cannot hover.
  const reveal =
    "opacity-0 transition-opacity group-hover/tile:opacity-100 group-focus-within/tile:opacity-100 focus-visible:opacity-100 [@media(hover:none)]:opacity-100";
  return (
    <li
      data-testid={kind === "video" ? "reference-video-tile" : "reference-tile"}
      data-key={ref.key}
      data-status={ref.status}
      data-over={over ? true : undefined}
      aria-label={`${tag} ${ref.name}${over ? `, ${over}` : ""}`}
      title={`${ref.name}: ${tag}${over ? ` (${over})` : ""}${failed && ref.error ? ` (${ref.error})` : ""}`}
      onDragOver={onDragOver}
      onDragLeave={() => props.onDragOverTile(null)}
      onDrop={onDrop}
      className={cn(
        "group/tile flex w-14 min-w-0 flex-col gap-0.5 rounded-lg transition-colors",
        dropTarget ? "bg-accent/15 outline-2 outline-accent outline-dashed" : "",
        dragging && "opacity-50",
      )}
    >
      <div className="relative">
        {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse drag handle; keyboards use Move left/right and Insert */}
        <div
          draggable
          onDragStart={onDragStart}
          onDragEnd={() => {
            setDragging(false);
            props.onDragState(null);
          }}
          className={cn(
            "relative aspect-square cursor-grab overflow-hidden rounded-lg border bg-ink-800 active:cursor-grabbing",
            over || failed ? "border-danger ring-1 ring-danger/60" : "border-ink-700",
          )}
        >
          {kind === "video" ? (
            <VideoThumb reference={ref} dimmed={busy || failed} />
          ) : (
            ref.previewUrl && (
              // biome-ignore lint/performance/noImgElement: a local object URL or a stored thumbnail
              <img
                src={ref.previewUrl}
                alt={ref.name}
                draggable={false}
                className={cn("size-full object-cover transition-opacity", busy && "opacity-50")}
              />
            )
          )}
          {failed && (
            <span className="absolute inset-0 flex items-center justify-center bg-black/60 text-danger">
              <AlertIcon className="size-5" />
            </span>
          )}
          {over && (
            <span
              title={over}
              data-testid="reference-over"
              className="absolute inset-x-0 top-0 z-10 border-danger border-b bg-black/85 text-center text-[9px] font-semibold leading-3.5 text-white"
            >
              Over limit
            </span>
          )}
          {busy && (
            <div className="absolute inset-x-0 bottom-0 flex flex-col gap-0.5 bg-gradient-to-t from-black/85 to-transparent p-1 pt-3">
              <span className="text-[9px] font-medium leading-3 text-white tabular-nums">
                {statusText(ref)}
              </span>
              <ProgressBar
                value={ref.status === "uploading" && ref.progress < 1 ? ref.progress : null}
                label={`Uploading ${ref.fileName}`}
              />
            </div>
          )}
        </div>
        <button
          type="button"
          aria-label="Remove"
          title={`Remove ${ref.name}`}
          data-control="remove"
          onClick={() => onRemove(ref.key)}
          className={cn(
            "absolute -top-1.5 -right-1.5 flex size-5 items-center justify-center rounded-full border border-white/20 bg-black/80 text-white hover:bg-danger focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft",
            reveal,
          )}
        >
          <XIcon className="size-3" />
        </button>
        <div
          className={cn(
            "absolute inset-x-0 bottom-0 flex items-center justify-between gap-px rounded-b-lg bg-black/75 p-0.5",
            reveal,
          )}
        >
          <button
            type="button"
            aria-label="Move left"
            title={`Move left (becomes ${refTag(kind, index - 1)})`}
            data-control="move-left"
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
            className={iconButton}
          >
            <ChevronLeftIcon className="size-3" />
          </button>
          <button
            type="button"
            aria-label="Insert"
            data-control="insert"
            disabled={failed}
            onClick={() => onInsert(index)}
            title={`Insert ${tag} at the caret in the prompt`}
            className={cn(iconButton, "w-auto flex-1 font-semibold text-[11px]")}
          >
            {/* "@": what the prompt's own mentions start with; the button's name says Insert. */}
            <span aria-hidden>@</span>
          </button>
          <button
            type="button"
            aria-label="Move right"
            title={`Move right (becomes ${refTag(kind, index + 1)})`}
            data-control="move-right"
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
            className={iconButton}
          >
            <ChevronRightIcon className="size-3" />
          </button>
        </div>
      </div>
      <div className="flex min-w-0 items-center gap-0.5">
        <input
          type="text"
          value={ref.name}
          maxLength={MAX_LABEL_CHARS}
          aria-label={`Name of ${tag}`}
          spellCheck={false}
          data-testid="reference-name"
          onChange={(e) => onRename(ref.key, e.target.value)}
          onBlur={(e) => onRename(ref.key, e.target.value, true)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              e.currentTarget.blur();
            }
          }}
          className="h-4 w-full min-w-0 truncate rounded-sm border border-transparent bg-transparent px-0.5 text-[11px] leading-none font-medium text-ink-100 transition-colors hover:border-ink-600 focus:border-accent focus:bg-ink-950 focus:outline-none"
        />
        {/* Stored is the quiet default; uploading shows on the thumbnail, a refusal in red. */}
        <span className="sr-only">{failed ? "Refused" : busy ? "Uploading" : "Stored"}</span>
      </div>
      {/* The tag is in the tile's name, title and the Insert button; read here by tests and screen readers. */}
      <code data-testid="reference-tag" className="sr-only">
        {tag}
      </code>
    </li>
  );
}
