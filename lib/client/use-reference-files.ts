"use client";

import { type RefObject, useCallback, useEffect, useMemo, useRef } from "react";
import { imageTag } from "@/lib/generations/tags";
import { prepareImage } from "./downscale";
import type { Draft, DraftAction, DraftReference } from "./draft";
import {
  defaultReferenceName,
  displayName,
  pastedName,
  refusal,
  stillTooLarge,
  undecodable,
} from "./reference-files";
import { UPLOAD_MAX_BYTES, uploadReference } from "./upload";
import type { ImageLimit } from "./versions";

let referenceSeq = 0;
export const newReferenceKey = () => `ref-${Date.now().toString(36)}-${++referenceSeq}`;

/** Waits (briefly) for the stored thumbnail so swapping the local preview for it does not flash. */
function preload(url: string): Promise<void> {
  return new Promise((resolve) => {
    const img = new Image();
    const done = () => resolve();
    const timer = setTimeout(done, 4_000);
    img.onload = img.onerror = () => {
      clearTimeout(timer);
      done();
    };
    img.src = url;
  });
}

/**
 * Files to references: check (count, size, type), decode, show the tile at once, scale down very large
 * photos, upload with progress, then swap in the stored asset. Anything refused is reported with the
 * file's name and the rule, and changes nothing. `limitRef` holds the chosen version's image limit.
 */
export function useReferenceFiles(
  draftRef: RefObject<Draft>,
  dispatch: (action: DraftAction) => void,
  refuse: (message: string) => void,
  limitRef: RefObject<ImageLimit>,
) {
  const uploads = useRef(new Map<string, AbortController>());
  /** Files between the checks and their tile: they hold a slot too. */
  const decoding = useRef(0);
  /** Names given to pasted images whose tile is not in the draft yet: the next paste skips them too. */
  const pending = useRef(new Set<string>());

  const drop = useCallback(
    (key: string) => {
      uploads.current.get(key)?.abort();
      uploads.current.delete(key);
      dispatch({ type: "references/removed", key });
    },
    [dispatch],
  );

  const upload = useCallback(
    async (ref: DraftReference, file: File) => {
      const controller = new AbortController();
      uploads.current.set(ref.key, controller);
      try {
        const asset = await uploadReference(file, {
          signal: controller.signal,
          onProgress: (progress) => dispatch({ type: "references/progress", key: ref.key, progress }),
        });
        const twin = draftRef.current.references.findIndex((r) => r.asset?.id === asset.id);
        if (twin >= 0) {
          const other = draftRef.current.references[twin]!;
          refuse(`${ref.fileName} was not added: it is the same image as ${imageTag(twin)} (${other.name}).`);
          drop(ref.key);
          return;
        }
        await preload(asset.thumbUrl);
        if (controller.signal.aborted) return;
        dispatch({ type: "references/uploaded", key: ref.key, asset, previewUrl: asset.thumbUrl });
        URL.revokeObjectURL(ref.previewUrl);
      } catch (err) {
        if (controller.signal.aborted) return;
        const message = err instanceof Error ? err.message : "the upload failed.";
        refuse(message.includes(ref.fileName) ? message : `${ref.fileName} was not added: ${message}`);
        drop(ref.key);
      } finally {
        uploads.current.delete(ref.key);
      }
    },
    [dispatch, draftRef, drop, refuse],
  );

  const addOne = useCallback(
    async (file: File, pasted: boolean) => {
      const limit = limitRef.current;
      const slots = limit.max - draftRef.current.references.length - decoding.current;
      const why = refusal(file, slots, limit);
      if (why) return refuse(why);
      decoding.current++;
      const name = displayName(file);
      const fileName = file.name || `pasted-image.${file.type.split("/")[1] ?? "png"}`;
      const draft = draftRef.current;
      const given = pasted
        ? pastedName(
            file.name,
            [...draft.references, ...draft.videos].map((r) => r.name).concat([...pending.current]),
          )
        : null;
      if (given) pending.current.add(given);
      const ref: DraftReference = {
        key: newReferenceKey(),
        name: given ?? defaultReferenceName(file.name || "pasted image"),
        fileName,
        previewUrl: "",
        status: "preparing",
        progress: 0,
        asset: null,
      };
      let shown = false;
      try {
        const prepared = await prepareImage(
          file,
          () => {
            // Known to be an image: the tile appears now, while a big photo is scaled down.
            decoding.current--;
            shown = true;
            ref.previewUrl = URL.createObjectURL(file);
            dispatch({ type: "references/added", items: [{ ...ref }] });
            if (given) pending.current.delete(given);
          },
          UPLOAD_MAX_BYTES,
        );
        const tooLarge = stillTooLarge(file, prepared.file, prepared.scaled ?? prepared.original);
        if (tooLarge) {
          refuse(tooLarge);
          drop(ref.key);
          return;
        }
        const current = draftRef.current.references.find((r) => r.key === ref.key);
        if (!current) return;
        await upload(current, prepared.file);
      } catch {
        if (given) pending.current.delete(given);
        if (!shown) {
          decoding.current--;
          return refuse(undecodable(file));
        }
        refuse(`${name} was not added: it could not be prepared for upload.`);
        drop(ref.key);
      }
    },
    [dispatch, draftRef, drop, refuse, upload, limitRef],
  );

  /** In order: tiles keep the order the files were given in. */
  const addFiles = useCallback(
    async (files: readonly File[], options: { pasted?: boolean } = {}) => {
      for (const file of files) await addOne(file, options.pasted ?? false);
    },
    [addOne],
  );

  const abort = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
  }, []);

  const abortAll = useCallback(() => {
    for (const controller of uploads.current.values()) controller.abort();
    uploads.current.clear();
  }, []);

  useEffect(() => abortAll, [abortAll]);

  return useMemo(() => ({ addFiles, abort, abortAll }), [addFiles, abort, abortAll]);
}
