"use client";

import { type Dispatch, useCallback, useEffect, useRef, useState } from "react";
import { useDropzone } from "react-dropzone";
import { cn } from "@/components/ui/cn";
import { ChevronLeftIcon, ChevronRightIcon, UploadIcon, XIcon } from "@/components/ui/icons";
import {
  type CharacterImageItem,
  type CharacterImagesAction,
  type CharacterImagesState,
  keepRefusal,
  MAX_CHARACTER_IMAGES,
  mainKey,
  roomLeft,
} from "@/lib/client/character-images";
import { prepareImage } from "@/lib/client/downscale";
import {
  defaultReferenceName,
  displayName,
  refusal,
  stillTooLarge,
  undecodable,
} from "@/lib/client/reference-files";
import { UPLOAD_ACCEPT, UPLOAD_MAX_BYTES, uploadReference } from "@/lib/client/upload";

let uploadSeq = 0;

/**
 * Files to a character's images: checked (room, type, size) and refused by name with the rule, scaled
 * down like the composer's references, uploaded with progress. Returns `add` for dropped or chosen files
 * and `cancel` for one upload; every upload stops when the dialog closes.
 */
function useImageUploads(
  state: CharacterImagesState,
  dispatch: Dispatch<CharacterImagesAction>,
  refuse: (message: string) => void,
) {
  const stateRef = useRef(state);
  stateRef.current = state;
  const uploads = useRef(new Map<string, AbortController>());
  useEffect(() => {
    const live = uploads.current;
    return () => {
      for (const c of live.values()) c.abort();
    };
  }, []);

  const addOne = useCallback(
    async (file: File) => {
      const name = displayName(file);
      if (roomLeft(stateRef.current) <= 0) {
        return refuse(`${name} was not added: a character has at most ${MAX_CHARACTER_IMAGES} images.`);
      }
      const why = refusal(file, 1);
      if (why) return refuse(why);
      const key = `upload-${++uploadSeq}`;
      const item: CharacterImageItem = {
        key,
        assetId: null,
        label: defaultReferenceName(file.name || "image"),
        thumbUrl: URL.createObjectURL(file),
        progress: 0,
        kept: true,
      };
      // The slot is taken at once, so files dropped together are counted against the five together.
      dispatch({ type: "added", items: [item] });
      stateRef.current = { ...stateRef.current, items: [...stateRef.current.items, item] };
      const controller = new AbortController();
      uploads.current.set(key, controller);
      const drop = (message: string) => {
        refuse(message);
        dispatch({ type: "removed", key });
      };
      try {
        const prepared = await prepareImage(file, undefined, UPLOAD_MAX_BYTES).catch(() => null);
        if (!prepared) return drop(undecodable(file));
        const tooLarge = stillTooLarge(file, prepared.file, prepared.scaled ?? prepared.original);
        if (tooLarge) return drop(tooLarge);
        const asset = await uploadReference(prepared.file, {
          signal: controller.signal,
          onProgress: (progress) => dispatch({ type: "progress", key, progress }),
        });
        const twin = stateRef.current.items.find((i) => i.assetId === asset.id);
        if (twin) return drop(`${name} was not added: it is the same image as ${twin.label}.`);
        dispatch({ type: "uploaded", key, assetId: asset.id, thumbUrl: asset.thumbUrl });
        URL.revokeObjectURL(item.thumbUrl);
      } catch (err) {
        if (controller.signal.aborted) return;
        const message = err instanceof Error ? err.message : "the upload failed.";
        drop(message.includes(name) ? message : `${name} was not added: ${message}`);
      } finally {
        uploads.current.delete(key);
      }
    },
    [dispatch, refuse],
  );

  const add = useCallback(
    async (files: readonly File[]) => {
      for (const file of files) await addOne(file);
    },
    [addOne],
  );
  const cancel = useCallback(
    (key: string) => {
      uploads.current.get(key)?.abort();
      uploads.current.delete(key);
      dispatch({ type: "removed", key });
    },
    [dispatch],
  );
  return { add, cancel };
}

const arrow =
  "flex size-6 items-center justify-center rounded-md text-ink-300 hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft disabled:pointer-events-none disabled:opacity-30";

/**
 * A character's images as tiles: keep or leave out, reorder, choose the main image; drop files on it or
 * add them with the button. `initialFiles` (dropped on the library page) are added as it opens.
 */
export function CharacterImagesField({
  state,
  dispatch,
  initialFiles,
}: {
  state: CharacterImagesState;
  dispatch: Dispatch<CharacterImagesAction>;
  initialFiles?: readonly File[];
}) {
  const [problems, setProblems] = useState<string[]>([]);
  const refuse = useCallback((m: string) => setProblems((p) => [...p.slice(-2), m]), []);
  const { add, cancel } = useImageUploads(state, dispatch, refuse);
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !initialFiles?.length) return;
    started.current = true;
    void add(initialFiles);
  }, [add, initialFiles]);

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    accept: UPLOAD_ACCEPT as unknown as Record<string, string[]>,
    multiple: true,
    noClick: true,
    noKeyboard: true,
    onDrop: (accepted, rejected) => {
      setProblems([]);
      void add([...accepted, ...rejected.map((r) => r.file)]);
    },
  });
  const main = mainKey(state);
  const kept = state.items.filter((i) => i.kept).length;

  return (
    <fieldset
      {...getRootProps({
        className: cn(
          "-mx-2 flex flex-col gap-2 rounded-lg border border-dashed p-2 transition-colors",
          isDragActive ? "border-accent-soft bg-accent/10" : "border-transparent",
        ),
      })}
      data-testid="character-images"
    >
      <input {...getInputProps()} aria-label="Add images to the character" />
      <legend className="mb-1 flex w-full items-center gap-2 text-sm font-medium">
        Images{" "}
        <span className="font-normal text-ink-400">
          ({kept < state.items.length ? `${kept} of ${state.items.length} kept, ` : `${kept}, `}at most{" "}
          {MAX_CHARACTER_IMAGES})
        </span>
      </legend>
      {state.items.length === 0 ? (
        <button
          type="button"
          onClick={open}
          className="flex flex-col items-center gap-1 rounded-lg border border-ink-600 border-dashed px-4 py-6 text-sm text-ink-300 hover:border-accent-soft hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
        >
          <UploadIcon className="size-5" />
          Drop 1 to {MAX_CHARACTER_IMAGES} images here, or choose files
          <span className="text-xs text-ink-400">
            PNG, JPEG or WebP: faces, outfits, angles of one character
          </span>
        </button>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {state.items.map((item, n) => (
            <ImageTile
              key={item.key}
              item={item}
              first={n === 0}
              last={n === state.items.length - 1}
              isMain={item.key === main}
              dispatch={dispatch}
              onCancel={() => cancel(item.key)}
              refuse={refuse}
              state={state}
            />
          ))}
          {roomLeft(state) > 0 && (
            <li>
              <button
                type="button"
                onClick={open}
                aria-label="Add images"
                className="flex size-16 flex-col items-center justify-center gap-0.5 rounded-lg border border-ink-600 border-dashed text-[11px] text-ink-300 hover:border-accent-soft hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
              >
                <UploadIcon className="size-4" />
                Add
              </button>
            </li>
          )}
        </ul>
      )}
      {isDragActive && <p className="text-xs text-accent-soft">Drop to add them to the character</p>}
      {problems.length > 0 && (
        <ul role="alert" className="flex flex-col gap-0.5 text-xs text-danger">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {state.items.length > 1 && (
        <p className="text-xs text-ink-400">
          The main image stands for the character and is what “Main image only” inserts.
        </p>
      )}
    </fieldset>
  );
}

function ImageTile({
  item,
  first,
  last,
  isMain,
  dispatch,
  onCancel,
  refuse,
  state,
}: {
  item: CharacterImageItem;
  first: boolean;
  last: boolean;
  isMain: boolean;
  dispatch: Dispatch<CharacterImagesAction>;
  onCancel: () => void;
  refuse: (m: string) => void;
  state: CharacterImagesState;
}) {
  const uploading = item.assetId === null;
  return (
    <li className="flex w-16 flex-col gap-1" data-testid="character-image" data-main={isMain || undefined}>
      <span className="relative">
        {/* biome-ignore lint/performance/noImgElement: local previews and our own thumbnails */}
        <img
          src={item.thumbUrl}
          alt=""
          width={64}
          height={64}
          className={cn(
            "size-16 rounded-lg border object-cover transition-opacity",
            isMain
              ? "border-accent ring-2 ring-accent/50"
              : item.kept
                ? "border-accent-soft"
                : "border-ink-700",
            (!item.kept || uploading) && "opacity-40",
          )}
        />
        {uploading ? (
          <>
            <span className="absolute inset-x-1 bottom-1 h-1 overflow-hidden rounded-full bg-ink-700">
              <span
                className="block h-full bg-accent"
                style={{ width: `${Math.round(item.progress * 100)}%` }}
              />
            </span>
            <button
              type="button"
              onClick={onCancel}
              aria-label={`Cancel the upload of ${item.label}`}
              className="absolute top-0.5 right-0.5 flex size-5 items-center justify-center rounded-full bg-ink-950/80 text-ink-100"
            >
              <XIcon className="size-3" />
            </button>
          </>
        ) : (
          <input
            type="checkbox"
            checked={item.kept}
            aria-label={`Keep ${item.label}`}
            onChange={() => {
              const why = keepRefusal(state, item.key);
              if (why) refuse(why);
              else dispatch({ type: "toggled", key: item.key });
            }}
            className="absolute top-1 left-1 size-4 cursor-pointer accent-accent"
          />
        )}
        {isMain && (
          <span className="absolute right-1 bottom-1 rounded bg-accent px-1 text-[10px] font-semibold text-white">
            Main
          </span>
        )}
      </span>
      <span className={cn("truncate text-[11px]", item.kept ? "text-ink-300" : "text-ink-400 line-through")}>
        {item.label}
      </span>
      <span className="flex items-center justify-between">
        <button
          type="button"
          className={arrow}
          disabled={first}
          aria-label={`Move ${item.label} earlier`}
          onClick={() => dispatch({ type: "moved", key: item.key, by: -1 })}
        >
          <ChevronLeftIcon className="size-3.5" />
        </button>
        <label className="flex cursor-pointer items-center" title="Main image">
          <input
            type="radio"
            name="character-main"
            checked={isMain}
            disabled={uploading}
            aria-label={`Main image: ${item.label}`}
            onChange={() => {
              const why = item.kept ? null : keepRefusal(state, item.key);
              if (why) refuse(why);
              else dispatch({ type: "main", key: item.key });
            }}
            className="size-3.5 cursor-pointer accent-accent"
          />
        </label>
        <button
          type="button"
          className={arrow}
          disabled={last}
          aria-label={`Move ${item.label} later`}
          onClick={() => dispatch({ type: "moved", key: item.key, by: 1 })}
        >
          <ChevronRightIcon className="size-3.5" />
        </button>
      </span>
    </li>
  );
}
