"use client";

import { usePresence } from "@/lib/client/presence";

/** The other members who have this clip open now, as initials; nothing when no one else is here. */
export function PresenceBar({ generationId, meId }: { generationId: string; meId?: string }) {
  const others = usePresence(generationId).filter((v) => v.id !== meId);
  if (others.length === 0) return null;
  const names = others.map((v) => v.name).join(", ");
  return (
    <div
      className="flex items-center gap-2 text-ink-300 text-xs"
      data-testid="presence"
      data-viewers={others.map((v) => v.name).join("|")}
      aria-label={`Also viewing: ${names}`}
      role="status"
    >
      <span className="hidden sm:inline">Also here</span>
      <ul className="flex -space-x-1.5">
        {others.slice(0, 5).map((v) => (
          <li
            key={v.id}
            title={v.name}
            className="flex size-7 items-center justify-center rounded-full bg-ink-700 font-semibold text-[11px] text-ink-100 ring-2 ring-ink-950"
          >
            {v.initials}
          </li>
        ))}
        {others.length > 5 ? (
          <li className="flex size-7 items-center justify-center rounded-full bg-ink-800 text-[11px] text-ink-200 ring-2 ring-ink-950">
            +{others.length - 5}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
