"use client";

import { toast } from "sonner";
import type { CharacterDTO } from "@/lib/characters/dto";
import { getJson, sendJson } from "@/lib/client/http";
import type { StaleShot } from "@/lib/sequences/dto";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * After a character's images change: when storyboard shots with no chosen take yet still hold images it
 * no longer has, offer to bring them up to date (each such image swapped for a current one in its place).
 */
export async function offerShotRefresh(character: CharacterDTO): Promise<void> {
  const base = `/api/characters/${encodeURIComponent(character.id)}/shots`;
  const { items } = await getJson<{ items: StaleShot[] }>(base).catch(() => ({ items: [] as StaleShot[] }));
  if (items.length === 0) return;
  const where = [...new Set(items.map((s) => s.sequenceTitle))].join(", ");
  toast(`${plural(items.length, "shot", "shots")} still use ${character.name}'s old images`, {
    id: `shot-refresh-${character.id}`,
    description: `In ${where}; shots with a chosen take are left as they are.`,
    duration: 20_000,
    action: {
      label: items.length === 1 ? "Update it" : "Update them",
      onClick: () => {
        sendJson<{ updated: StaleShot[] }>("POST", base, {})
          .then(({ updated }) =>
            toast.success(
              `Updated ${plural(updated.length, "shot", "shots")} with ${character.name}'s images`,
              {
                description: updated.map((s) => `${s.sequenceTitle}: ${s.label}`).join(" · "),
              },
            ),
          )
          .catch((err: Error) => toast.error("Could not update the shots", { description: err.message }));
      },
    },
  });
}
