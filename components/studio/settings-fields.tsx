import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { ASPECT_RATIOS, type AspectRatio, MAX_DURATION, MIN_DURATION } from "@/lib/generations/schema";

export interface SettingsFieldsProps {
  duration: number;
  aspectRatio: AspectRatio;
  onDuration: (duration: number) => void;
  onAspectRatio: (aspectRatio: AspectRatio) => void;
  errors: { duration?: string; aspectRatio?: string };
}

const durations = Array.from({ length: MAX_DURATION - MIN_DURATION + 1 }, (_, i) => MIN_DURATION + i);

const aspectMeta: Record<AspectRatio, { name: string; shape: string }> = {
  "16:9": { name: "Landscape", shape: "h-[11px] w-5" },
  "9:16": { name: "Portrait", shape: "h-5 w-[11px]" },
};

/** Duration 3..10 s and aspect ratio, each a radio group; the aspect options draw their frame. */
export function SettingsFields({
  duration,
  aspectRatio,
  onDuration,
  onAspectRatio,
  errors,
}: SettingsFieldsProps) {
  return (
    <div className="flex flex-col gap-4">
      <div className="flex min-w-0 flex-col gap-2">
        <div className="flex items-baseline justify-between">
          <span className="text-sm font-medium text-ink-100">Duration</span>
          <span className="text-xs text-ink-400 tabular-nums" data-testid="duration-value">
            {duration} seconds
          </span>
        </div>
        <SegmentedControl
          label="Duration"
          data-testid="duration"
          value={duration}
          onChange={onDuration}
          optionClassName="h-9 text-xs sm:text-sm"
          options={durations.map((d) => ({ value: d, label: `${d}s`, ariaLabel: `${d} seconds` }))}
        />
        {errors.duration && <FieldMessage>{errors.duration}</FieldMessage>}
      </div>
      <div className="flex flex-col gap-2">
        <span className="text-sm font-medium text-ink-100">Aspect ratio</span>
        <SegmentedControl
          label="Aspect ratio"
          data-testid="aspect-ratio"
          value={aspectRatio}
          onChange={onAspectRatio}
          optionClassName="h-9 px-3"
          options={ASPECT_RATIOS.map((ratio) => ({
            value: ratio,
            ariaLabel: `${ratio} ${aspectMeta[ratio].name}`,
            label: (
              <>
                <span className="flex size-5 items-center justify-center" aria-hidden>
                  <span
                    className={cn("rounded-[3px] border-[1.5px] border-current", aspectMeta[ratio].shape)}
                  />
                </span>
                <span>{ratio}</span>
              </>
            ),
          }))}
        />
        {errors.aspectRatio && <FieldMessage>{errors.aspectRatio}</FieldMessage>}
      </div>
    </div>
  );
}
