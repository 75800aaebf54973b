"use client";

import { useQuery } from "@tanstack/react-query";
import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { SparkIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { formatUsd } from "@/lib/client/format";
import { spendQueryOptions } from "@/lib/client/spend";
import { DEFAULT_PRICING, estimateCostUsd, type Pricing, roundUsd } from "@/lib/generations/cost";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { ProviderId } from "@/lib/providers/types";

export interface GenerateBarProps {
  provider: ProviderId | undefined;
  /** The chosen provider's name, for the cost line. */
  providerLabel?: string;
  /** The engine's configured price (from /api/health); the built-in defaults until it is known. */
  pricing?: Pricing;
  duration: number;
  takes: number;
  blocker: string | null;
  isSubmitting: boolean;
  error?: string;
  /** Set after a successful submit: confirms it and points at the history (below the fold on phones). */
  started?: GenerationDTO[] | null;
}

/** The price of this click (every take), what it is made of, and today's running total. */
function CostLine({
  provider,
  providerLabel,
  pricing,
  duration,
  takes,
}: Pick<GenerateBarProps, "provider" | "providerLabel" | "pricing" | "duration" | "takes">) {
  const { data: spend } = useQuery(spendQueryOptions);
  const times = takes > 1 ? `${takes} takes × ` : "";
  const price = provider ? (pricing ?? DEFAULT_PRICING[provider]) : DEFAULT_PRICING.fal;
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
            `≈ ${formatUsd(roundUsd(estimateCostUsd(provider, duration, price) * takes))}`,
            `${times}${Math.max(duration, price.minBilledSeconds)} s × $${price.usdPerSecond.toFixed(3).replace(/0$/, "")} per second on ${providerLabel ?? (provider === "atlas" ? "AtlasCloud" : "fal")}${duration < price.minBilledSeconds ? ` (${price.minBilledSeconds} s minimum)` : ""}`,
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
  providerLabel,
  pricing,
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
    // On wide screens the composer scrolls in its own column: the price and Generate stay in view.
    <div className="-mx-4 -mb-4 flex flex-col gap-3 rounded-b-card border-ink-700 border-t bg-ink-900 px-4 pt-4 pb-4 sm:-mx-5 sm:-mb-5 sm:px-5 sm:pb-5 lg:sticky lg:bottom-0 lg:z-10 lg:pt-3 lg:shadow-[0_-12px_24px_-16px_rgba(0,0,0,0.6)]">
      <CostLine
        provider={provider}
        providerLabel={providerLabel}
        pricing={pricing}
        duration={duration}
        takes={takes}
      />
      <button
        type="submit"
        data-testid="generate"
        aria-disabled={disabled || undefined}
        aria-describedby={blocker ? "generate-blocker" : undefined}
        onClick={(e) => {
          if (disabled) e.preventDefault();
        }}
        className={cn(
          "inline-flex h-12 w-full select-none items-center justify-center gap-2 rounded-xl px-5 text-base font-semibold transition-[background-color,filter]",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft",
          disabled
            ? "cursor-not-allowed bg-ink-700 text-ink-400"
            : "bg-accent-strong text-white shadow-[0_1px_0_rgba(255,255,255,0.15)_inset] hover:brightness-110",
        )}
      >
        {isSubmitting ? <Spinner /> : <SparkIcon />}
        {isSubmitting ? "Submitting…" : "Generate"}
        {takes > 1 && !isSubmitting && <span className="font-medium">· {takes} takes</span>}
        <kbd className="ml-1 hidden rounded border border-current/40 px-1.5 py-px font-sans text-[11px] font-normal sm:inline">
          Ctrl/⌘ ↵
        </kbd>
      </button>
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
