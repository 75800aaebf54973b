import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { FieldMessage } from "@/components/ui/field-message";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { type ProviderOption, randomSeed } from "@/lib/client/providers";
import { priceFrom } from "@/lib/client/versions";
import { MAX_SEED, type ProviderId, type ThinkingLevel } from "@/lib/generations/limits";

/** What a provider costs across the versions and tiers it serves, read out in words. */
function priceWords(p: ProviderOption): string {
  const label = priceFrom(p.versions);
  if (label === "free") return "free, rendered locally";
  const min = p.pricing.minBilledSeconds > 0 ? `, at least ${p.pricing.minBilledSeconds} seconds billed` : "";
  return `${label.replace("/s", " per second")}${min}`;
}

export interface ProviderPickerProps {
  providers: readonly ProviderOption[];
  value: ProviderId;
  onChange: (id: ProviderId) => void;
}

/** Which configured provider makes this clip, with its price per second. Shown only when there is a choice. */
export function ProviderPicker({ providers, value, onChange }: ProviderPickerProps) {
  if (providers.length < 2) return null;
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <span className="text-sm font-medium text-ink-100">Provider</span>
      <SegmentedControl
        label="Provider"
        data-testid="provider"
        value={value}
        onChange={onChange}
        optionClassName="h-auto min-h-11 flex-col gap-0 px-2 py-1.5 leading-tight"
        options={providers.map((p) => ({
          value: p.id,
          ariaLabel: `${p.label}, ${priceWords(p)}`,
          label: (
            <>
              <span className="truncate">{p.label}</span>
              <span className="text-[11px] font-normal">{priceFrom(p.versions)}</span>
            </>
          ),
        }))}
      />
    </div>
  );
}

const THINKING_OPTIONS: ReadonlyArray<{ value: ThinkingLevel; label: string; hint: string }> = [
  { value: "default", label: "Default", hint: "the provider's balance" },
  { value: "high", label: "High", hint: "slower, more careful" },
  { value: "low", label: "Low", hint: "faster" },
];

export interface ProviderControlsProps {
  provider: ProviderOption | undefined;
  seedText: string;
  thinkingLevel: ThinkingLevel;
  onSeed: (text: string) => void;
  onThinkingLevel: (level: ThinkingLevel) => void;
  errors: { seed?: string; thinkingLevel?: string };
}

/** Seed and thinking level, only where the chosen provider has them (AtlasCloud); nothing otherwise. */
export function ProviderControls(props: ProviderControlsProps) {
  const { provider, seedText, thinkingLevel, onSeed, onThinkingLevel, errors } = props;
  const id = useId();
  const levels = provider?.capabilities.thinkingLevels ?? [];
  const hasSeed = provider?.capabilities.seed ?? false;
  if (!hasSeed && levels.length === 0) return null;
  const seedHint = `${id}-seed-hint`;
  const seedError = `${id}-seed-error`;
  return (
    <div className="flex flex-col gap-4" data-testid="provider-controls">
      {hasSeed && (
        <div className="flex min-w-0 flex-col gap-2">
          <label htmlFor={`${id}-seed`} className="text-sm font-medium text-ink-100">
            Seed
          </label>
          <div className="flex gap-1.5">
            <input
              id={`${id}-seed`}
              data-testid="seed"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              placeholder="Random"
              maxLength={12}
              value={seedText}
              onChange={(e) => onSeed(e.target.value)}
              aria-invalid={errors.seed ? true : undefined}
              aria-describedby={errors.seed ? seedError : seedHint}
              className={cn(
                "h-10 min-w-0 flex-1 rounded-lg border bg-ink-950/60 px-3 font-mono text-sm text-ink-100 tabular-nums placeholder:font-sans placeholder:text-ink-400",
                "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft",
                errors.seed ? "border-danger/60" : "border-ink-700 hover:border-ink-600",
              )}
            />
            <button
              type="button"
              data-testid="seed-random"
              aria-label="Pick a random seed"
              title="Fill in a random seed you can reuse"
              onClick={() => onSeed(String(randomSeed()))}
              className="h-10 shrink-0 rounded-lg border border-ink-700 bg-ink-800 px-3 text-xs font-medium text-ink-300 hover:border-ink-600 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft"
            >
              Random
            </button>
            {seedText !== "" && (
              <button
                type="button"
                aria-label="Clear the seed"
                title="Empty: a new random seed each time"
                onClick={() => onSeed("")}
                className="h-10 shrink-0 rounded-lg px-2 text-xs text-ink-400 hover:text-ink-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-soft"
              >
                Clear
              </button>
            )}
          </div>
          {errors.seed ? (
            <FieldMessage id={seedError} data-testid="seed-error">
              {errors.seed}
            </FieldMessage>
          ) : (
            <p id={seedHint} className="text-xs text-ink-400">
              {seedText.trim() === ""
                ? "Empty: a new random seed each time."
                : `Same seed and inputs, same clip. 0 to ${MAX_SEED}.`}
            </p>
          )}
        </div>
      )}
      {levels.length > 0 && (
        <div className="flex min-w-0 flex-col gap-2">
          <span className="text-sm font-medium text-ink-100">Thinking level</span>
          <SegmentedControl
            label="Thinking level"
            data-testid="thinking-level"
            value={thinkingLevel}
            onChange={onThinkingLevel}
            optionClassName="h-10 text-xs sm:text-sm"
            options={THINKING_OPTIONS.filter((o) => levels.includes(o.value)).map((o) => ({
              value: o.value,
              label: o.label,
              ariaLabel: `${o.label}: ${o.hint}`,
            }))}
          />
          {errors.thinkingLevel ? (
            <FieldMessage>{errors.thinkingLevel}</FieldMessage>
          ) : (
            <p className="text-xs text-ink-400">Trades speed for quality.</p>
          )}
        </div>
      )}
    </div>
  );
}
