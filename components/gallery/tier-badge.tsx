import { Badge } from "@/components/ui/badge";
import type { GenerationDTO } from "@/lib/generations/dto";
import { profilesOf, RESOLUTION_LABELS, RESOLUTION_SIZES } from "@/lib/models/profiles";

type Tiered = Pick<GenerationDTO, "provider" | "modelVersion" | "modelLabel" | "resolution">;

/** Whether the clip was made with a version other than its provider's first (the one everyone knows). */
export function namesVersion(g: Tiered): boolean {
  return profilesOf(g.provider)[0]?.id !== g.modelVersion;
}

/** "1080p · Omni Flash 1.2", or "720p" for a clip of its provider's first version. */
export function tierText(g: Tiered): string {
  const tier = RESOLUTION_LABELS[g.resolution] ?? g.resolution;
  return namesVersion(g) ? `${tier} · ${g.modelLabel}` : tier;
}

/** The tier a clip was rendered at, and its model version where that is not its provider's first. */
export function TierBadge({ g, className }: { g: Tiered; className?: string }) {
  const size = RESOLUTION_SIZES[g.resolution];
  return (
    <Badge
      data-testid="clip-tier"
      data-resolution={g.resolution}
      data-version={g.modelVersion}
      title={`Rendered at ${RESOLUTION_LABELS[g.resolution]}${size ? ` (${size.width}×${size.height} at 16:9)` : ""} by ${g.modelLabel}`}
      className={className ?? "h-5 px-2 text-[11px]"}
    >
      {tierText(g)}
    </Badge>
  );
}
