import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { ASPECT_RATIOS, type AspectRatio, MAX_TAKES } from "@/lib/generations/limits";
import { RESOLUTION_SIZES, type Resolution } from "@/lib/models/profiles";

export interface SettingsFieldsProps {
  id?: string;
  duration: number;
  /** The chosen version's durations; a draft's duration outside them stays, shown as over. */
  durations: { min: number; max: number };
  /** The tier the clip renders at: the frame preview says its size. */
  resolution: Resolution;
  aspectRatio: AspectRatio;
  takes: number;
  /** The first reference's picture, shown inside the aspect preview frame. */
  previewUrl: string | null;
  onDuration: (duration: number) => void;
  onAspectRatio: (aspectRatio: AspectRatio) => void;
  onTakes: (takes: number) => void;
  errors: { duration?: string; aspectRatio?: string; takes?: string };
}

const takeCounts = Array.from({ length: MAX_TAKES }, (_, i) => i + 1);

const aspectMeta: Record<AspectRatio, { name: string; icon: string; frame: string }> = {
  "16:9": { name: "Landscape", icon: "h-[11px] w-5", frame: "aspect-video w-full" },
  "9:16": { name: "Portrait", icon: "h-5 w-[11px]", frame: "aspect-[9/16] h-full" },
};

/** "1280×720" for 720p at 16:9; 9:16 swaps them. */
function frameSize(resolution: Resolution, aspectRatio: AspectRatio): string {
  const { width, height } = RESOLUTION_SIZES[resolution];
  return aspectRatio === "9:16" ? `${height}×${width}` : `${width}×${height}`;
}

/** The clip's frame at the chosen aspect, with the first reference in it: what the video will look like. */
function FramePreview({
  aspectRatio,
  resolution,
  previewUrl,
}: {
  aspectRatio: AspectRatio;
  resolution: Resolution;
  previewUrl: string | null;
}) {
  const meta = aspectMeta[aspectRatio];
  return (
    <div
      aria-hidden
      data-testid="aspect-preview"
      data-aspect={aspectRatio}
      className="flex size-[140px] shrink-0 items-center justify-center rounded-lg border border-ink-700 bg-ink-950/60 p-1.5"
    >
      <div
        className={cn(
          "relative overflow-hidden rounded-[5px] border border-ink-400/60 bg-gradient-to-br from-accent/30 to-ink-800 transition-all duration-200",
          meta.frame,
        )}
      >
        {previewUrl && (
          // biome-ignore lint/performance/noImgElement: a stored thumbnail or local object URL
          <img src={previewUrl} alt="" className="size-full object-cover opacity-80" />
        )}
        <span className="absolute inset-x-0 bottom-0 bg-black/55 py-px text-center text-[9px] font-medium text-white tabular-nums">
          {frameSize(resolution, aspectRatio)}
        </span>
      </div>
    </div>
  );
}

/**
 * The version's durations as options; a duration the version does not offer (kept from another version)
 * is one more option, marked, so the draft's value is never shown as something else.
 */
function durationOptions(duration: number, range: { min: number; max: number }) {
  const values = Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
  if (!values.includes(duration)) values.push(duration);
  values.sort((a, b) => a - b);
  return values.map((d) => {
    const outside = d < range.min || d > range.max;
    return {
      value: d,
      label: outside ? <span className="text-danger line-through decoration-1">{d}s</span> : `${d}s`,
      ariaLabel: `${d} seconds${outside ? `, not offered (${range.min} to ${range.max})` : ""}`,
    };
  });
}

/** Duration (the version's range), aspect ratio (drawn as a frame) and takes, each a radio group. */
export function SettingsFields(props: SettingsFieldsProps) {
  const { duration, durations, resolution, aspectRatio, takes, previewUrl } = props;
  const { onDuration, onAspectRatio, onTakes, errors } = props;
  const options = durationOptions(duration, durations);
  // Past eight, two rows on a phone, so each stays a finger wide.
  const many = options.length > 8;
  return (
    <div id={props.id} className="flex scroll-mt-4 flex-col gap-4">
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
          className={many ? "grid grid-cols-7 sm:flex" : undefined}
          optionClassName={many ? "h-9 px-0 text-xs" : "h-9 text-xs sm:text-sm"}
          options={options}
        />
        {errors.duration && <FieldMessage>{errors.duration}</FieldMessage>}
      </div>
      <div className="flex items-end gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-4">
          <div className="flex flex-col gap-2">
            <span className="text-sm font-medium text-ink-100">Aspect ratio</span>
            <SegmentedControl
              label="Aspect ratio"
              data-testid="aspect-ratio"
              value={aspectRatio}
              onChange={onAspectRatio}
              optionClassName="h-9 px-2"
              options={ASPECT_RATIOS.map((ratio) => ({
                value: ratio,
                ariaLabel: `${ratio} ${aspectMeta[ratio].name}`,
                label: (
                  <>
                    <span className="flex size-5 items-center justify-center" aria-hidden>
                      <span
                        className={cn("rounded-[3px] border-[1.5px] border-current", aspectMeta[ratio].icon)}
                      />
                    </span>
                    <span>{ratio}</span>
                  </>
                ),
              }))}
            />
            {errors.aspectRatio && <FieldMessage>{errors.aspectRatio}</FieldMessage>}
          </div>
          <div className="flex flex-col gap-2">
            <span
              className="text-sm font-medium text-ink-100"
              title="The model has no seed: takes are how you pick the best"
            >
              Takes
            </span>
            <SegmentedControl
              label="Takes"
              data-testid="takes"
              value={takes}
              onChange={onTakes}
              optionClassName="h-9 text-xs sm:text-sm"
              options={takeCounts.map((n) => ({
                value: n,
                label: String(n),
                ariaLabel: `${n} take${n === 1 ? "" : "s"}`,
              }))}
            />
            {errors.takes && <FieldMessage>{errors.takes}</FieldMessage>}
          </div>
        </div>
        <FramePreview aspectRatio={aspectRatio} resolution={resolution} previewUrl={previewUrl} />
      </div>
    </div>
  );
}
