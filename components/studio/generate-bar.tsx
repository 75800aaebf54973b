import { Button } from "@/components/ui/button";
import { FieldMessage } from "@/components/ui/field-message";
import { SparkIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { formatUsd } from "@/lib/client/format";
import { estimateCostUsd, FAL_USD_PER_SECOND } from "@/lib/generations/cost";
import type { ProviderId } from "@/lib/providers/types";

export interface GenerateBarProps {
  provider: ProviderId | undefined;
  duration: number;
  blocker: string | null;
  isSubmitting: boolean;
  error?: string;
  /** Set after a successful submit: confirms it and points at the history (below the fold on phones). */
  startedId?: string | null;
}

/** The price of the next click, and what it is made of. */
function CostLine({ provider, duration }: { provider: ProviderId | undefined; duration: number }) {
  const [amount, detail] =
    provider === undefined
      ? ["…", "Asking the studio which engine is on"]
      : provider === "preview"
        ? ["Free", "Preview engine: rendered locally, not by the model"]
        : [
            `≈ ${formatUsd(estimateCostUsd(provider, duration))}`,
            `${duration} s × $${FAL_USD_PER_SECOND.toFixed(2)} per second on fal`,
          ];
  return (
    <div data-testid="cost-estimate" className="flex flex-col gap-0.5">
      <p className="flex items-baseline justify-between gap-3 text-sm">
        <span className="text-ink-300">Estimated cost</span>
        <span className={`font-semibold tabular-nums ${provider === "preview" ? "text-ok" : "text-ink-100"}`}>
          {amount}
        </span>
      </p>
      <p className="text-xs text-ink-400 tabular-nums">{detail}</p>
    </div>
  );
}

/** The cost of this click, the Generate button (a form submit), and why it cannot be pressed yet. */
export function GenerateBar({
  provider,
  duration,
  blocker,
  isSubmitting,
  error,
  startedId,
}: GenerateBarProps) {
  const disabled = Boolean(blocker) || isSubmitting;
  return (
    <div className="flex flex-col gap-3 border-ink-700 border-t pt-4">
      <CostLine provider={provider} duration={duration} />
      <Button
        type="submit"
        variant="primary"
        size="lg"
        data-testid="generate"
        aria-disabled={disabled || undefined}
        aria-describedby={blocker ? "generate-blocker" : undefined}
        onClick={(e) => {
          if (disabled) e.preventDefault();
        }}
        className="w-full"
      >
        {isSubmitting ? <Spinner /> : <SparkIcon />}
        {isSubmitting ? "Submitting…" : "Generate"}
        <kbd className="ml-1 hidden rounded border border-white/20 px-1.5 py-px font-sans text-[11px] font-normal opacity-70 sm:inline">
          Ctrl/⌘ ↵
        </kbd>
      </Button>
      {blocker && !isSubmitting && (
        <p id="generate-blocker" data-testid="generate-blocker" className="text-center text-xs text-ink-400">
          {blocker}
        </p>
      )}
      {error && <FieldMessage data-testid="generate-error">{error}</FieldMessage>}
      <p
        role="status"
        className="text-center text-xs text-ink-300 empty:hidden"
        data-testid="generate-started"
      >
        {startedId && !error && !isSubmitting ? (
          <>
            <span className="text-ok">Started.</span> Your draft is kept for the next variation.{" "}
            <a
              href={`#generation-${startedId}`}
              className="rounded text-accent-soft underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft"
            >
              Follow it in the history
            </a>
          </>
        ) : null}
      </p>
    </div>
  );
}
