"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useReducer, useState } from "react";
import { toast } from "sonner";
import { createCharacterAction, updateCharacterAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Modal } from "@/components/ui/modal";
import { Spinner } from "@/components/ui/spinner";
import type { CharacterDTO } from "@/lib/characters/dto";
import { MAX_VOICE_NOTE_CHARS } from "@/lib/characters/schema";
import { characterImagesReducer, imagesToSave, initialImages } from "@/lib/client/character-images";
import { reviewKeys } from "@/lib/client/review";
import { CharacterImagesField } from "./character-images-field";
import { CharacterVideoField } from "./character-video";
import { offerShotRefresh } from "./shot-refresh-offer";

export interface CharacterImage {
  assetId: string;
  label: string;
  thumbUrl: string;
}

const field =
  "w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-sm text-ink-100 placeholder:text-ink-400 hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40";

/**
 * Name (and describe) a set of images as a character: new from the library (empty, or the files dropped
 * there), from the tray or a clip, or an edit of one. Images can be added, left out (a clip's place or
 * texture is not its character), reordered, and one chosen as main; a voice note says how it sounds.
 * A modal dialog; open while `images` is set.
 */
export function CharacterDialog({
  images,
  files,
  editing,
  onClose,
  onSaved,
}: {
  images: CharacterImage[] | null;
  /** Image files to upload into a new character as it opens (dropped on the library page). */
  files?: readonly File[];
  editing?: CharacterDTO;
  onClose: () => void;
  onSaved?: (c: CharacterDTO) => void;
}) {
  return (
    <Modal
      open={images !== null}
      onClose={onClose}
      aria-labelledby="character-dialog-title"
      data-testid="character-dialog"
      className="w-[min(30rem,calc(100vw-2rem))]"
    >
      {images && (
        <CharacterForm images={images} files={files} editing={editing} onClose={onClose} onSaved={onSaved} />
      )}
    </Modal>
  );
}

/** The dialog's content, mounted each time it opens: the fields start from `editing` every time. */
function CharacterForm({
  images,
  files,
  editing,
  onClose,
  onSaved,
}: {
  images: CharacterImage[];
  files?: readonly File[];
  editing?: CharacterDTO;
  onClose: () => void;
  onSaved?: (c: CharacterDTO) => void;
}) {
  const client = useQueryClient();
  const [name, setName] = useState(editing?.name ?? "");
  const [description, setDescription] = useState(editing?.description ?? "");
  const [voiceNote, setVoiceNote] = useState(editing?.voiceNote ?? "");
  const [error, setError] = useState<string | null>(null);
  const [imageState, dispatch] = useReducer(characterImagesReducer, undefined, () =>
    initialImages(images, editing?.mainImageId),
  );
  const toSave = imagesToSave(imageState);

  const save = useMutation({
    mutationFn: async () => {
      const input = {
        name,
        description,
        voiceNote,
        images: toSave.images,
        ...(toSave.mainAssetId ? { mainAssetId: toSave.mainAssetId } : {}),
      };
      const r = editing ? await updateCharacterAction(editing.id, input) : await createCharacterAction(input);
      if (!r.ok) throw new Error(Object.values(r.error.fields ?? {})[0] ?? r.error.message);
      return r.character;
    },
    onSuccess: (c) => {
      void client.invalidateQueries({ queryKey: reviewKeys.characters });
      toast.success(editing ? `Saved ${c.name}` : `Saved ${c.name} to the library`, {
        description: `${c.images.length} image${c.images.length === 1 ? "" : "s"}.`,
      });
      onSaved?.(c);
      onClose();
      if (editing) void offerShotRefresh(c);
    },
    onError: (e) => setError(e.message),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError("Give the character a name.");
      return;
    }
    if (toSave.uploading > 0) {
      setError(
        `Wait for ${toSave.uploading === 1 ? "the upload" : `${toSave.uploading} uploads`} to finish.`,
      );
      return;
    }
    if (toSave.images.length === 0) {
      setError(
        images.length === 0 ? "Add at least one image." : "Pick at least one image for the character.",
      );
      return;
    }
    save.mutate();
  }

  return (
    <form
      className="flex max-h-[calc(100dvh-2rem)] flex-col gap-4 overflow-y-auto p-5"
      onSubmit={submit}
      noValidate
    >
      <h2 id="character-dialog-title" className="text-base font-semibold">
        {editing ? `Edit ${editing.name}` : images.length === 0 ? "New character" : "Save as a character"}
      </h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Name
        <input
          className={field}
          value={name}
          maxLength={60}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          placeholder="e.g. Mara Kel"
          // biome-ignore lint/a11y/noAutofocus: a dialog\'s first field; the dialog takes focus as it opens
          autoFocus
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        <span>
          Short description <span className="font-normal text-ink-400">(optional)</span>
        </span>
        <textarea
          className={cn(field, "min-h-16")}
          value={description}
          maxLength={500}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="Who or what this is, what to keep consistent"
        />
      </label>
      <CharacterImagesField
        state={imageState}
        dispatch={(a) => {
          dispatch(a);
          setError(null);
        }}
        initialFiles={files}
      />
      <label className="flex flex-col gap-1 text-sm font-medium">
        <span>
          Voice <span className="font-normal text-ink-400">(optional)</span>
        </span>
        <input
          className={field}
          value={voiceNote}
          maxLength={MAX_VOICE_NOTE_CHARS}
          onChange={(e) => setVoiceNote(e.target.value)}
          placeholder="How they sound, e.g. a low, unhurried voice with a Scottish lilt"
          aria-describedby="character-voice-hint"
        />
        <span id="character-voice-hint" className="text-xs font-normal text-ink-400">
          Added to the prompt as audio direction when you insert the character and ask for it.
        </span>
      </label>
      {editing && <CharacterVideoField character={editing} />}
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending && <Spinner />}
          {editing ? "Save changes" : "Save character"}
        </Button>
      </div>
    </form>
  );
}
