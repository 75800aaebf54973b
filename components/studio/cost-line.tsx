"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { formatUsd } from "@/lib/client/format";
import { spendQueryOptions } from "@/lib/client/spend";
import { perSecondPrice, versionCost } from "@/lib/client/versions";
import { DEFAULT_PRICING, estimateCostUsd, type Pricing, roundUsd } from "@/lib/generations/cost";
import { type ModelProfile, RESOLUTION_LABELS, type Resolution } from "@/lib/models/profiles";
import type { ProviderId } from "@/lib/providers/types";

export interface CostLineProps {
  provider: ProviderId | undefined;
  /** The chosen provider's name, for the cost line. */
  providerLabel?: string;
  /** The engine's configured price (from /api/health); the built-in defaults until it is known. */
  pricing?: Pricing;
  /** The version and tier chosen: the estimate prices that tier, as /api/health prices it. */
  version?: ModelProfile;
  resolution?: Resolution;
  /** Name the version chosen (where it is not the provider's first, the one everyone knows). */
  namesVersion?: boolean;
  duration: number;
  takes: number;
  /** Shown in place of the "Estimated cost" label (the composer puts its settings summary there). */
  lead?: ReactNode;
}

/** One click's price at the chosen version and tier (every take), and the words for what it is made of. */
export function versionEstimate(props: CostLineProps & { version: ModelProfile; resolution: Resolution }) {
  const { version, resolution, duration, takes, providerLabel, namesVersion } = props;
  const perSecond = version.usdPerSecond[resolution] ?? 0;
  const times = takes > 1 ? `${takes} takes × ` : "";
  const billed = Math.max(duration, version.minBilledSeconds);
  const tier = version.resolutions.length > 1 ? ` at ${RESOLUTION_LABELS[resolution]}` : "";
  const on = providerLabel ?? version.label;
  const where = namesVersion ? `${version.label} (${on})` : on;
  const minimum = duration < version.minBilledSeconds ? ` (${version.minBilledSeconds} s minimum)` : "";
  return {
    usd: roundUsd(versionCost(version, resolution, duration, props.pricing) * takes),
    detail: `${times}${billed} s × ${perSecondPrice(perSecond)} per second${tier} on ${where}${minimum}`,
  };
}

/** The provider's own price, before the server has said which versions it serves. */
function providerEstimate(props: CostLineProps & { provider: ProviderId }) {
  const { provider, providerLabel, pricing, duration, takes } = props;
  const price = pricing ?? DEFAULT_PRICING[provider];
  const times = takes > 1 ? `${takes} takes × ` : "";
  const minimum = duration < price.minBilledSeconds ? ` (${price.minBilledSeconds} s minimum)` : "";
  return {
    usd: roundUsd(estimateCostUsd(provider, duration, price) * takes),
    detail: `${times}${Math.max(duration, price.minBilledSeconds)} s × ${perSecondPrice(price.usdPerSecond)} per second on ${providerLabel ?? (provider === "atlas" ? "AtlasCloud" : "fal")}${minimum}`,
  };
}

/** The price of this click (every take), what it is made of, and today's running total. */
export function CostLine(props: CostLineProps) {
  const { provider, version, resolution, takes } = props;
  const { data: spend } = useQuery(spendQueryOptions);
  const times = takes > 1 ? `${takes} takes × ` : "";
  let amount: string;
  let detail: string;
  if (provider === undefined) {
    [amount, detail] = ["…", "Asking the studio which engine is on"];
  } else if (provider === "preview") {
    amount = "Free";
    detail =
      takes > 1
        ? `${times}preview engine, rendered locally`
        : "Preview engine: rendered locally, not by the model";
  } else {
    const priced =
      version && resolution
        ? versionEstimate({ ...props, version, resolution })
        : providerEstimate({ ...props, provider });
    amount = `≈ ${formatUsd(priced.usd)}`;
    detail = priced.detail;
  }
  return (
    <div data-testid="cost-estimate" className="flex flex-col gap-0.5">
      <p className="flex items-baseline justify-between gap-3 text-sm">
        {props.lead ?? <span className="text-ink-300">Estimated cost</span>}
        <span
          className={`shrink-0 font-semibold tabular-nums ${provider === "preview" ? "text-ok" : "text-ink-100"}`}
        >
          {props.lead && <span className="sr-only">Estimated cost </span>}
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
