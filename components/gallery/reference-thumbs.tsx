import { cn } from "@/components/ui/cn";
import type { GenerationReferenceDTO } from "@/lib/generations/dto";
import { imageTag } from "@/lib/generations/tags";

/** The clip's references as a small overlapping stack, in tag order. */
export function ReferenceThumbs({
  references,
  className,
}: {
  references: readonly GenerationReferenceDTO[];
  className?: string;
}) {
  return (
    <ul className={cn("flex shrink-0 -space-x-1.5", className)} aria-label="References">
      {references.map((r) => (
        <li key={`${r.position}-${r.id}`}>
          {/* biome-ignore lint/performance/noImgElement: thumbnails from our own media route */}
          <img
            src={r.thumbUrl}
            alt={`${imageTag(r.position)} ${r.label}`}
            title={`${imageTag(r.position)} · ${r.label}`}
            width={28}
            height={28}
            loading="lazy"
            decoding="async"
            className="size-7 rounded-md border-2 border-ink-900 bg-ink-800 object-cover"
          />
        </li>
      ))}
    </ul>
  );
}
