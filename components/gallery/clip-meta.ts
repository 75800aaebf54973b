import { formatUsd } from "@/lib/client/format";
import type { GenerationDTO, GenerationReferenceDTO } from "@/lib/generations/dto";
import { failureTitle } from "./failure";
import { shortLabel } from "./prompt-chips";

/** What the clip cost, or will: the provider's figure once known, else the estimate; previews are free. */
export function costText(g: Pick<GenerationDTO, "isPreview" | "actualCostUsd" | "estimatedCostUsd">): string {
  if (g.isPreview) return "Free";
  return g.actualCostUsd !== null ? formatUsd(g.actualCostUsd) : `≈ ${formatUsd(g.estimatedCostUsd)}`;
}

export function costTitle(g: Pick<GenerationDTO, "isPreview" | "actualCostUsd">): string {
  if (g.isPreview) return "Made by the local preview engine: no charge";
  return g.actualCostUsd !== null ? "Cost" : "Estimated cost";
}

/** "8 s" from the stored file when known (it can differ by a frame), else the requested duration. */
export function durationText(g: Pick<GenerationDTO, "duration" | "videoDurationSec">): string {
  return `${g.duration} s`;
}

/** What titles need of a clip (a share link's guest has a smaller clip than members do). */
type Titled = { prompt: string; references: readonly Pick<GenerationReferenceDTO, "position" | "label">[] };

/** The prompt as a person reads it: each tag replaced by its reference's name, on one line. */
export function readablePrompt(g: Titled): string {
  return g.prompt
    .replace(/<IMAGE_REF_(\d+)>/g, (tag, n: string) => {
      const ref = g.references.find((r) => r.position === Number(n));
      return ref ? shortLabel(ref.label) : tag;
    })
    .replace(/\s+/g, " ")
    .trim();
}

export function clipTitle(g: Titled, max = 80): string {
  const flat = readablePrompt(g);
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** What stands in for the video when there is none: why it failed, that it was canceled, or missing. */
export function noVideoText(g: Pick<GenerationDTO, "status" | "error">): string {
  if (g.status === "failed") return failureTitle(g.error);
  return g.status === "canceled" ? "Canceled before it finished" : "The video file is missing";
}
