"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { createCharacterAction, updateCharacterAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Modal } from "@/components/ui/modal";
import { Spinner } from "@/components/ui/spinner";
import type { CharacterDTO } from "@/lib/characters/dto";
import { reviewKeys } from "@/lib/client/review";
import { CharacterVideoField } from "./character-video";

export interface CharacterImage {
  assetId: string;
  label: string;
  thumbUrl: string;
}

const field =
  "w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 text-sm text-ink-100 placeholder:text-ink-400 hover:border-ink-600 focus-visible:border-accent-soft focus-visible:outline-2 focus-visible:outline-accent-soft/40";

/**
 * Name (and describe) a set of images as a character: new from the tray or a clip, or an edit of one;
 * each image can be left out (a clip's place or texture is not its character).
 * A modal dialog; open while `images` is set.
 */
export function CharacterDialog({
  images,
  editing,
  onClose,
  onSaved,
}: {
  images: CharacterImage[] | null;
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
      {images && <CharacterForm images={images} editing={editing} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

/** The dialog's content, mounted each time it opens: the fields start from `editing` every time. */
function CharacterForm({
  images,
  editing,
  onClose,
  onSaved,
}: {
  images: CharacterImage[];
  editing?: CharacterDTO;
  onClose: () => void;
  onSaved?: (c: CharacterDTO) => void;
}) {
  const client = useQueryClient();
  const [name, setName] = useState(editing?.name ?? "");
  const [description, setDescription] = useState(editing?.description ?? "");
  const [error, setError] = useState<string | null>(null);
  // Which images the character keeps: all at first; a clip's landscape or texture can be left out.
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(images.map((i) => i.assetId)));
  const kept = images.filter((i) => picked.has(i.assetId));

  const save = useMutation({
    mutationFn: async () => {
      const input = {
        name,
        description,
        images: kept.map((i) => ({ assetId: i.assetId, label: i.label })),
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
    },
    onError: (e) => setError(e.message),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError("Give the character a name.");
      return;
    }
    if (kept.length === 0) {
      setError("Pick at least one image for the character.");
      return;
    }
    save.mutate();
  }

  return (
    <form className="flex flex-col gap-4 p-5" onSubmit={submit} noValidate>
      <h2 id="character-dialog-title" className="text-base font-semibold">
        {editing ? `Edit ${editing.name}` : "Save as a character"}
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
          placeholder="e.g. Mara"
          // biome-ignore lint/a11y/noAutofocus: a dialog\'s first field; the dialog takes focus as it opens
          autoFocus
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        <span>
          Short description <span className="font-normal text-ink-400">(optional)</span>
        </span>
        <textarea
          className={cn(field, "min-h-20")}
          value={description}
          maxLength={500}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="Who or what this is, what to keep consistent"
        />
      </label>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1.5 text-sm font-medium">
          Images{" "}
          <span className="font-normal text-ink-400">
            ({kept.length} of {images.length} kept)
          </span>
        </legend>
        <ul className="flex flex-wrap gap-2">
          {images.map((i) => {
            const on = picked.has(i.assetId);
            return (
              <li key={i.assetId} className="w-16">
                <label className="flex cursor-pointer flex-col gap-1" data-testid="character-image">
                  <span className="relative">
                    {/* biome-ignore lint/performance/noImgElement: thumbnails from our own media route */}
                    <img
                      src={i.thumbUrl}
                      alt=""
                      width={64}
                      height={64}
                      className={cn(
                        "size-16 rounded-lg border object-cover transition-opacity",
                        on ? "border-accent-soft" : "border-ink-700 opacity-40",
                      )}
                    />
                    <input
                      type="checkbox"
                      checked={on}
                      aria-label={`Keep ${i.label}`}
                      onChange={() => {
                        setPicked((p) => {
                          const next = new Set(p);
                          if (next.has(i.assetId)) next.delete(i.assetId);
                          else next.add(i.assetId);
                          return next;
                        });
                        setError(null);
                      }}
                      className="absolute top-1 left-1 size-4 cursor-pointer accent-accent"
                    />
                  </span>
                  <span
                    className={cn("truncate text-[11px]", on ? "text-ink-300" : "text-ink-400 line-through")}
                  >
                    {i.label}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
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
