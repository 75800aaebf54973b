"use client";

import { type DragEvent, useState } from "react";
import { REFERENCE_DRAG_TYPE } from "@/components/composer/drag";
import { cn } from "@/components/ui/cn";
import { CheckIcon, ChevronLeftIcon, ChevronRightIcon, XIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Spinner } from "@/components/ui/spinner";
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
  "flex size-7 shrink-0 items-center justify-center rounded-md border border-ink-600 bg-ink-800 text-ink-300 transition-colors hover:border-ink-400 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft disabled:pointer-events-none disabled:opacity-35";

function statusText(ref: DraftReference): string {
  if (ref.status === "failed") return "Not usable";
  if (ref.status === "preparing") return "Preparing…";
  if (ref.progress >= 1) return "Checking…";
  return `Uploading ${Math.round(ref.progress * 100)}%`;
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

  return (
    <li
      data-testid={kind === "video" ? "reference-video-tile" : "reference-tile"}
      data-key={ref.key}
      data-status={ref.status}
      data-over={over ? true : undefined}
      aria-label={`${tag} ${ref.name}${over ? `, ${over}` : ""}`}
      onDragOver={onDragOver}
      onDragLeave={() => props.onDragOverTile(null)}
      onDrop={onDrop}
      className={cn(
        "flex min-w-0 flex-col gap-1.5 rounded-xl p-1 transition-colors",
        dropTarget ? "bg-accent/15 outline-2 outline-accent outline-dashed" : "",
        dragging && "opacity-50",
      )}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse drag handle; keyboards use Move left/right and Insert */}
      <div
        draggable
        onDragStart={onDragStart}
        onDragEnd={() => {
          setDragging(false);
          props.onDragState(null);
        }}
        title={`Drag onto another tile to reorder, or into the prompt to insert ${tag}`}
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
          <p
            role="alert"
            data-testid="reference-error"
            className="absolute inset-x-0 bottom-0 max-h-full overflow-y-auto bg-black/85 p-2 text-[11px] leading-4 text-white"
          >
            {ref.error}
          </p>
        )}
        {over && (
          <span
            title={over}
            data-testid="reference-over"
            className="absolute top-1.5 left-1.5 rounded-md border border-danger bg-black/75 px-1.5 py-0.5 text-[10px] font-semibold text-white"
          >
            Over limit
          </span>
        )}
        {busy && (
          <div className="absolute inset-x-0 bottom-0 flex flex-col gap-1 bg-gradient-to-t from-black/80 to-transparent p-2 pt-6">
            <span className="text-[11px] font-medium text-white tabular-nums">{statusText(ref)}</span>
            <ProgressBar
              value={ref.status === "uploading" && ref.progress < 1 ? ref.progress : null}
              label={`Uploading ${ref.fileName}`}
            />
          </div>
        )}
        <button
          type="button"
          aria-label="Remove"
          title={`Remove ${ref.name}`}
          data-control="remove"
          onClick={() => onRemove(ref.key)}
          className="absolute top-1.5 right-1.5 flex size-7 items-center justify-center rounded-full border border-white/15 bg-black/60 text-white backdrop-blur transition-colors hover:bg-danger focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft"
        >
          <XIcon className="size-3.5" />
        </button>
      </div>
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
        className="h-7 w-full min-w-0 truncate rounded-md border border-transparent bg-transparent px-1.5 text-xs font-medium text-ink-100 transition-colors hover:border-ink-600 focus:border-accent focus:bg-ink-950 focus:outline-none"
      />
      <div className="flex items-center justify-between gap-1 px-1.5">
        <code
          data-testid="reference-tag"
          className="truncate font-mono text-[10px] text-accent-soft sm:text-[11px]"
          title={`${ref.name} is ${tag} in the prompt`}
        >
          {tag}
        </code>
        {failed ? (
          <XIcon className="size-3 shrink-0 text-danger" aria-label="Refused" />
        ) : busy ? (
          <Spinner className="size-3 shrink-0 text-ink-400" />
        ) : (
          <span title="Stored" className="flex shrink-0 text-ok">
            <CheckIcon className="size-3" />
            <span className="sr-only">Stored</span>
          </span>
        )}
      </div>
      <div className="flex items-center gap-1">
        <button
          type="button"
          aria-label="Move left"
          title={`Move left (becomes ${refTag(kind, index - 1)})`}
          data-control="move-left"
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
          className={iconButton}
        >
          <ChevronLeftIcon className="size-3.5" />
        </button>
        <button
          type="button"
          data-control="insert"
          disabled={failed}
          onClick={() => onInsert(index)}
          title={`Insert ${tag} at the caret in the prompt`}
          className="flex h-7 min-w-0 flex-1 items-center justify-center rounded-md border border-ink-600 bg-ink-800 px-1 text-xs font-medium text-ink-100 transition-colors hover:border-accent/60 hover:bg-accent/15 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft disabled:opacity-35"
        >
          Insert
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
          <ChevronRightIcon className="size-3.5" />
        </button>
      </div>
    </li>
  );
}
