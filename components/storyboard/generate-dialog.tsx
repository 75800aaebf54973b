"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { createGenerationAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import { Spinner } from "@/components/ui/spinner";
import { formatUsd } from "@/lib/client/format";
import { newIdempotencyKey } from "@/lib/client/idempotency";
import { providerOptions } from "@/lib/client/providers";
import { healthQueryOptions, studioKeys } from "@/lib/client/queries";
import { sequenceKeys } from "@/lib/client/sequences";
import { shotCostUsd } from "@/lib/client/shot-cost";
import { spendQueryOptions } from "@/lib/client/spend";
import type { SequenceDTO, ShotDTO } from "@/lib/sequences/dto";
import { shotName, shotRequest } from "@/lib/sequences/shot-request";

/** As the composer's cost line says it: the preview engine is free, not "$0.00". */
const price = (usd: number) => (usd === 0 ? "free" : formatUsd(usd));

const UNREACHABLE = "Could not reach the studio server. Nothing more was sent; try again.";

export interface GenerateBatch {
  shots: ShotDTO[];
  takes: number;
}

/**
 * The confirm step of a storyboard Generate: what will be sent (each shot's takes and price, the batch's
 * total priced as the composer's cost line prices a click) and which shots are not sent and why. Shots
 * go one request each, in order; the first refusal (a spend cap, a missing reference) stops the batch
 * and is shown as the server worded it. Each shot keeps its idempotency key for as long as the dialog is
 * open, so sending again after a lost answer or a refusal makes no shot twice.
 */
function GenerateForm({
  sequence,
  batch,
  onClose,
}: {
  sequence: SequenceDTO;
  batch: GenerateBatch;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const { data: health } = useQuery(healthQueryOptions);
  const { data: spend } = useQuery(spendQueryOptions);
  const providers = providerOptions(health);
  const keys = useRef(new Map<string, string>());
  const sent = useRef(new Set<string>());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keyOf = (id: string) => {
    if (!keys.current.has(id)) keys.current.set(id, newIdempotencyKey());
    return keys.current.get(id) as string;
  };
  const requests = batch.shots.map((shot) => ({
    shot,
    request: shotRequest(shot, sequence, batch.takes, keyOf(shot.id)),
  }));
  const ready = requests.filter((r) => r.request.ok);
  const blocked = requests.flatMap((r) => (r.request.ok ? [] : [r.request.message]));
  const cost = (shot: ShotDTO) => shotCostUsd(providers, health?.provider.id, shot.content, batch.takes);
  const total = Math.round(ready.reduce((t, r) => t + cost(r.shot), 0) * 10_000) / 10_000;

  const send = async () => {
    if (sending || ready.length === 0) return;
    setSending(true);
    setError(null);
    let made = 0;
    try {
      for (const { shot, request } of ready) {
        if (!request.ok || sent.current.has(shot.id)) continue;
        const result = await createGenerationAction(request.input).catch(() => null);
        if (!result) throw new Error(UNREACHABLE);
        if (!result.ok) throw new Error(`${shotName(shot)}: ${result.error.message}`);
        sent.current.add(shot.id);
        made += result.generations.length;
      }
      toast.success(`Started ${made} ${made === 1 ? "take" : "takes"}`, {
        description: `${ready.length} ${ready.length === 1 ? "shot" : "shots"} of ${sequence.title}`,
      });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSending(false);
      void client.invalidateQueries({ queryKey: sequenceKeys.all });
      void client.invalidateQueries({ queryKey: studioKeys.generations });
      void client.invalidateQueries({ queryKey: studioKeys.spend });
    }
  };

  return (
    <form
      className="flex max-h-[80dvh] flex-col gap-4 p-5"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2 id="storyboard-generate-title" className="text-base font-semibold">
        Generate {batch.takes} {batch.takes === 1 ? "take" : "takes"} of{" "}
        {batch.shots.length === 1
          ? shotName(batch.shots[0]!)
          : `${ready.length} ${ready.length === 1 ? "shot" : "shots"}`}
      </h2>
      {ready.length > 0 && (
        <ul
          aria-label="To send"
          className="flex flex-col gap-1 overflow-y-auto text-sm"
          data-testid="batch-shots"
        >
          {ready.map(({ shot }) => (
            <li key={shot.id} className="flex justify-between gap-3">
              <span className="truncate text-ink-200">
                {shotName(shot)}
                {sent.current.has(shot.id) && <span className="text-ok"> · started</span>}
              </span>
              <span className="shrink-0 text-ink-400 tabular-nums">
                {batch.takes} × {shot.content.duration} s · {price(cost(shot))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {blocked.length > 0 && (
        <div
          role="alert"
          data-testid="batch-blocked"
          className="rounded-lg border border-warn/40 bg-warn/10 p-3 text-sm text-warn"
        >
          <p className="font-medium">Not sent:</p>
          <ul className="list-disc pl-5">
            {blocked.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="flex items-baseline justify-between gap-3 border-t border-ink-700 pt-3 text-sm">
        <span className="text-ink-300">
          Estimated cost{spend ? ` (today so far ${formatUsd(spend.todayUsd)})` : ""}
        </span>
        <span data-testid="batch-cost" className="font-semibold text-ink-100 tabular-nums">
          {total === 0 ? "Free" : `≈ ${formatUsd(total)}`}
        </span>
      </p>
      {error && (
        <p role="alert" data-testid="batch-error" className="text-sm text-danger">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={sending || ready.length === 0 || undefined}>
          {sending && <Spinner className="size-4" />}
          {ready.length === 0
            ? "Nothing to send"
            : `Generate ${ready.length === 1 ? "" : `${ready.length} shots `}· ${total === 0 ? "free" : formatUsd(total)}`}
        </Button>
      </div>
    </form>
  );
}

export function GenerateDialog({
  sequence,
  batch,
  onClose,
}: {
  sequence: SequenceDTO;
  batch: GenerateBatch | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={batch !== null}
      onClose={onClose}
      aria-labelledby="storyboard-generate-title"
      className="w-[min(32rem,calc(100vw-2rem))]"
    >
      {batch && <GenerateForm sequence={sequence} batch={batch} onClose={onClose} />}
    </Modal>
  );
}
