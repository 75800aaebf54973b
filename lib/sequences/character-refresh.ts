// Pure: a shot's references brought up to date with a character's images (lib/sequences/character-shots.ts).
import type { ShotContent } from "./schema";

/** A shot's content with the character's images that are gone swapped for current ones; null if none are. */
export function refreshedContent(
  content: ShotContent,
  characterId: string,
  images: string[],
  mainImageId: string,
): { content: ShotContent; stale: number } | null {
  const ids = [...(content.referenceIds ?? [])];
  const owners = content.referenceCharacterIds ?? [];
  const current = new Set(images);
  const used = new Set(ids.filter((id, i) => owners[i] === characterId && current.has(id)));
  // Replacements: the main image first, then the others in the character's order, each once while any is left.
  const spare = [mainImageId, ...images.filter((i) => i !== mainImageId)].filter((i) => !used.has(i));
  let stale = 0;
  for (const [i, id] of ids.entries()) {
    if (owners[i] !== characterId || current.has(id)) continue;
    stale++;
    ids[i] = spare.shift() ?? mainImageId;
  }
  return stale ? { content: { ...content, referenceIds: ids }, stale } : null;
}
