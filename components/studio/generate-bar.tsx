"use client";

import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { SlidersIcon, SparkIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { formatUsd } from "@/lib/client/format";
import type { GenerationDTO } from "@/lib/generations/dto";
import { RESOLUTION_LABELS, type Resolution } from "@/lib/models/profiles";
import { CostLine, type CostLineProps, versionEstimate } from "./cost-line";

export interface GenerateBarProps extends CostLineProps {
  /** "Draft at 360p": the tier it renders at, or null where the version does not offer it. */
  draftTier?: Resolution | null;
  onDraft?: () => void;
  blocker: string | null;
  isSubmitting: boolean;
  error?: string;
  /** Set after a successful submit: confirms it and points at the history (below the fold on phones). */
  started?: GenerationDTO[] | null;
  /** The settings in one line ("8 s · 16:9 · 1 take · 720p"), kept in view with Generate. */
  summary?: string;
  /** Brings the settings into view (they sit below the prompt, often below the fold). */
  onShowSettings?: () => void;
}

/** The cost of this click, the Generate button (a form submit), and why it cannot be pressed yet. */
export function GenerateBar(props: GenerateBarProps) {
  const {
    takes,
    blocker,
    isSubmitting,
    error,
    started,
    draftTier,
    onDraft,
    summary,
    onShowSettings,
    ...cost
  } = props;
  const disabled = Boolean(blocker) || isSubmitting;
  const first = started?.[0];
  // A draft is worth its own button only when it is cheaper than what Generate makes.
  const draft =
    draftTier && cost.version && draftTier !== cost.resolution
      ? versionEstimate({ ...cost, takes, version: cost.version, resolution: draftTier })
      : null;
  const draftPrice =
    draft && (draft.usd === 0 || cost.provider === "preview") ? "free" : `≈ ${formatUsd(draft?.usd ?? 0)}`;
  return (
    // On wide screens the composer scrolls in its own column: the price and Generate stay in view.
    <div
      data-testid="generate-bar"
      className="-mx-4 -mb-4 flex flex-col gap-2.5 rounded-b-card border-ink-700 border-t bg-ink-900 px-4 pt-4 pb-4 sm:-mx-5 sm:-mb-5 sm:px-5 sm:pb-5 lg:sticky lg:bottom-0 lg:z-10 lg:pt-3 lg:shadow-[0_-12px_24px_-16px_rgba(0,0,0,0.6)]"
    >
      <CostLine
        {...cost}
        takes={takes}
        lead={
          summary && (
            // Sized by the row, not by its text (contain): a long summary truncates instead of widening
            // the composer past a phone's width.
            <button
              type="button"
              data-testid="settings-summary"
              onClick={onShowSettings}
              title="Show the settings"
              className="-mx-1 flex min-w-0 flex-1 items-center gap-1.5 rounded-md px-1 text-left [contain:inline-size] text-xs text-ink-300 transition-colors hover:bg-ink-800 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
            >
              <SlidersIcon className="size-3.5 shrink-0" />
              <span className="truncate tabular-nums">{summary}</span>
              <span className="shrink-0 text-accent-soft">Change</span>
            </button>
          )
        }
      />
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="generate"
          aria-disabled={disabled || undefined}
          aria-describedby={blocker ? "generate-blocker" : undefined}
          onClick={(e) => {
            if (disabled) e.preventDefault();
          }}
          className={cn(
            "inline-flex h-12 min-w-0 flex-1 select-none items-center justify-center gap-2 rounded-xl px-5 text-base font-semibold transition-[background-color,filter]",
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
        {draft && draftTier && (
          <button
            type="button"
            data-testid="draft-generate"
            aria-disabled={disabled || undefined}
            aria-describedby={blocker ? "generate-blocker" : undefined}
            aria-label={`Draft at ${RESOLUTION_LABELS[draftTier]}: generate this once at ${RESOLUTION_LABELS[draftTier]}, ${draftPrice}`}
            title={`Make a cheap ${RESOLUTION_LABELS[draftTier]} draft of this (${draft.detail}); the composer keeps its own tier`}
            onClick={() => {
              if (!disabled) onDraft?.();
            }}
            className={cn(
              "inline-flex h-12 shrink-0 select-none flex-col items-center justify-center rounded-xl border px-3 text-sm font-semibold leading-tight",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft",
              disabled
                ? "cursor-not-allowed border-ink-700 text-ink-400"
                : "border-accent/50 bg-accent/10 text-ink-100 hover:bg-accent/20",
            )}
          >
            <span>Draft at {RESOLUTION_LABELS[draftTier]}</span>
            <span className="text-[11px] font-normal tabular-nums">{draftPrice}</span>
          </button>
        )}
      </div>
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
