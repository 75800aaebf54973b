import { Badge, type BadgeTone } from "@/components/ui/badge";
import { providerLabel } from "@/lib/client/provider-label";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { GenerationStatus } from "@/lib/generations/limits";

const meta: Record<GenerationStatus, { label: string; tone: BadgeTone; pulse?: boolean }> = {
  queued: { label: "Queued", tone: "neutral", pulse: true },
  submitted: { label: "Submitted", tone: "accent", pulse: true },
  running: { label: "Generating", tone: "accent", pulse: true },
  saving: { label: "Saving", tone: "accent", pulse: true },
  completed: { label: "Completed", tone: "ok" },
  failed: { label: "Failed", tone: "danger" },
  canceled: { label: "Canceled", tone: "neutral" },
};

export function statusLabel(status: GenerationStatus): string {
  return meta[status].label;
}

export function StatusBadge({ status }: { status: GenerationStatus }) {
  const m = meta[status];
  return (
    <Badge
      tone={m.tone}
      dot={m.pulse ? "pulse" : "static"}
      data-testid="generation-status"
      data-status={status}
    >
      {m.label}
    </Badge>
  );
}

export function PreviewBadge() {
  return (
    <Badge
      tone="warn"
      data-testid="preview-badge"
      title="Made by the local preview engine: a slideshow of the references, not AI output"
    >
      Preview
    </Badge>
  );
}

/** Who made the clip: "fal.ai", "AtlasCloud", or the Preview badge for local renders. */
export function ProviderBadge({ g }: { g: Pick<GenerationDTO, "provider" | "isPreview" | "modelId"> }) {
  if (g.isPreview) return <PreviewBadge />;
  return (
    <Badge
      data-testid="clip-provider-badge"
      data-provider={g.provider}
      title={`Made on ${providerLabel(g.provider)} (${g.modelId})`}
      className="h-5 px-2 text-[11px]"
    >
      {providerLabel(g.provider)}
    </Badge>
  );
}
