"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type RefObject, useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import type { AssetDTO } from "@/lib/generations/dto";
import type { AspectRatio } from "@/lib/generations/limits";
import type { ShotDTO } from "@/lib/sequences/dto";
import { shotName } from "@/lib/sequences/shot-request";
import { type Draft, type DraftAction, draftContent, isDraftEmpty } from "./draft";
import { getJson } from "./http";
import { newIdempotencyKey } from "./idempotency";
import { sequenceKeys, shotApi } from "./sequences";
import { contentFromShot, shotContentFromInput } from "./shot-draft";
import { newReferenceKey } from "./use-reference-files";
import type { ShotTarget } from "./validate-draft";

/** The shot being edited, and what the banner says of it. */
export interface EditedShot extends ShotTarget {
  sequenceId: string;
  sequenceTitle: string;
  /** "Shot 2 "Harbour"". */
  name: string;
}

/** Kept for the tab's life, so a reload of the composer stays on the shot (its draft is stored anyway). */
const STORAGE_KEY = "omni-shot-edit";

function readStored(): EditedShot | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as EditedShot) : null;
  } catch {
    return null;
  }
}

function store(shot: EditedShot | null) {
  try {
    if (shot) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(shot));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: the banner lasts until a reload.
  }
}

const edited = (shot: ShotDTO, sequence: { id: string; title: string; aspectRatio: AspectRatio }) => ({
  id: shot.id,
  aspectRatio: sequence.aspectRatio,
  cameraNote: shot.cameraNote,
  dialogue: shot.dialogue,
  sequenceId: sequence.id,
  sequenceTitle: sequence.title,
  name: shotName(shot),
});

/**
 * "Edit in composer" (`/?shot=<id>`): the shot's content replaces the draft (Undo brings the draft back),
 * Generate makes the shot's takes (validate-draft.ts ShotTarget), "Save to shot" writes the draft back
 * to it, and "Back to storyboard" ends the edit.
 */
export function useShotEdit(options: {
  restored: boolean;
  draftRef: RefObject<Draft>;
  dispatch: (action: DraftAction) => void;
  onReplaced: () => void;
}) {
  const { restored, draftRef, dispatch, onReplaced } = options;
  const client = useQueryClient();
  const [shot, setShot] = useState<EditedShot | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setShot(readStored()), []);

  const open = useCallback(
    async (id: string) => {
      try {
        const { shot: s, sequence } = await getJson<{
          shot: ShotDTO;
          sequence: { id: string; title: string; aspectRatio: AspectRatio };
        }>(`/api/shots/${encodeURIComponent(id)}`);
        const ids = [...(s.content.referenceIds ?? []), ...(s.content.referenceVideoIds ?? [])];
        const found = await Promise.all(
          ids.map((a) =>
            getJson<{ asset: AssetDTO }>(`/api/assets/${encodeURIComponent(a)}`).then(
              (r) => r.asset,
              () => null,
            ),
          ),
        );
        const assets = new Map(found.flatMap((a) => (a ? [[a.id, a] as const] : [])));
        const loaded = contentFromShot(s.content, assets, {
          aspectRatio: sequence.aspectRatio,
          fallbackDuration: draftRef.current.duration,
          key: () => newReferenceKey(),
        });
        const previous = { content: draftContent(draftRef.current), key: draftRef.current.idempotencyKey };
        onReplaced();
        dispatch({ type: "draft/replaced", content: loaded.content, idempotencyKey: newIdempotencyKey() });
        const next = edited(s, sequence);
        setShot(next);
        store(next);
        const gone =
          loaded.missing.length > 0 ? ` Left out (no longer stored): ${loaded.missing.join(", ")}.` : "";
        toast.success(`Editing ${next.name}`, {
          description: `From ${sequence.title}.${gone}`,
          action: isDraftEmpty(previous.content)
            ? undefined
            : {
                label: "Undo",
                onClick: () => {
                  dispatch({
                    type: "draft/replaced",
                    content: previous.content,
                    idempotencyKey: previous.key,
                  });
                  setShot(null);
                  store(null);
                },
              },
        });
      } catch (err) {
        toast.error("Could not open that shot", {
          description: err instanceof Error ? err.message : undefined,
        });
      }
    },
    [dispatch, draftRef, onReplaced],
  );

  /** Writes `input` (what Generate would send, without the shot's notes) to the shot. */
  const save = useCallback(
    async (input: Parameters<typeof shotContentFromInput>[0]) => {
      if (!shot || saving) return;
      setSaving(true);
      try {
        await shotApi.update(shot.id, { content: shotContentFromInput(input) });
        void client.invalidateQueries({ queryKey: sequenceKeys.all });
        toast.success(`Saved to ${shot.name}`);
      } catch (err) {
        toast.error(`Not saved to ${shot.name}`, {
          description: err instanceof Error ? err.message : undefined,
        });
      } finally {
        setSaving(false);
      }
    },
    [client, shot, saving],
  );

  const leave = useCallback(() => {
    setShot(null);
    store(null);
  }, []);

  return { shot, open, save, saving, leave, ready: restored };
}
