"use client";

import { type FileRejection, useDropzone } from "react-dropzone";
import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { UploadIcon, XIcon } from "@/components/ui/icons";
import type { DraftReference } from "@/lib/client/draft";
import { formatBytes } from "@/lib/client/format";
import { UPLOAD_ACCEPT, UPLOAD_MAX_BYTES } from "@/lib/client/upload";
import type { Notice } from "@/lib/client/use-composer";
import { MAX_REFERENCES } from "@/lib/generations/schema";
import { ReferenceTile } from "./reference-tile";

export interface ReferenceTrayProps {
  references: DraftReference[];
  notices: Notice[];
  error?: string;
  onFiles: (files: File[]) => void;
  onRejected: (message: string) => void;
  onDismissNotice: (id: number) => void;
  onInsert: (index: number) => void;
  onRemove: (key: string) => void;
}

function rejectionMessage({ file, errors }: FileRejection): string {
  const codes = errors.map((e) => e.code);
  if (codes.includes("file-invalid-type")) {
    return `${file.name} was not added: references must be PNG, JPEG or WebP images.`;
  }
  if (codes.includes("file-too-large")) {
    return `${file.name} was not added: it is ${formatBytes(file.size)} and the limit is 20 MB.`;
  }
  return `${file.name} was not added: ${errors[0]?.message ?? "it cannot be read."}`;
}

/** The drop zone (drop, click Add, or paste) and the ordered reference tiles. */
export function ReferenceTray(props: ReferenceTrayProps) {
  const { references, notices, error, onFiles, onRejected, onDismissNotice, onInsert, onRemove } = props;
  const full = references.length >= MAX_REFERENCES;
  const { getRootProps, getInputProps, isDragActive, isDragReject, open } = useDropzone({
    accept: UPLOAD_ACCEPT,
    maxSize: UPLOAD_MAX_BYTES,
    multiple: true,
    // Click and keyboard go through the explicit Add button, so tiles' own buttons stay clickable.
    noClick: true,
    noKeyboard: true,
    onDrop: (accepted, rejected) => {
      if (accepted.length > 0) onFiles(accepted);
      for (const r of rejected) onRejected(rejectionMessage(r));
    },
  });
  const empty = references.length === 0;

  return (
    <section aria-labelledby="references-heading" className="flex flex-col gap-2.5">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="references-heading" className="text-sm font-medium text-ink-100">
          References
        </h2>
        <span className="text-xs text-ink-400 tabular-nums" data-testid="reference-count">
          {references.length} / {MAX_REFERENCES}
        </span>
      </div>
      <div
        {...getRootProps({
          "data-testid": "dropzone",
          className: cn(
            "rounded-xl border border-dashed p-2.5 transition-colors",
            isDragActive && !isDragReject && "border-accent bg-accent/10",
            isDragReject && "border-danger bg-danger/10",
            !isDragActive && "border-ink-600 bg-ink-950/40",
          ),
        })}
      >
        <input {...getInputProps({ "aria-label": "Reference images" } as object)} />
        {empty ? (
          <button
            type="button"
            onClick={open}
            className="flex w-full flex-col items-center gap-2 rounded-lg px-4 py-6 text-center transition-colors hover:bg-ink-800/60 focus-visible:outline-2 focus-visible:outline-accent-soft"
          >
            <span className="flex size-10 items-center justify-center rounded-full bg-accent/15 text-accent-soft">
              <UploadIcon className="size-5" />
            </span>
            <span className="text-sm font-medium text-ink-100">
              {isDragActive ? "Drop to add" : "Drop 1 to 5 images, or browse"}
            </span>
            <span className="text-xs text-ink-400">
              PNG, JPEG or WebP up to 20 MB. A character, a place, a look.
            </span>
          </button>
        ) : (
          <ul className="grid grid-cols-3 gap-2.5">
            {references.map((ref, i) => (
              <ReferenceTile
                key={ref.key}
                reference={ref}
                index={i}
                onInsert={onInsert}
                onRemove={onRemove}
              />
            ))}
            {!full && (
              <li className="flex">
                <button
                  type="button"
                  onClick={open}
                  className="flex aspect-square w-full flex-col items-center justify-center gap-1.5 rounded-lg border border-ink-700 border-dashed text-ink-400 transition-colors hover:border-ink-400 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
                >
                  <UploadIcon className="size-5" />
                  <span className="text-xs font-medium">Add image</span>
                  <span className="text-[11px]">{MAX_REFERENCES - references.length} left</span>
                </button>
              </li>
            )}
          </ul>
        )}
      </div>
      {error && <FieldMessage data-testid="references-error">{error}</FieldMessage>}
      {notices.length > 0 && (
        <ul className="flex flex-col gap-1.5" data-testid="upload-notices">
          {notices.map((n) => (
            <li
              key={n.id}
              role="alert"
              className="flex items-start gap-2 rounded-lg border border-danger/30 bg-danger/10 py-1.5 pr-1.5 pl-3 text-xs leading-5 text-danger"
            >
              <span className="min-w-0 flex-1 break-words">{n.message}</span>
              <button
                type="button"
                aria-label="Dismiss"
                onClick={() => onDismissNotice(n.id)}
                className="rounded p-0.5 text-danger/80 hover:bg-danger/20 hover:text-danger focus-visible:outline-2 focus-visible:outline-danger"
              >
                <XIcon className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
