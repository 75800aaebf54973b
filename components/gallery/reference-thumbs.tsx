import { cn } from "@/components/ui/cn";
import type { GenerationReferenceDTO } from "@/lib/generations/dto";
import { imageTag, videoTag } from "@/lib/generations/tags";

type Thumb = Pick<GenerationReferenceDTO, "id" | "position" | "label" | "thumbUrl">;

/**
 * The clip's references as a small overlapping stack, in tag order: the images, then the reference videos
 * (their thumbnails move, and a blue edge tells them apart).
 */
export function ReferenceThumbs({
  references,
  videos = [],
  className,
}: {
  references: readonly Thumb[];
  videos?: readonly Thumb[];
  className?: string;
}) {
  const all = [
    ...references.map((r) => ({ ...r, tag: imageTag(r.position), video: false })),
    ...videos.map((r) => ({ ...r, tag: videoTag(r.position), video: true })),
  ];
  return (
    <ul className={cn("flex shrink-0 -space-x-1.5", className)} aria-label="References">
      {all.map((r) => (
        <li key={r.tag} data-testid={r.video ? "reference-video-thumb" : undefined}>
          {/* biome-ignore lint/performance/noImgElement: thumbnails from our own media route */}
          <img
            src={r.thumbUrl}
            alt={`${r.tag} ${r.label}`}
            title={`${r.tag} · ${r.label}`}
            width={28}
            height={28}
            loading="lazy"
            decoding="async"
            className={cn(
              "size-7 rounded-md border-2 bg-ink-800 object-cover",
              r.video ? "border-video/70" : "border-ink-900",
            )}
          />
        </li>
      ))}
    </ul>
  );
}
