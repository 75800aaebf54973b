import { Fragment } from "react";
import { cn } from "@/components/ui/cn";
import type { GenerationReferenceDTO } from "@/lib/generations/dto";
import { parseImageTags, parseVideoTags } from "@/lib/generations/tags";

/** "hero.png" reads as "hero" in a chip; the full label stays in the tooltip. */
export function shortLabel(label: string): string {
  return label.replace(/\.(png|jpe?g|webp|gif|avif|heic)$/i, "") || label;
}

type Ref = Pick<GenerationReferenceDTO, "position" | "label" | "thumbUrl">;

/**
 * One `<IMAGE_REF_n>` or `<VIDEO_REF_n>` drawn as a chip with the reference's thumbnail and name (a video's
 * thumbnail moves: it is an animated WebP of a few of its frames). The raw tag stays in the DOM text
 * (visually hidden) and the name is drawn by CSS, so copying the prompt and reading its text give exactly
 * what the model received; assistive tech gets "name (tag)" from the label.
 */
export function TagChip({
  raw,
  reference,
  kind = "image",
}: {
  raw: string;
  reference: Ref | undefined;
  kind?: "image" | "video";
}) {
  if (!reference) {
    return (
      <span className="font-mono text-[0.85em] text-danger" title={`No reference ${kind} for this tag`}>
        {raw}
      </span>
    );
  }
  const name = shortLabel(reference.label);
  const video = kind === "video";
  return (
    <span
      role="img"
      aria-label={`${name} (${video ? "reference video" : "reference"} ${reference.position + 1})`}
      title={`${raw} · ${reference.label}`}
      data-testid={video ? "prompt-video-chip" : "prompt-chip"}
      data-tag={reference.position}
      data-label={name}
      className={cn(
        "mx-px inline-flex max-w-[11rem] items-center gap-1 rounded-full border py-px pr-2 pl-px align-[-0.2em] text-[0.85em] leading-[1.35] font-medium",
        video
          ? "border-video/35 bg-video/10 text-video-soft"
          : "border-accent/30 bg-accent/10 text-accent-soft",
        "after:min-w-0 after:truncate after:content-[attr(data-label)]",
      )}
    >
      {/* biome-ignore lint/performance/noImgElement: a thumbnail from our own media route */}
      <img
        src={reference.thumbUrl}
        alt=""
        width={16}
        height={16}
        loading="lazy"
        className="size-[1.3em] shrink-0 rounded-full bg-ink-800 object-cover"
      />
      {video && (
        <span aria-hidden className="text-[0.7em] leading-none opacity-80">
          ▶
        </span>
      )}
      <span className="sr-only">{raw}</span>
    </span>
  );
}

/** A prompt with each tag shown as its reference's chip: images, and reference videos where there are any. */
export function PromptWithChips({
  prompt,
  references,
  videos = [],
}: {
  prompt: string;
  references: readonly Ref[];
  videos?: readonly Ref[];
}) {
  const images = new Map(references.map((r) => [r.position, r]));
  const clips = new Map(videos.map((r) => [r.position, r]));
  const tags = [
    ...parseImageTags(prompt).map((t) => ({ ...t, kind: "image" as const })),
    ...parseVideoTags(prompt).map((t) => ({ ...t, kind: "video" as const })),
  ].sort((a, b) => a.start - b.start);
  const parts: Array<{ text: string; tag?: number; kind?: "image" | "video" }> = [];
  let last = 0;
  for (const t of tags) {
    if (t.start > last) parts.push({ text: prompt.slice(last, t.start) });
    parts.push({ text: t.raw, tag: t.index, kind: t.kind });
    last = t.end;
  }
  if (last < prompt.length) parts.push({ text: prompt.slice(last) });
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p.tag === undefined ? (
            p.text
          ) : (
            <TagChip
              raw={p.text}
              kind={p.kind}
              reference={(p.kind === "video" ? clips : images).get(p.tag)}
            />
          )}
        </Fragment>
      ))}
    </>
  );
}
