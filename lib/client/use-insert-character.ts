"use client";

import { type RefObject, useCallback } from "react";
import { toast } from "sonner";
import type { CharacterDTO } from "@/lib/characters/dto";
import type { Draft, DraftAction } from "./draft";
import { readyReference } from "./draft-storage";
import type { ProviderOption } from "./providers";
import { imageLimitWords } from "./reference-files";
import { newReferenceKey } from "./use-reference-files";
import { chosenVersion, type ImageLimit } from "./versions";

/**
 * Inserting a saved character: its images join the tray (as many as the version takes, skipping images
 * already there) and its video the reference videos (where the version takes them), each remembering the
 * character; what did not fit is named.
 */
export function useInsertCharacter(options: {
  draftRef: RefObject<Draft>;
  dispatch: (action: DraftAction) => void;
  refuse: (message: string) => void;
  limitRef: RefObject<ImageLimit>;
  provider: ProviderOption | undefined;
}): (character: CharacterDTO) => void {
  const { draftRef, dispatch, refuse, limitRef, provider } = options;
  return useCallback(
    (character: CharacterDTO) => {
      const draft = draftRef.current;
      const have = new Set(draft.references.map((r) => r.asset?.id));
      const fresh = character.images.filter((i) => !have.has(i.id));
      const room = Math.max(0, limitRef.current.max - draft.references.length);
      const fit = fresh.slice(0, room);
      const left = fresh.slice(room);
      if (fit.length > 0) {
        dispatch({
          type: "references/added",
          items: fit.map(({ position: _p, label, ...asset }) =>
            readyReference(asset, label, newReferenceKey(), character.id),
          ),
        });
      }
      const video = character.video;
      const chosen = chosenVersion(provider, draft.version);
      let videoAdded = false;
      let videoLeft: string | null = null;
      if (video && !draft.videos.some((v) => v.asset?.id === video.id)) {
        const max = chosen?.videos?.max ?? 0;
        if (draft.videos.length < max) {
          dispatch({
            type: "videos/added",
            items: [readyReference(video, video.label, newReferenceKey(), character.id)],
          });
          videoAdded = true;
        } else {
          videoLeft = chosen?.videos
            ? `its video ${video.label} does not fit: ${chosen.label} takes at most ${max} reference videos`
            : `its video ${video.label} was left out: ${chosen?.label ?? "this provider"} takes no reference videos`;
        }
      }
      const notes = [
        left.length > 0
          ? `${fit.length === 0 ? "no image fits" : `only ${fit.length} of ${fresh.length} images fit`}: ${imageLimitWords(limitRef.current)}. Not added: ${left.map((i) => i.label).join(", ")}`
          : "",
        videoLeft ?? "",
      ].filter(Boolean);
      const joined = [
        fit.length > 0 ? `${fit.length} image${fit.length === 1 ? "" : "s"}` : "",
        videoAdded ? "its video" : "",
      ].filter(Boolean);
      if (notes.length > 0) refuse(`${character.name}: ${notes.join("; ")}.`);
      else if (joined.length > 0)
        toast.success(`Inserted ${character.name}`, {
          description: `${joined.join(" and ")} joined the tray. Use their Insert buttons or @ to name them in the prompt.`,
        });
      else toast(`${character.name} is already in the tray`);
    },
    [draftRef, dispatch, refuse, limitRef, provider],
  );
}
