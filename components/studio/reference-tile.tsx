import { Button } from "@/components/ui/button";
import { PlusIcon, XIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { DraftReference } from "@/lib/client/draft";
import { imageTag } from "@/lib/generations/tags";

export interface ReferenceTileProps {
  reference: DraftReference;
  index: number;
  onInsert: (index: number) => void;
  onRemove: (key: string) => void;
}

/** One reference image: thumbnail (local at once, then stored), the tag it binds to, Insert and Remove. */
export function ReferenceTile({ reference, index, onInsert, onRemove }: ReferenceTileProps) {
  const tag = imageTag(index);
  const uploading = reference.status === "uploading";
  const sent = reference.progress >= 1;
  return (
    <li
      data-testid="reference-tile"
      data-status={reference.status}
      aria-label={`${tag} ${reference.fileName}`}
      className="group flex min-w-0 flex-col gap-1.5"
    >
      <div className="relative aspect-square overflow-hidden rounded-lg border border-ink-700 bg-ink-800">
        {/* biome-ignore lint/performance/noImgElement: a local object URL, not an optimizable asset */}
        <img
          src={reference.previewUrl}
          alt={reference.fileName}
          className={`size-full object-cover transition-opacity ${uploading ? "opacity-50" : ""}`}
        />
        {uploading && (
          <div className="absolute inset-x-0 bottom-0 flex flex-col gap-1 bg-gradient-to-t from-black/80 to-transparent p-2 pt-6">
            <span className="text-[11px] font-medium text-white tabular-nums">
              {sent ? "Checking…" : `Uploading ${Math.round(reference.progress * 100)}%`}
            </span>
            <ProgressBar value={sent ? null : reference.progress} label={`Uploading ${reference.fileName}`} />
          </div>
        )}
        <button
          type="button"
          aria-label="Remove"
          title={`Remove ${reference.fileName}`}
          onClick={() => onRemove(reference.key)}
          className="absolute top-1.5 right-1.5 flex size-7 items-center justify-center rounded-full border border-white/15 bg-black/60 text-white backdrop-blur transition-colors hover:bg-danger focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft"
        >
          <XIcon className="size-3.5" />
        </button>
      </div>
      <code
        data-testid="reference-tag"
        className="self-start whitespace-nowrap rounded bg-accent/15 px-1 py-0.5 font-mono text-[10px] text-accent-soft sm:px-1.5 sm:text-[11px]"
        title={`${reference.fileName} is ${tag} in the prompt`}
      >
        {tag}
      </code>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => onInsert(index)}
        title={`Insert ${tag} at the caret in the prompt`}
        className="w-full"
      >
        <PlusIcon className="size-3.5" />
        Insert
      </Button>
    </li>
  );
}
