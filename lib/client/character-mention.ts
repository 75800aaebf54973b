// Characters in the prompt's `@` menu: which names a typed query (spaces and all) matches. Pure.

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s_.-]+/)
    .filter(Boolean);

/**
 * Whether `name` holds every typed word, each as the start of one of its words ("mara k" matches "Mara
 * Kel"; "kel" matches it too; "mara x" does not). An empty query matches every name.
 */
export function nameHasWords(name: string, query: string): boolean {
  const typed = words(query);
  const own = words(name);
  return typed.every((t) => own.some((w) => w.startsWith(t)));
}

/** The items whose names hold the typed words; names that start with the query first, order kept. */
export function filterByWords<T extends { name: string }>(items: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  const matched = items.filter((i) => nameHasWords(i.name, query));
  const starts = (i: T) => (q !== "" && i.name.toLowerCase().startsWith(q) ? 0 : 1);
  return matched
    .map((item, n) => ({ item, n }))
    .sort((a, b) => starts(a.item) - starts(b.item) || a.n - b.n)
    .map(({ item }) => item);
}
