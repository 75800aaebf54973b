"use client";

import { type RefObject, useCallback, useState } from "react";
import { toast } from "sonner";
import type { CharacterDTO } from "@/lib/characters/dto";
import { mainFirst, withVoice } from "./character-pick";
import type { Draft, DraftAction } from "./draft";
import { readyReference } from "./draft-storage";
import type { ProviderOption } from "./providers";
import { imageLimitWords } from "./reference-files";
import { newReferenceKey } from "./use-reference-files";
import { chosenVersion, type ImageLimit } from "./versions";

/** What the insert dialog settled on: the images to add, the tray references to drop, the voice line. */
export interface InsertChoice {
  add: CharacterDTO["images"];
  remove: string[];
  voice: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Inserting a saved character. `request` opens the insert dialog (components/composer/
 * insert-character-dialog.tsx) for it; `apply` does what the dialog settled on: the marked references
 * leave (their tags with them), the picked images join the tray (skipping any already there), its video
 * joins the reference videos where the version takes them, and its voice note the prompt when asked.
 * `forMention` is the `@` menu's way in: the tags of its images in the tray, adding its main image first
 * when none is there.
 */
export function useInsertCharacter(options: {
  draftRef: RefObject<Draft>;
  dispatch: (action: DraftAction) => void;
  refuse: (message: string) => void;
  limitRef: RefObject<ImageLimit>;
  provider: ProviderOption | undefined;
  /** Stops a reference's upload before it is removed. */
  abort: (key: string) => void;
}) {
  const { draftRef, dispatch, refuse, limitRef, provider, abort } = options;
  const [pending, setPending] = useState<CharacterDTO | null>(null);

  /** Where its video would go: null when it has none or it is in the draft already. */
  const videoFate = useCallback(
    (character: CharacterDTO): { joins: boolean; words: string } | null => {
      const draft = draftRef.current;
      const video = character.video;
      if (!video || draft.videos.some((v) => v.asset?.id === video.id)) return null;
      const chosen = chosenVersion(provider, draft.version);
      const max = chosen?.videos?.max ?? 0;
      if (draft.videos.length < max) return { joins: true, words: `Its video ${video.label} joins too.` };
      return {
        joins: false,
        words: chosen?.videos
          ? `its video ${video.label} does not fit: ${chosen.label} takes at most ${max} reference videos`
          : `its video ${video.label} was left out: ${chosen?.label ?? "this provider"} takes no reference videos`,
      };
    },
    [draftRef, provider],
  );

  const apply = useCallback(
    (character: CharacterDTO, choice: InsertChoice) => {
      setPending(null);
      for (const key of choice.remove) {
        abort(key);
        dispatch({ type: "references/removed", key });
      }
      const draft = draftRef.current;
      const have = new Set(draft.references.map((r) => r.asset?.id));
      const fresh = choice.add.filter((i) => !have.has(i.id));
      // The dialog made room; the slice only guards a tray that changed behind it.
      const fit = fresh.slice(0, Math.max(0, limitRef.current.max - draft.references.length));
      if (fit.length > 0) {
        dispatch({
          type: "references/added",
          items: fit.map(({ position: _p, label, ...asset }) =>
            readyReference(asset, label, newReferenceKey(), character.id),
          ),
        });
      }
      const fate = videoFate(character);
      if (fate?.joins && character.video) {
        const { video } = character;
        dispatch({
          type: "videos/added",
          items: [readyReference(video, video.label, newReferenceKey(), character.id)],
        });
      }
      let voiced = false;
      if (choice.voice) {
        const before = draftRef.current.prompt;
        const prompt = withVoice(before, character.name, character.voiceNote);
        if (prompt !== before) {
          const caret = draftRef.current.caret;
          dispatch({
            type: "prompt/edited",
            prompt,
            before: { start: caret.start, end: caret.end },
            after: { start: prompt.length, end: prompt.length },
            kind: "other",
            at: Date.now(),
          });
          voiced = true;
        }
      }
      const left = fresh.slice(fit.length);
      const notes = [
        left.length > 0
          ? `${plural(left.length, "image")} did not fit: ${imageLimitWords(limitRef.current)}. Not added: ${left.map((i) => i.label).join(", ")}`
          : "",
        fate && !fate.joins ? fate.words : "",
      ].filter(Boolean);
      const joined = [
        fit.length > 0 ? `${plural(fit.length, "image")} joined the tray` : "",
        choice.remove.length > 0 ? `${plural(choice.remove.length, "reference")} left it` : "",
        fate?.joins ? "its video joined the reference videos" : "",
        voiced ? "its voice joined the prompt" : "",
      ].filter(Boolean);
      if (joined.length > 0)
        toast.success(`Inserted ${character.name}`, {
          description: `${joined.join("; ")}. Use their Insert buttons or @ to name them in the prompt.`,
        });
      else if (notes.length === 0) toast(`${character.name} is already in the tray`);
      if (notes.length > 0) refuse(`${character.name}: ${notes.join("; ")}.`);
    },
    [draftRef, dispatch, refuse, limitRef, abort, videoFate],
  );

  /**
   * The `@` menu chose a character: the image indices to tag, main first. Its images in the tray, else its
   * main image added (null, with the reason shown, when the tray has no room).
   */
  const forMention = useCallback(
    (character: CharacterDTO): number[] | null => {
      const draft = draftRef.current;
      const ordered = mainFirst(character);
      const indexOf = (id: string) => draft.references.findIndex((r) => r.asset?.id === id);
      const present = ordered.map((i) => indexOf(i.id)).filter((n) => n >= 0);
      if (present.length > 0) return present;
      const main = ordered[0];
      if (!main) return null;
      if (draft.references.length >= limitRef.current.max) {
        refuse(
          `${character.name} was not added: ${imageLimitWords(limitRef.current)}. Remove a reference first, or use Insert character to choose what goes.`,
        );
        return null;
      }
      const { position: _p, label, ...asset } = main;
      dispatch({
        type: "references/added",
        items: [readyReference(asset, label, newReferenceKey(), character.id)],
      });
      return [draft.references.length];
    },
    [draftRef, dispatch, refuse, limitRef],
  );

  return {
    /** The character whose insert dialog is open, or null. */
    pending,
    request: setPending as (character: CharacterDTO) => void,
    cancel: useCallback(() => setPending(null), []),
    apply,
    videoFate,
    forMention,
  };
}
