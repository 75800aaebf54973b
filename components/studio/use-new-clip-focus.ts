"use client";

import { type Mutation, type QueryClient, type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { GenerationPages } from "@/lib/client/queries";
import type { GenerationDTO } from "@/lib/generations/dto";

/** How long the gallery says "your new clip" after bringing the user to it. */
const NOTE_MS = 6_000;
/** The card mounts a frame or two after the list learns of it (virtual grid); give up after this. */
const FIND_MS = 3_000;

/**
 * The clips a Generate in this browser just started: the composer's submit is a mutation whose
 * variables are a create request (prompt and idempotency key) and whose answer lists the new clips.
 * Read from React Query's mutation cache so the gallery follows the composer without reaching into it.
 */
function startedBy(mutation: Mutation<unknown, unknown, unknown, unknown>): GenerationDTO[] | null {
  const vars = mutation.state.variables;
  const data = mutation.state.data as { ok?: boolean; generations?: GenerationDTO[] } | undefined;
  if (mutation.state.status !== "success" || !vars || typeof vars !== "object") return null;
  if (!("prompt" in vars) || !("idempotencyKey" in vars)) return null;
  return data?.ok && Array.isArray(data.generations) && data.generations.length > 0 ? data.generations : null;
}

/** Whether the gallery's list holds this clip (upsertGeneration puts a new one at the top when it matches). */
function inList(client: QueryClient, listKey: QueryKey, id: string): boolean {
  const data = client.getQueryData<GenerationPages>(listKey);
  return !!data?.pages.some((p) => p.items.some((g) => g.id === id));
}

const cardOf = (id: string) =>
  document.querySelector<HTMLElement>(`[data-testid="generation-card"][data-id="${CSS.escape(id)}"]`);

/** How much of a card (its picture, at least) must show for it to count as seen. */
const SEEN_PX = 240;

function inView(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  // The sticky header covers the top 56 px; a card only peeking in at the bottom edge is not seen either.
  return r.top >= 56 && r.top + Math.min(r.height, SEEN_PX) <= window.innerHeight;
}

/**
 * After Generate, brings the user to the new card when it is out of view (on a phone it lands about a
 * screen and a half below the Generate button) and returns the note that says so; null otherwise.
 */
export function useNewClipFocus(galleryKey: QueryKey): string | null {
  const client = useQueryClient();
  const listKey = useRef(galleryKey);
  listKey.current = galleryKey;
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let frame = 0;
    let clear: ReturnType<typeof setTimeout> | undefined;
    const seen = new WeakSet<object>();
    const unsubscribe = client.getMutationCache().subscribe((event) => {
      if (event.type !== "updated" || seen.has(event.mutation)) return;
      const made = startedBy(event.mutation);
      if (!made) return;
      seen.add(event.mutation);
      const first = made[0]!;
      const since = performance.now();
      cancelAnimationFrame(frame);
      const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      let broughtList = false;
      const look = () => {
        const card = cardOf(first.id);
        if (!card) {
          // The gallery draws only the rows near the screen: far below, the new card is not drawn until
          // the list's top is near, so go there first, once the list holds it. A list that never
          // holds it (a filter hides it) is left alone: the toast says it started.
          if (!broughtList && inList(client, listKey.current, first.id)) {
            broughtList = true;
            document.getElementById("history")?.scrollIntoView({ block: "start", behavior: "auto" });
          }
          if (performance.now() - since < FIND_MS) frame = requestAnimationFrame(look);
          return;
        }
        if (inView(card) && !broughtList) return;
        const group = card.closest<HTMLElement>('[data-testid="take-group"]');
        (group ?? card).scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
        setNote(made.length > 1 ? `Your ${made.length} new takes are here` : "Your new clip is here");
        clearTimeout(clear);
        clear = setTimeout(() => setNote(null), NOTE_MS);
      };
      frame = requestAnimationFrame(look);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      clearTimeout(clear);
    };
  }, [client]);

  return note;
}
