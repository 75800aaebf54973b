"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { makeFinalAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SparkIcon } from "@/components/ui/icons";
import { Modal } from "@/components/ui/modal";
import { Spinner } from "@/components/ui/spinner";
import { formatUsd } from "@/lib/client/format";
import { newIdempotencyKey } from "@/lib/client/idempotency";
import { providerLabel } from "@/lib/client/provider-label";
import { studioKeys, upsertGeneration } from "@/lib/client/queries";
import type { GenerationDTO } from "@/lib/generations/dto";
import { type FinalOffer, finalOffers } from "@/lib/generations/final-tiers";
import { RESOLUTION_LABELS, RESOLUTION_SIZES, type Resolution } from "@/lib/models/profiles";

const UNREACHABLE = "Could not reach the studio server. Check that it is running, then try again.";

/** A finished clip below its version's highest tier: one Make final can re-render at a higher one. */
export function isDraft(g: GenerationDTO): boolean {
  return g.status === "completed" && finalOffers(g).length > 0;
}

/** 1080p where offered (what "final" usually means), else the lowest tier above the draft. */
function defaultTier(offers: FinalOffer[]): Resolution | undefined {
  return (offers.find((o) => o.resolution === "1080p") ?? offers[0])?.resolution;
}

const price = (g: GenerationDTO, usd: number) => (g.isPreview || usd === 0 ? "free" : formatUsd(usd));

/** "8 s × $0.1229 per second" (or why it is free). */
function priceDetail(g: GenerationDTO, offer: FinalOffer) {
  if (g.isPreview) return "the preview engine is free";
  return `${g.duration} s × $${offer.usdPerSecond} per second`;
}

/**
 * Make final: the draft's inputs at a chosen higher tier, as a new clip linked to the draft. One
 * idempotency key per dialog: a double click, or a retry after a lost answer, makes one clip.
 */
function useMakeFinal(g: GenerationDTO, onMade: (made: GenerationDTO) => void) {
  const client = useQueryClient();
  const key = useRef<string | null>(null);
  return useMutation({
    mutationFn: async (resolution: Resolution) => {
      key.current ??= newIdempotencyKey();
      const result = await makeFinalAction(g.id, resolution, key.current).catch(() => {
        throw new Error(UNREACHABLE);
      });
      if (!result.ok) throw new Error(result.error.message);
      return result;
    },
    onSuccess: (result) => {
      key.current = null;
      for (const made of result.generations) upsertGeneration(client, made);
      void client.invalidateQueries({ queryKey: studioKeys.finals(g.id) });
      void client.invalidateQueries({ queryKey: studioKeys.spend });
      onMade(result.generation);
    },
  });
}

function TierOption({
  g,
  offer,
  name,
  checked,
  onPick,
}: {
  g: GenerationDTO;
  offer: FinalOffer;
  name: string;
  checked: boolean;
  onPick: () => void;
}) {
  const size = RESOLUTION_SIZES[offer.resolution];
  const portrait = g.aspectRatio === "9:16";
  return (
    <label
      className={cn(
        "flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2.5 transition-colors",
        "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-soft",
        checked ? "border-accent/70 bg-accent/10" : "border-ink-700 hover:border-ink-500",
      )}
      data-testid="final-tier"
      data-resolution={offer.resolution}
    >
      <input
        type="radio"
        name={name}
        value={offer.resolution}
        checked={checked}
        onChange={onPick}
        className="size-4 accent-[var(--color-accent)]"
      />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="text-sm font-semibold text-ink-100">{RESOLUTION_LABELS[offer.resolution]}</span>
        <span className="text-xs text-ink-400 tabular-nums">
          {portrait ? `${size.height}×${size.width}` : `${size.width}×${size.height}`}
        </span>
      </span>
      <span className="flex flex-col items-end text-right">
        <span className="text-sm font-semibold text-ink-100 tabular-nums" data-testid="final-price">
          {price(g, offer.usd)}
        </span>
        <span className="text-[11px] text-ink-400 tabular-nums">{priceDetail(g, offer)}</span>
      </span>
    </label>
  );
}

function MakeFinalForm({ g, onClose }: { g: GenerationDTO; onClose: () => void }) {
  const router = useRouter();
  const offers = finalOffers(g);
  const [tier, setTier] = useState(defaultTier(offers));
  const name = useId();
  const make = useMakeFinal(g, (made) => {
    onClose();
    toast.success(`Making the ${RESOLUTION_LABELS[made.resolution]} final`, {
      description: "Same inputs as the draft; the draft stays as it is.",
    });
    router.push(`/clips/${made.id}`);
  });
  const chosen = offers.find((o) => o.resolution === tier);
  const by = g.isPreview ? "the preview engine" : providerLabel(g.provider);
  return (
    <form
      className="flex flex-col gap-4 p-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen && !make.isPending) make.mutate(chosen.resolution);
      }}
    >
      <div className="flex flex-col gap-1">
        <h2 id="make-final-title" className="text-base font-semibold">
          Make final
        </h2>
        <p className="text-sm text-ink-300">
          Renders this {RESOLUTION_LABELS[g.resolution]} draft&rsquo;s prompt, references and settings again
          at a higher tier, as a new clip linked to it. The draft stays as it is.
        </p>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-ink-100">Tier</legend>
        {offers.map((offer) => (
          <TierOption
            key={offer.resolution}
            g={g}
            offer={offer}
            name={name}
            checked={tier === offer.resolution}
            onPick={() => {
              setTier(offer.resolution);
              make.reset();
            }}
          />
        ))}
      </fieldset>
      {chosen && (
        <p className="text-sm text-ink-300" data-testid="final-confirm-price">
          {g.isPreview ? (
            <>The preview engine is free: nothing is charged.</>
          ) : (
            <>
              This costs <strong className="text-ink-100">{formatUsd(chosen.usd)}</strong>, charged by {by}{" "}
              for {g.duration} s at {RESOLUTION_LABELS[chosen.resolution]}.
            </>
          )}
        </p>
      )}
      {make.error && (
        <p role="alert" className="text-sm text-danger" data-testid="make-final-error">
          {make.error.message}
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={!chosen || make.isPending}>
          {make.isPending ? <Spinner /> : <SparkIcon />}
          {chosen
            ? `Make final at ${RESOLUTION_LABELS[chosen.resolution]} · ${price(g, chosen.usd)}`
            : "Make final"}
        </Button>
      </div>
    </form>
  );
}

/** Opens the Make final dialog; renders nothing for a clip that is not a draft. Editors only: the caller hides it from reviewers, and the server refuses them. */
export function MakeFinalButton({ g, iconClassName }: { g: GenerationDTO; iconClassName?: string }) {
  const [open, setOpen] = useState(false);
  if (!isDraft(g)) return null;
  const tiers = finalOffers(g)
    .map((o) => RESOLUTION_LABELS[o.resolution])
    .join(", ");
  return (
    <>
      {iconClassName ? (
        // On a gallery card: an icon among the card's icons, named for assistive technology.
        <button
          type="button"
          aria-label="Make final"
          title={`Make final: render again at ${tiers}`}
          aria-haspopup="dialog"
          data-testid="make-final"
          onClick={() => setOpen(true)}
          className={iconClassName}
        >
          <SparkIcon />
        </button>
      ) : (
        <Button
          variant="secondary"
          onClick={() => setOpen(true)}
          data-testid="make-final"
          aria-haspopup="dialog"
          title={`Render again at ${tiers}`}
        >
          <SparkIcon />
          Make final
        </Button>
      )}
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="make-final-title"
        data-testid="make-final-dialog"
        className="w-[min(28rem,calc(100vw-2rem))]"
      >
        <MakeFinalForm g={g} onClose={() => setOpen(false)} />
      </Modal>
    </>
  );
}
