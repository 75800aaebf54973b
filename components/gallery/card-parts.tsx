"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent } from "react";
import { CheckIcon } from "@/components/ui/icons";

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
