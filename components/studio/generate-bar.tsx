"use client";

import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { FieldMessage } from "@/components/ui/field-message";
import { SparkIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { formatUsd } from "@/lib/client/format";
import { spendQueryOptions } from "@/lib/client/spend";
import { estimateCostUsd, FAL_USD_PER_SECOND, roundUsd } from "@/lib/generations/cost";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { ProviderId } from "@/lib/providers/types";

export interface GenerateBarProps {
  provider: ProviderId | undefined;
  duration: number;
  takes: number;
  blocker: string | null;
  isSubmitting: boolean;
  error?: string;
  /** Set after a successful submit: confirms it and points at the history (below the fold on phones). */
  started?: GenerationDTO[] | null;
}

/** The price of this click (every take), what it is made of, and today's running total. */
function CostLine({ provider, duration, takes }: Pick<GenerateBarProps, "provider" | "duration" | "takes">) {
  const { data: spend } = useQuery(spendQueryOptions);
  const times = takes > 1 ? `${takes} takes × ` : "";
  const [amount, detail] =
    provider === undefined
      ? ["…", "Asking the studio which engine is on"]
      : provider === "preview"
        ? [
            "Free",
            takes > 1
              ? `${times}preview engine, rendered locally`
              : "Preview engine: rendered locally, not by the model",
          ]
        : [
            `≈ ${formatUsd(roundUsd(estimateCostUsd(provider, duration) * takes))}`,
            `${times}${duration} s × $${FAL_USD_PER_SECOND.toFixed(2)} per second on fal`,
          ];
  return (
    <div data-testid="cost-estimate" className="flex flex-col gap-0.5">
      <p className="flex items-baseline justify-between gap-3 text-sm">
        <span className="text-ink-300">Estimated cost</span>
        <span className={`font-semibold tabular-nums ${provider === "preview" ? "text-ok" : "text-ink-100"}`}>
          {amount}
        </span>
      </p>
      <p className="flex items-baseline justify-between gap-3 text-xs text-ink-400 tabular-nums">
        <span className="min-w-0">{detail}</span>
        <span
          data-testid="spend-today"
          className="shrink-0"
          title={spend ? `Since ${new Date(spend.since).toLocaleString()}` : undefined}
        >
          Today {spend ? formatUsd(spend.todayUsd) : "…"}
        </span>
      </p>
    </div>
  );
}

/** The cost of this click, the Generate button (a form submit), and why it cannot be pressed yet. */
export function GenerateBar({
  provider,
  duration,
  takes,
  blocker,
  isSubmitting,
  error,
  started,
}: GenerateBarProps) {
  const disabled = Boolean(blocker) || isSubmitting;
  const first = started?.[0];
  return (
    <div className="flex flex-col gap-3 border-ink-700 border-t pt-4">
      <CostLine provider={provider} duration={duration} takes={takes} />
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
        {takes > 1 && !isSubmitting && <span className="font-normal opacity-80">· {takes} takes</span>}
        <kbd className="ml-1 hidden rounded border border-white/20 px-1.5 py-px font-sans text-[11px] font-normal opacity-70 sm:inline">
          Ctrl/⌘ ↵
        </kbd>
      </Button>
      <p
        id="generate-blocker"
        data-testid={blocker && !isSubmitting ? "generate-blocker" : undefined}
        className="min-h-4 text-center text-xs leading-4 text-ink-400"
      >
        {blocker && !isSubmitting ? blocker : null}
      </p>
      {error && <FieldMessage data-testid="generate-error">{error}</FieldMessage>}
      <p
        role="status"
        className="text-center text-xs text-ink-300 empty:hidden"
        data-testid="generate-started"
      >
        {first && !error && !isSubmitting ? (
          <>
            <span className="text-ok">
              {started.length > 1 ? `Started ${started.length} takes.` : "Started."}
            </span>{" "}
            Your draft is kept for the next variation.{" "}
            <a
              href={`#generation-${first.id}`}
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
