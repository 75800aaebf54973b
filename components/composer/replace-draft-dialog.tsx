"use client";

import { PromptWithChips } from "@/components/gallery/prompt-chips";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { referenceWords } from "@/lib/client/format";
import type { GenerationDTO } from "@/lib/generations/dto";

export interface ReplaceDraftDialogProps {
  source: GenerationDTO | null;
  /** Set for "Continue from here": what the new draft starts from ("the last frame", "frame 0:03.2"). */
  continuing?: string;
  onReplace: () => void;
  onKeep: () => void;
}

/** Asks before a clip's settings overwrite a draft (a modal <dialog>: focus is kept inside, Esc keeps). */
export function ReplaceDraftDialog({ source, continuing, onReplace, onKeep }: ReplaceDraftDialogProps) {
  return (
    <Modal
      open={source !== null}
      onClose={onKeep}
      aria-labelledby="replace-draft-title"
      aria-describedby="replace-draft-body"
      data-testid="replace-draft-dialog"
      className="w-[min(28rem,calc(100vw-2rem))]"
    >
      {source && (
        <div className="flex flex-col gap-4 p-5">
          <h2 id="replace-draft-title" className="text-base font-semibold">
            Replace your current draft?
          </h2>
          <div id="replace-draft-body" className="flex flex-col gap-2 text-sm text-ink-300">
            {continuing ? (
              <p>
                This starts the next shot from {continuing} of the clip, beside its {referenceWords(source)},
                with its settings ({source.duration} s, {source.aspectRatio}). Your current prompt and
                references will be replaced; you can undo right after.
              </p>
            ) : (
              <p>
                This loads the prompt, {referenceWords(source)} and settings ({source.duration} s,{" "}
                {source.aspectRatio}
                {source.takeCount > 1 ? `, ${source.takeCount} takes` : ""}) of the clip into the composer.
                Your current prompt and references will be replaced; you can undo right after.
              </p>
            )}
            {source.prompt && (
              // Its tags as the named chips every other view shows, cut to three lines.
              <p
                className="line-clamp-3 rounded-lg border border-ink-700 bg-ink-950/50 px-3 py-2 text-xs leading-6 break-words text-ink-300"
                data-testid="replace-draft-prompt"
              >
                <PromptWithChips
                  prompt={source.prompt}
                  references={source.references}
                  videos={source.referenceVideos}
                />
              </p>
            )}
          </div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onKeep} autoFocus>
              Keep my draft
            </Button>
            <Button variant="primary" onClick={onReplace}>
              Replace
            </Button>
          </div>
        </div>
      )}
    </Modal>
  );
}
