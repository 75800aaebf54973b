"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent } from "react";
import { statusLabel } from "@/components/studio/status-badge";
import { CheckIcon } from "@/components/ui/icons";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import { clipTitle } from "./clip-meta";
import { useClipHref } from "./gallery-view";
import { useHoverIntent } from "./use-hover-intent";
import { useLiveGeneration } from "./use-live-generation";

/**
 * A card's or row's click anywhere opens the clip (a pointer shortcut: keyboard users have the media's
 * link), except on its own controls and while text is being selected.
 */
export function useOpenOnClick(href: string) {
  const router = useRouter();
  return (event: MouseEvent<HTMLElement>) => {
    if (
      event.defaultPrevented ||
      (event.target as HTMLElement).closest("a,button,label,select,input,[role=img]")
    )
      return;
    if (window.getSelection()?.toString()) return;
    router.push(href);
  };
}

/** "Take 2/3", with a check when it is the chosen take. */
export function TakeLabel({ take, chosen, className }: { take: string; chosen: boolean; className: string }) {
  return (
    <span className={className} data-testid="take-label">
      {take}
      {chosen && (
        <span title="The chosen take">
          <CheckIcon className="ml-0.5 inline size-3.5 text-ok" />
          <span className="sr-only">, chosen</span>
        </span>
      )}
    </span>
  );
}

/**
 * What a gallery card and a list row share: the live clip, its hover, its state, its take label, and the
 * attributes of its <article> (test ids, names, the click that opens the clip in this gallery view).
 */
export function useClipItem(generation: GenerationDTO, collapsed: boolean) {
  const g = useLiveGeneration(generation);
  const { active, handlers } = useHoverIntent();
  // The clip's page in this gallery view, so its Previous and Next walk the same list.
  const href = useClipHref(g.id);
  const onClick = useOpenOnClick(href);
  const done = g.status === "completed" && Boolean(g.videoUrl);
  const take = g.takeGroupId && g.takeCount > 1 ? `Take ${g.takeIndex + 1}/${g.takeCount}` : null;
  const article = {
    id: `generation-${g.id}`,
    "data-testid": "generation-card",
    "data-id": g.id,
    "data-status": g.status,
    "data-take": g.takeGroupId ? g.takeIndex : undefined,
    "data-chosen": g.chosen || undefined,
    "data-collapsed": collapsed ? "" : undefined,
    "aria-label": `${take ? `${take}, ` : ""}${statusLabel(g.status)} clip: ${clipTitle(g, 60)}`,
    onClick,
    ...handlers,
  };
  return { g, active, href, done, inFlight: !isTerminal(g.status), take, article };
}
