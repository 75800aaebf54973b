/**
 * The share done that a provider's log line states, as 0..1, or null when it states none. fal's runners
 * and the preview engine write lines such as "Rendering reference 2 of 3 (62%)" or tqdm's
 * " 62%|██████▏   | 31/50"; the last percentage in the line wins ("step 2 (40%) of 5: 62%" -> 0.62).
 * Numbers over 100 are not progress ("up 240%"), so they count as none.
 */
export function logProgress(message: string | undefined): number | null {
  if (!message) return null;
  const matches = [...message.matchAll(/(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%/g)];
  const last = matches.at(-1);
  if (!last) return null;
  const value = Number(last[1]);
  return value >= 0 && value <= 100 ? value / 100 : null;
}
