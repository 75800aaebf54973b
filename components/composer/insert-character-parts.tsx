"use client";

import { cn } from "@/components/ui/cn";
import type { PickCharacter, PickMode, PickPlan } from "@/lib/client/character-pick";
import type { DraftReference } from "@/lib/client/draft";

const thumb = "size-14 rounded-lg border object-cover";

/**
 * The character's images, main first: under "Choose…" each has its checkbox; otherwise the ones the pick
 * leaves out are dimmed. The main one is marked "Main", those in the tray "already in the tray".
 */
export function PickImages({
  images,
  mainId,
  mode,
  plan,
  chosen,
  onToggle,
}: {
  images: PickCharacter["images"];
  mainId: string;
  mode: PickMode;
  plan: PickPlan;
  chosen: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  const picked = new Set(plan.picked.map((i) => i.id));
  const already = new Set(plan.already.map((i) => i.id));
  return (
    <ul className="flex flex-wrap gap-2" data-testid="insert-character-images">
      {images.map((i) => {
        const on = picked.has(i.id);
        const inner = (
          <>
            <span className="relative">
              {/* biome-ignore lint/performance/noImgElement: thumbnails from our own media route */}
              <img
                src={i.thumbUrl}
                alt=""
                width={56}
                height={56}
                className={cn(thumb, on ? "border-accent-soft" : "border-ink-700 opacity-40")}
              />
              {mode === "choose" && (
                <input
                  type="checkbox"
                  checked={chosen.has(i.id)}
                  onChange={() => onToggle(i.id)}
                  aria-label={`Add ${i.label}${i.id === mainId ? " (main)" : ""}`}
                  className="absolute top-1 left-1 size-4 cursor-pointer accent-accent"
                />
              )}
              {i.id === mainId && (
                <span className="absolute right-0.5 bottom-0.5 rounded bg-ink-950/85 px-1 text-[10px] font-medium text-ink-100">
                  Main
                </span>
              )}
            </span>
            <span className="truncate text-[11px] text-ink-300">{i.label}</span>
            {already.has(i.id) && (
              <span className="text-[10px] leading-tight text-ink-400">already in the tray</span>
            )}
          </>
        );
        return (
          <li key={i.id} className="w-16" data-testid="insert-character-image" data-picked={on || undefined}>
            {mode === "choose" ? (
              // biome-ignore lint/a11y/noLabelWithoutControl: its checkbox is inside `inner` (and has its own aria-label)
              <label className="flex cursor-pointer flex-col gap-1">{inner}</label>
            ) : (
              <div className="flex flex-col gap-1">{inner}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The tray's references, each with a "Remove" toggle (those the pick itself uses are kept). */
export function MakeRoom({
  tray,
  plan,
  removing,
  onToggle,
}: {
  tray: readonly DraftReference[];
  plan: PickPlan;
  removing: ReadonlySet<string>;
  onToggle: (key: string) => void;
}) {
  return (
    <fieldset className="flex flex-col gap-1.5 rounded-lg border border-warn/40 bg-warn/5 p-3">
      <legend className="px-1 text-sm font-medium">
        {plan.mustGo > 0
          ? `To fit, ${plan.mustGo === 1 ? "1 reference" : `${plan.mustGo} references`} in the tray would have to go`
          : "Leaving the tray"}
      </legend>
      <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto" data-testid="make-room">
        {tray.map((r) => {
          const kept = plan.keep.has(r.key);
          const marked = removing.has(r.key) && !kept;
          return (
            <li key={r.key} className="flex items-center gap-2">
              {r.previewUrl ? (
                // biome-ignore lint/performance/noImgElement: a stored thumbnail or local object URL
                <img
                  src={r.previewUrl}
                  alt=""
                  width={32}
                  height={32}
                  className={cn("size-8 rounded-md object-cover", marked && "opacity-40")}
                />
              ) : (
                <span className="size-8 rounded-md bg-ink-700" />
              )}
              <span className={cn("min-w-0 flex-1 truncate text-sm", marked && "text-ink-400 line-through")}>
                {r.name || r.fileName}
              </span>
              {kept ? (
                <span className="text-xs text-ink-400">in this pick</span>
              ) : (
                <label className="flex cursor-pointer items-center gap-1.5 text-xs text-ink-300">
                  <input
                    type="checkbox"
                    checked={marked}
                    onChange={() => onToggle(r.key)}
                    aria-label={`Remove ${r.name || r.fileName}`}
                    className="size-4 cursor-pointer accent-accent"
                  />
                  Remove
                </label>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
