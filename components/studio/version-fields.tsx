import { FieldMessage } from "@/components/ui/field-message";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { perSecondPrice, priceFrom } from "@/lib/client/versions";
import {
  type ModelProfile,
  type ModelVersionId,
  RESOLUTION_LABELS,
  type Resolution,
} from "@/lib/models/profiles";

export interface VersionPickerProps {
  versions: readonly ModelProfile[];
  value: ModelVersionId;
  onChange: (id: ModelVersionId) => void;
}

/** Which version of the model makes this clip, each with what it offers. Shown only when there is a choice. */
export function VersionPicker({ versions, value, onChange }: VersionPickerProps) {
  if (versions.length < 2) return null;
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <span className="text-sm font-medium text-ink-100">Model version</span>
      <SegmentedControl
        label="Model version"
        data-testid="model-version"
        value={value}
        onChange={onChange}
        className="flex-col"
        optionClassName="h-auto min-h-11 px-3 py-1.5"
        options={versions.map((v) => ({
          value: v.id,
          ariaLabel: `${v.label}: ${v.summary}`,
          label: (
            // The button centres its content: this fills it, so rows line up on the left.
            <span className="flex w-full min-w-0 flex-col gap-0.5 text-left leading-tight">
              <span className="flex items-baseline justify-between gap-3">
                <span>{v.label}</span>
                <span className="shrink-0 text-[11px] font-normal">{priceFrom([v])}</span>
              </span>
              <span className="text-[11px] font-normal leading-4">{v.summary}</span>
            </span>
          ),
        }))}
      />
    </div>
  );
}

export interface ResolutionPickerProps {
  version: ModelProfile;
  value: Resolution;
  onChange: (resolution: Resolution) => void;
  /** Show a single tier as a fixed value (where other versions of the provider offer more); else hide it. */
  showFixed: boolean;
  error?: string;
}

/** The tier to render at, with each tier's price per second; a fixed "720p" where the version has one. */
export function ResolutionPicker({ version, value, onChange, showFixed, error }: ResolutionPickerProps) {
  const tiers = version.resolutions;
  if (tiers.length < 2) {
    if (!showFixed) return null;
    const only = tiers[0] ?? value;
    return (
      <div className="flex items-baseline justify-between gap-3" data-testid="resolution-fixed">
        <span className="text-sm font-medium text-ink-100">Resolution</span>
        <span className="text-xs text-ink-400">
          <span className="font-semibold text-ink-100">{RESOLUTION_LABELS[only]}</span> only on{" "}
          {version.label}
        </span>
      </div>
    );
  }
  const free = tiers.every((r) => (version.usdPerSecond[r] ?? 0) === 0);
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <span className="text-sm font-medium text-ink-100">Resolution</span>
      <SegmentedControl
        label="Resolution"
        data-testid="resolution"
        value={value}
        onChange={onChange}
        optionClassName="h-auto min-h-11 flex-col gap-0 px-1 py-1.5 leading-tight"
        options={tiers.map((r) => {
          const price = version.usdPerSecond[r] ?? 0;
          return {
            value: r,
            ariaLabel: free
              ? RESOLUTION_LABELS[r]
              : `${RESOLUTION_LABELS[r]}, ${perSecondPrice(price)} per second`,
            label: (
              <>
                <span>{RESOLUTION_LABELS[r]}</span>
                {!free && <span className="text-[11px] font-normal">{perSecondPrice(price)}/s</span>}
              </>
            ),
          };
        })}
      />
      {error && <FieldMessage>{error}</FieldMessage>}
    </div>
  );
}
