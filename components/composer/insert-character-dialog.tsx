"use client";

import { type FormEvent, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Modal } from "@/components/ui/modal";
import type { CharacterDTO } from "@/lib/characters/dto";
import {
  defaultMode,
  mainFirst,
  type PickMode,
  planPick,
  roomWords,
  type TrayReference,
  voiceLine,
} from "@/lib/client/character-pick";
import type { DraftReference } from "@/lib/client/draft";
import type { InsertChoice } from "@/lib/client/use-insert-character";
import { MakeRoom, PickImages } from "./insert-character-parts";

export interface InsertCharacterDialogProps {
  /** Open while set. */
  character: CharacterDTO | null;
  tray: readonly DraftReference[];
  /** The version's image limit. */
  limit: number;
  /** What becomes of its video (null: it has none, or the draft holds it). */
  video: { joins: boolean; words: string } | null;
  onInsert: (character: CharacterDTO, choice: InsertChoice) => void;
  onClose: () => void;
}

/**
 * Inserting a character: which of its images (all, the main one, or chosen), what the tray must give up
 * when they do not fit, and its voice note as audio direction. A modal dialog (Esc cancels, focus returns).
 */
export function InsertCharacterDialog({ character, onClose, ...rest }: InsertCharacterDialogProps) {
  return (
    <Modal
      open={character !== null}
      onClose={onClose}
      aria-labelledby="insert-character-title"
      data-testid="insert-character-dialog"
      className="max-h-[calc(100dvh-2rem)] w-[min(32rem,calc(100vw-2rem))] overflow-y-auto"
    >
      {character && <InsertForm key={character.id} character={character} onClose={onClose} {...rest} />}
    </Modal>
  );
}

const MODES: { mode: PickMode; label: (n: number) => string }[] = [
  { mode: "all", label: (n) => `All images (${n})` },
  { mode: "main", label: () => "Main image only" },
  { mode: "choose", label: () => "Choose…" },
];

function InsertForm({
  character,
  tray,
  limit,
  video,
  onInsert,
  onClose,
}: Omit<InsertCharacterDialogProps, "character"> & { character: CharacterDTO }) {
  const trayRefs = useMemo<TrayReference[]>(
    () => tray.map((r) => ({ key: r.key, assetId: r.asset?.id ?? null, name: r.name || r.fileName })),
    [tray],
  );
  const ordered = useMemo(() => mainFirst(character), [character]);
  // Chosen once, as the dialog opens: all when they fit, else the main image.
  const [mode, setMode] = useState<PickMode>(() => defaultMode(trayRefs, limit, character));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set((mode === "all" ? ordered : ordered.slice(0, 1)).map((i) => i.id)),
  );
  const [removing, setRemoving] = useState<ReadonlySet<string>>(() => new Set());
  const [voice, setVoice] = useState(false);
  const plan = planPick(trayRefs, limit, character, { mode, chosen, removing });
  const hasVoice = character.voiceNote.trim() !== "";
  const anything = plan.add.length > 0 || Boolean(video?.joins) || (voice && hasVoice);
  const blocked = !plan.fits ? plan.message : anything ? null : plan.message;

  const toggle = (set: (f: (s: ReadonlySet<string>) => ReadonlySet<string>) => void) => (id: string) =>
    set((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (blocked) return;
    onInsert(character, { add: plan.add, remove: plan.remove, voice: voice && hasVoice });
  }

  const n = character.images.length;
  return (
    <form className="flex flex-col gap-4 p-5" onSubmit={submit} noValidate>
      <div className="flex flex-col gap-0.5">
        <h2 id="insert-character-title" className="text-base font-semibold">
          Insert {character.name}
        </h2>
        <p className="text-xs text-ink-400" data-testid="insert-character-room">
          {roomWords(tray.length, limit)}
        </p>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Images to add</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1.5">
          {MODES.map(({ mode: m, label }) => (
            <label key={m} className="flex cursor-pointer items-center gap-2 text-sm text-ink-100">
              <input
                type="radio"
                name="insert-character-mode"
                value={m}
                checked={mode === m}
                onChange={() => {
                  setMode(m);
                  if (m !== "choose")
                    setChosen(new Set((m === "all" ? ordered : ordered.slice(0, 1)).map((i) => i.id)));
                }}
                // biome-ignore lint/a11y/noAutofocus: the dialog's first control; the dialog takes focus as it opens
                autoFocus={mode === m}
                className="size-4 cursor-pointer accent-accent"
              />
              {label(n)}
            </label>
          ))}
        </div>
        <PickImages
          images={ordered}
          mainId={character.mainImageId}
          mode={mode}
          plan={plan}
          chosen={chosen}
          onToggle={toggle(setChosen)}
        />
      </fieldset>
      {video && (
        <p
          className={cn("text-xs", video.joins ? "text-ink-300" : "text-warn")}
          data-testid="insert-character-video"
        >
          {video.joins ? video.words : `Not added: ${video.words}.`}
        </p>
      )}
      {hasVoice && (
        <label className="flex cursor-pointer items-start gap-2 text-sm text-ink-100">
          <input
            type="checkbox"
            checked={voice}
            onChange={(e) => setVoice(e.target.checked)}
            className="mt-0.5 size-4 shrink-0 cursor-pointer accent-accent"
          />
          <span className="flex flex-col gap-0.5">
            Add its voice to the prompt
            <span className="text-xs text-ink-400">“{voiceLine(character.name, character.voiceNote)}”</span>
          </span>
        </label>
      )}
      {(plan.mustGo > 0 || plan.remove.length > 0) && (
        <MakeRoom tray={tray} plan={plan} removing={removing} onToggle={toggle(setRemoving)} />
      )}
      <p
        id="insert-character-status"
        role="status"
        className={cn("text-sm", blocked ? "text-warn" : "text-ink-300")}
        data-testid="insert-character-status"
      >
        {plan.message}
      </p>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="primary"
          aria-disabled={blocked ? true : undefined}
          aria-describedby="insert-character-status"
        >
          Insert
        </Button>
      </div>
    </form>
  );
}
