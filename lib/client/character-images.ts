// The images of a character being made or edited, in the browser: which it keeps, in what order, which
// is its main image, and the files still uploading. Pure (a reducer and what to save), so the dialog's
// rules are tested without a browser.
import { MAX_REFERENCES } from "@/lib/generations/limits";

export interface CharacterImageItem {
  /** Stable for the dialog's life: an asset id for images it started with, a fresh key for uploads. */
  key: string;
  /** Null while the file uploads. */
  assetId: string | null;
  label: string;
  thumbUrl: string;
  /** 0..1 of the bytes sent, while uploading. */
  progress: number;
  /** Left out (unchecked) images stay visible so a slip can be undone; only kept ones are saved. */
  kept: boolean;
}

export interface CharacterImagesState {
  items: CharacterImageItem[];
  /** The key of the image chosen as main; when it is not kept, the first kept image stands in. */
  main: string | null;
}

export type CharacterImagesAction =
  | { type: "added"; items: CharacterImageItem[] }
  | { type: "progress"; key: string; progress: number }
  | { type: "uploaded"; key: string; assetId: string; thumbUrl: string }
  | { type: "removed"; key: string }
  | { type: "toggled"; key: string }
  | { type: "moved"; key: string; by: -1 | 1 }
  | { type: "main"; key: string };

export const MAX_CHARACTER_IMAGES = MAX_REFERENCES;

export function initialImages(
  images: { assetId: string; label: string; thumbUrl: string }[],
  mainAssetId?: string,
): CharacterImagesState {
  return {
    // A clip of the newer versions can have more images than a character holds: the first five are kept.
    items: images.map((i, n) => ({ ...i, key: i.assetId, progress: 1, kept: n < MAX_CHARACTER_IMAGES })),
    main: mainAssetId && images.some((i) => i.assetId === mainAssetId) ? mainAssetId : null,
  };
}

export const keptItems = (s: CharacterImagesState) => s.items.filter((i) => i.kept);

/** The key of the main image: the chosen one while kept, else the first kept image (null when none is). */
export function mainKey(s: CharacterImagesState): string | null {
  const kept = keptItems(s);
  return kept.find((i) => i.key === s.main)?.key ?? kept[0]?.key ?? null;
}

/** How many more images the character can take (kept ones and uploads count). */
export const roomLeft = (s: CharacterImagesState) => MAX_CHARACTER_IMAGES - keptItems(s).length;

/** Why the item cannot be kept again, or null: a character has at most five images. */
export function keepRefusal(s: CharacterImagesState, key: string): string | null {
  const item = s.items.find((i) => i.key === key);
  if (!item || item.kept || roomLeft(s) > 0) return null;
  return `${item.label} was not kept: a character has at most ${MAX_CHARACTER_IMAGES} images. Leave one out first.`;
}

export function characterImagesReducer(
  s: CharacterImagesState,
  a: CharacterImagesAction,
): CharacterImagesState {
  switch (a.type) {
    case "added":
      return { ...s, items: [...s.items, ...a.items] };
    case "progress":
      return { ...s, items: s.items.map((i) => (i.key === a.key ? { ...i, progress: a.progress } : i)) };
    case "uploaded":
      return {
        ...s,
        items: s.items.map((i) =>
          i.key === a.key ? { ...i, assetId: a.assetId, thumbUrl: a.thumbUrl, progress: 1 } : i,
        ),
      };
    case "removed":
      return { items: s.items.filter((i) => i.key !== a.key), main: s.main === a.key ? null : s.main };
    case "toggled":
      if (keepRefusal(s, a.key)) return s;
      return { ...s, items: s.items.map((i) => (i.key === a.key ? { ...i, kept: !i.kept } : i)) };
    case "moved": {
      const from = s.items.findIndex((i) => i.key === a.key);
      const to = from + a.by;
      if (from < 0 || to < 0 || to >= s.items.length) return s;
      const items = [...s.items];
      [items[from], items[to]] = [items[to]!, items[from]!];
      return { ...s, items };
    }
    case "main": {
      // Choosing a left-out image as main keeps it again, when there is room.
      const item = s.items.find((i) => i.key === a.key);
      if (!item || (!item.kept && keepRefusal(s, a.key))) return s;
      return { items: s.items.map((i) => (i.key === a.key ? { ...i, kept: true } : i)), main: a.key };
    }
  }
}

/** What is saved: the kept, uploaded images in order and the main one's asset id. */
export function imagesToSave(s: CharacterImagesState): {
  images: { assetId: string; label: string }[];
  mainAssetId: string | undefined;
  uploading: number;
} {
  const kept = keptItems(s);
  const main = kept.find((i) => i.key === mainKey(s));
  return {
    images: kept.flatMap((i) => (i.assetId ? [{ assetId: i.assetId, label: i.label }] : [])),
    mainAssetId: main?.assetId ?? undefined,
    uploading: kept.filter((i) => !i.assetId).length,
  };
}
