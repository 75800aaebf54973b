"use client";

import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { GenerationDTO } from "@/lib/generations/dto";
import { profilesOf, RESOLUTION_LABELS } from "@/lib/models/profiles";
import { type Draft, type DraftAction, type DraftContent, draftContent, isDraftEmpty } from "./draft";
import { contentFromGeneration } from "./draft-storage";
import { referenceWords } from "./format";
import { getJson } from "./http";
import { newIdempotencyKey } from "./idempotency";
import { newReferenceKey } from "./use-reference-files";

/** "1080p on Omni Flash 1.2", or "720p" for a clip of its provider's first version. */
function versionWords(g: GenerationDTO): string {
  const tier = RESOLUTION_LABELS[g.resolution] ?? g.resolution;
  return profilesOf(g.provider)[0]?.id === g.modelVersion ? tier : `${tier} on ${g.modelLabel}`;
}

/**
 * "Use these settings": a clip's inputs (its version and tier too) replace the draft, after asking when
 * there is one to lose, with an Undo. `onReplaced` runs before the draft changes (uploads are aborted,
 * the duration counts as chosen).
 */
export function useClipSettings(options: {
  restored: boolean;
  draftRef: RefObject<Draft>;
  dispatch: (action: DraftAction) => void;
  onReplaced: () => void;
}) {
  const { restored, draftRef, dispatch, onReplaced } = options;
  const [useId, setUseId] = useState<string | null>(null);
  const [pendingReplace, setPendingReplace] = useState<{
    content: DraftContent;
    source: GenerationDTO;
  } | null>(null);
  const replaceDraft = useCallback(
    (content: DraftContent, source: GenerationDTO) => {
      const previous = { content: draftContent(draftRef.current), key: draftRef.current.idempotencyKey };
      onReplaced();
      dispatch({ type: "draft/replaced", content, idempotencyKey: newIdempotencyKey() });
      const empty = isDraftEmpty(previous.content);
      toast.success("Settings loaded into the composer", {
        description: `${referenceWords(source)}, ${source.duration} s, ${source.aspectRatio}, ${versionWords(source)}.`,
        action: empty
          ? undefined
          : {
              label: "Undo",
              onClick: () =>
                dispatch({ type: "draft/replaced", content: previous.content, idempotencyKey: previous.key }),
            },
      });
    },
    [dispatch, draftRef, onReplaced],
  );
  const replaceRef = useRef(replaceDraft);
  replaceRef.current = replaceDraft;
  useEffect(() => {
    if (!restored || !useId) return;
    const controller = new AbortController();
    getJson<{ generation: GenerationDTO }>(`/api/generations/${encodeURIComponent(useId)}`, controller.signal)
      .then(({ generation }) => {
        const content = contentFromGeneration(generation, () => newReferenceKey());
        if (isDraftEmpty(draftRef.current)) replaceRef.current(content, generation);
        else setPendingReplace({ content, source: generation });
        setUseId(null);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setUseId(null);
        toast.error("Could not load that clip's settings", {
          description: err instanceof Error ? err.message : undefined,
        });
      });
    return () => controller.abort();
  }, [restored, useId, draftRef]);
  const confirmReplace = useCallback(() => {
    if (pendingReplace) replaceDraft(pendingReplace.content, pendingReplace.source);
    setPendingReplace(null);
  }, [pendingReplace, replaceDraft]);
  const keepDraft = useCallback(() => setPendingReplace(null), []);

  return { requestUse: setUseId, pendingReplace, confirmReplace, keepDraft };
}
