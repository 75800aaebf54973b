// Which clips a compare names: `/compare?ids=<a>,<b>[,<c>[,<d>]]` (and the older `?a=&b=`), read the same
// way by the page, the API and the gallery's links. Browser-safe and pure.

export const MIN_COMPARE = 2;
/** A take group has up to four takes: compare shows them all at once. */
export const MAX_COMPARE = 4;
/** How each side is named on screen, in the order of the URL. */
export const SIDE_LABELS = ["A", "B", "C", "D"] as const;

export type CompareIds = { ok: true; ids: string[] } | { ok: false; message: string };

export interface CompareParams {
  ids?: string | null;
  a?: string | null;
  b?: string | null;
}

/** The side's letter ("A") for a position in the list. */
export const sideLabel = (index: number): string => SIDE_LABELS[index] ?? String(index + 1);

/**
 * The ids a compare names, or what is wrong with them: 2 to 4, each once. `ids` wins over the older
 * `a` and `b`; blanks (a trailing comma) are skipped. Whether each clip exists is the server's to say.
 */
export function parseCompareIds(params: CompareParams): CompareIds {
  const listed = params.ids != null ? params.ids.split(",") : [params.a ?? "", params.b ?? ""];
  const ids = listed.map((id) => id.trim()).filter((id) => id !== "");
  if (ids.length < MIN_COMPARE)
    return {
      ok: false,
      message:
        ids.length === 0
          ? `Name ${MIN_COMPARE} to ${MAX_COMPARE} clips to compare: /compare?ids=<id>,<id>.`
          : `Compare needs at least ${MIN_COMPARE} clips; this link names only 1.`,
    };
  if (ids.length > MAX_COMPARE)
    return {
      ok: false,
      message: `Compare shows at most ${MAX_COMPARE} clips at once; this link names ${ids.length}.`,
    };
  for (const [i, id] of ids.entries()) {
    const first = ids.indexOf(id);
    if (first !== i)
      return {
        ok: false,
        message: `Clip ${id} is named twice (as ${sideLabel(first)} and ${sideLabel(i)}): compare distinct clips.`,
      };
  }
  return { ok: true, ids };
}

/** The compare page for these clips, in this order. */
export const compareHref = (ids: readonly string[]): string =>
  `/compare?ids=${ids.map(encodeURIComponent).join(",")}`;
