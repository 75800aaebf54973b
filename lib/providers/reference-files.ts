import type { ProviderReference } from "./types";

/** `withFile` for bytes that already sit in a local file (tests, the local media folder). */
export function fileAt(file: string): ProviderReference["withFile"] {
  return (fn) => fn(file);
}

/** `fn` with local paths of every reference at once (in order); temporary copies go afterwards. */
export function withReferenceFiles<T>(
  refs: readonly Pick<ProviderReference, "withFile">[],
  fn: (files: string[]) => Promise<T>,
  held: string[] = [],
): Promise<T> {
  const next = refs[held.length];
  if (!next) return fn(held);
  return next.withFile((file) => withReferenceFiles(refs, fn, [...held, file]));
}
