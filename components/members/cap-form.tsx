"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { capText, fieldClass, parseCap } from "./parts";

/**
 * A daily spend cap in US dollars (empty: no cap), saved on Enter or Save, which shows only when the
 * field differs from the saved cap. Bad input is said under the field and nothing is sent.
 */
export function CapForm({
  cap,
  save,
  label,
  showLabel = false,
  widthClass,
  testId,
}: {
  cap: number | null;
  /** Saves the cap; resolves to the cap as stored, rejects with a message to show. */
  save: (cap: number | null) => Promise<number | null>;
  label: string;
  showLabel?: boolean;
  widthClass: string;
  testId?: string;
}) {
  const id = useId();
  const [text, setText] = useState(capText(cap));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const dirty = text.trim() !== capText(cap);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!dirty || pending) return;
    const parsed = parseCap(text);
    if ("error" in parsed) return setError(parsed.error);
    setError(null);
    setPending(true);
    try {
      setText(capText(await save(parsed.cap)));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-1.5" noValidate>
      <label htmlFor={id} className={showLabel ? "text-xs font-medium text-ink-300" : "sr-only"}>
        {label}
      </label>
      <div className="flex items-center gap-1.5">
        <div className={cn("relative", widthClass)}>
          <span
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-sm text-ink-400"
          >
            $
          </span>
          <input
            id={id}
            inputMode="decimal"
            placeholder="No cap"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            data-testid={testId}
            className={cn(fieldClass, "pl-6 tabular-nums")}
          />
        </div>
        {dirty && (
          <Button type="submit" variant="primary" aria-disabled={pending || undefined}>
            Save
          </Button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="max-w-56 text-xs text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
