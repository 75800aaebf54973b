import { cn } from "./cn";

export interface ProgressBarProps {
  /** 0..1, or null for an indeterminate bar. */
  value: number | null;
  label: string;
  className?: string;
}

export function ProgressBar({ value, label, className }: ProgressBarProps) {
  const pct = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      className={cn("h-1 w-full overflow-hidden rounded-full bg-ink-600/60", className)}
    >
      <div
        className={cn(
          "h-full rounded-full bg-accent-soft transition-[width] duration-200",
          pct === null && "w-1/3 animate-[indeterminate_1.2s_ease-in-out_infinite]",
        )}
        style={pct === null ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}
