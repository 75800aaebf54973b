// Which of a character's images an insert brings, and what the tray must give up for them. Pure: the
// insert dialog (components/composer/insert-character-dialog.tsx) shows it, use-insert-character applies it.
import type { CharacterDTO } from "@/lib/characters/dto";

export type PickMode = "all" | "main" | "choose";

/** One reference already in the tray: its local key, its stored asset (null while uploading), its name. */
export interface TrayReference {
  key: string;
  assetId: string | null;
  name: string;
}

export type PickCharacter = Pick<CharacterDTO, "name" | "images" | "mainImageId">;
type CharacterImage = PickCharacter["images"][number];

export interface CharacterPick {
  mode: PickMode;
  /** Asset ids ticked under "Choose…" (ignored by the other modes). */
  chosen: ReadonlySet<string>;
  /** Tray keys marked "Remove" to make room. */
  removing: ReadonlySet<string>;
}

export interface PickPlan {
  /** The images picked, the main one first. */
  picked: CharacterImage[];
  /** Those not in the tray yet: what joins it. */
  add: CharacterImage[];
  /** Those the tray already holds (not added twice). */
  already: CharacterImage[];
  /** Free slots before anything is removed. */
  room: number;
  /** How many more references must be marked "Remove" before the pick fits (0: it fits). */
  mustGo: number;
  /** Tray keys that hold one of the picked images: never offered for removal. */
  keep: ReadonlySet<string>;
  /** Tray keys to remove on insert (the marked ones still removable). */
  remove: string[];
  /** Nothing stops the insert. */
  fits: boolean;
  /** What the pick does, or why it cannot yet. */
  message: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The character's images, its main one first, the rest in their saved order. */
export function mainFirst(character: PickCharacter): CharacterImage[] {
  const main = character.images.find((i) => i.id === character.mainImageId);
  return main ? [main, ...character.images.filter((i) => i !== main)] : [...character.images];
}

/** "All images" when every image the tray lacks fits in its free slots, else "Main image only". */
export function defaultMode(
  tray: readonly TrayReference[],
  limit: number,
  character: PickCharacter,
): PickMode {
  const have = new Set(tray.map((r) => r.assetId));
  const fresh = character.images.filter((i) => !have.has(i.id)).length;
  return fresh <= Math.max(0, limit - tray.length) ? "all" : "main";
}

export function planPick(
  tray: readonly TrayReference[],
  limit: number,
  character: PickCharacter,
  pick: CharacterPick,
): PickPlan {
  const ordered = mainFirst(character);
  const picked =
    pick.mode === "all"
      ? ordered
      : pick.mode === "main"
        ? ordered.slice(0, 1)
        : ordered.filter((i) => pick.chosen.has(i.id));
  const pickedIds = new Set(picked.map((i) => i.id));
  const keep = new Set(tray.filter((r) => r.assetId && pickedIds.has(r.assetId)).map((r) => r.key));
  const inTray = new Set(tray.map((r) => r.assetId));
  const already = picked.filter((i) => inTray.has(i.id));
  const add = picked.filter((i) => !inTray.has(i.id));
  const remove = tray.filter((r) => pick.removing.has(r.key) && !keep.has(r.key)).map((r) => r.key);
  const room = Math.max(0, limit - tray.length);
  const mustGo = Math.max(0, add.length - (limit - (tray.length - remove.length)));
  const alreadyWords = already.length > 0 ? ` (${plural(already.length, "image")} already in the tray)` : "";
  let message: string;
  if (picked.length === 0) message = "Pick at least one image.";
  else if (mustGo > 0)
    message = `${plural(add.length, "image")} will not fit: the tray has room for ${room} more of ${limit}. Remove ${mustGo} more to fit, or pick fewer.`;
  else if (add.length === 0) message = `Every picked image is already in the tray.`;
  else
    message = `${plural(add.length, "image")} will join the tray${remove.length > 0 ? `, ${plural(remove.length, "reference")} will leave it` : ""}${alreadyWords}.`;
  return {
    picked,
    add,
    already,
    room,
    mustGo,
    keep,
    remove,
    fits: picked.length > 0 && mustGo === 0,
    message,
  };
}

/** "Room for 2 more of 5 in the tray.", or "The tray is full (5 of 5)." */
export function roomWords(trayCount: number, limit: number): string {
  const room = limit - trayCount;
  return room > 0
    ? `Room for ${room} more of ${limit} in the tray.`
    : `The tray is full (${trayCount} of ${limit}).`;
}

/** The audio direction a voice note adds: "Voice of Mara Kel: a low, unhurried voice." */
export function voiceLine(name: string, voiceNote: string): string {
  const note = voiceNote.trim();
  return `Voice of ${name}: ${/[.!?…]$/.test(note) ? note : `${note}.`}`;
}

/** The prompt with the voice line at its end (once: a prompt that has it already is returned as is). */
export function withVoice(prompt: string, name: string, voiceNote: string): string {
  const line = voiceLine(name, voiceNote);
  if (!voiceNote.trim() || prompt.includes(line)) return prompt;
  if (prompt === "") return line;
  return `${prompt}${/\s$/.test(prompt) ? "" : " "}${line}`;
}
