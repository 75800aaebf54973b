import type { GenerationDTO } from "./dto";

/**
 * A download name that says what the clip is: date, the start of the prompt (tags replaced by the
 * references' names), shape, length, engine and id, e.g.
 * `omni_2026-11-22_hero-walks-into-alley_16x9_8s_preview_0mwr9ghs.mp4`.
 */
export function clipFileName(
  g: Pick<
    GenerationDTO,
    "id" | "prompt" | "references" | "aspectRatio" | "duration" | "isPreview" | "createdAt"
  >,
): string {
  const named = g.prompt.replace(
    /<IMAGE_REF_(\d+)>/g,
    (_m, n: string) => g.references[Number(n)]?.label ?? "ref",
  );
  const slug = fileSlug(named.replace(/\.(png|jpe?g|webp)\b/gi, ""), "clip");
  const date = g.createdAt.slice(0, 10);
  const parts = ["omni", date, slug, g.aspectRatio.replace(":", "x"), `${g.duration}s`];
  if (g.isPreview) parts.push("preview");
  parts.push(g.id.slice(-8));
  return `${parts.join("_")}.mp4`;
}

/** Words of `text` as a file name's part: ASCII, lowercase, dashed, cut at a word within 48 characters. */
export function fileSlug(text: string, fallback: string): string {
  const full = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return (full.length <= 48 ? full : full.slice(0, 48).replace(/-[^-]*$/, "")) || fallback;
}
