"use client";

import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";
import { profilesOf, RESOLUTION_LABELS } from "@/lib/models/profiles";
import { continuationContent } from "./continuation";
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

/** What a page asked the composer to load: a clip's settings, or the next shot from one of its frames. */
type Request = { clipId: string; frameId?: string; videoId?: string };

/**
 * `?continue=<clip>.<frame asset>[.<video asset>]` ("Continue from here", the video being the clip's last
 * seconds) as a request; null when malformed.
 */
function continueRequest(value: string): Request | null {
  const [clipId, frameId, videoId, ...rest] = value.split(".");
  if (!clipId || !frameId || rest.length > 0 || videoId === "") return null;
  return videoId ? { clipId, frameId, videoId } : { clipId, frameId };
}

/** The draft content a request loads, and how the toast describes it. */
async function load(request: Request, signal: AbortSignal) {
  const clipUrl = `/api/generations/${encodeURIComponent(request.clipId)}`;
  const { generation } = await getJson<{ generation: GenerationDTO }>(clipUrl, signal);
  if (!request.frameId) {
    const content = contentFromGeneration(generation, () => newReferenceKey());
    return { content, source: generation, title: "Settings loaded into the composer", left: [] as string[] };
  }
  const assetOf = (id: string) =>
    getJson<{ asset: AssetDTO }>(`/api/assets/${encodeURIComponent(id)}`, signal).then((r) => r.asset);
  const [asset, tail] = await Promise.all([
    assetOf(request.frameId),
    request.videoId ? assetOf(request.videoId) : undefined,
  ]);
  const next = continuationContent(generation, asset, () => newReferenceKey(), tail);
  return {
    content: next.content,
    source: generation,
    title: `Continuing from the ${next.name === "Last frame" ? "last frame" : next.name.toLowerCase()}`,
    continuing: `the ${next.name === "Last frame" ? "last frame" : next.name.toLowerCase()}`,
    left: next.left,
  };
}

/**
 * "Use these settings": a clip's inputs (its version and tier too) replace the draft, after asking when
 * there is one to lose, with an Undo. "Continue from here" does the same with the next shot's draft: the
 * clip's frame first among its references, the prompt opening with the hint to continue. `onReplaced`
 * runs before the draft changes (uploads are aborted, the duration counts as chosen).
 */
export function useClipSettings(options: {
  restored: boolean;
  draftRef: RefObject<Draft>;
  dispatch: (action: DraftAction) => void;
  onReplaced: () => void;
}) {
  const { restored, draftRef, dispatch, onReplaced } = options;
  const [request, setRequest] = useState<Request | null>(null);
  const [pendingReplace, setPendingReplace] = useState<{
    content: DraftContent;
    source: GenerationDTO;
    title: string;
    continuing?: string;
    left: string[];
  } | null>(null);
  const replaceDraft = useCallback(
    (content: DraftContent, source: GenerationDTO, title: string, left: string[]) => {
      const previous = { content: draftContent(draftRef.current), key: draftRef.current.idempotencyKey };
      onReplaced();
      dispatch({ type: "draft/replaced", content, idempotencyKey: newIdempotencyKey() });
      const empty = isDraftEmpty(previous.content);
      const notFit = left.length > 0 ? ` Left out (the version's limit): ${left.join(", ")}.` : "";
      toast.success(title, {
        description: `${referenceWords(source)}, ${source.duration} s, ${source.aspectRatio}, ${versionWords(source)}.${notFit}`,
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
    if (!restored || !request) return;
    const controller = new AbortController();
    load(request, controller.signal)
      .then((loaded) => {
        if (isDraftEmpty(draftRef.current))
          replaceRef.current(loaded.content, loaded.source, loaded.title, loaded.left);
        else setPendingReplace(loaded);
        setRequest(null);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setRequest(null);
        toast.error(
          request.frameId ? "Could not continue from that clip" : "Could not load that clip's settings",
          {
            description: err instanceof Error ? err.message : undefined,
          },
        );
      });
    return () => controller.abort();
  }, [restored, request, draftRef]);
  const confirmReplace = useCallback(() => {
    if (pendingReplace)
      replaceDraft(pendingReplace.content, pendingReplace.source, pendingReplace.title, pendingReplace.left);
    setPendingReplace(null);
  }, [pendingReplace, replaceDraft]);
  const keepDraft = useCallback(() => setPendingReplace(null), []);
  const requestUse = useCallback((clipId: string) => setRequest({ clipId }), []);
  const requestContinue = useCallback((value: string) => {
    const parsed = continueRequest(value);
    if (parsed) setRequest(parsed);
    else
      toast.error("That continue link is malformed", {
        description: "Open the clip and press Continue from here again.",
      });
  }, []);

  return { requestUse, requestContinue, pendingReplace, confirmReplace, keepDraft };
}
