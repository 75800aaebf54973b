"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  ArrowUpRightIcon,
  CheckIcon,
  type PencilIcon,
  ScribbleIcon,
  SquareIcon,
  UndoIcon,
} from "@/components/ui/icons";
import { DRAW_COLOR_HEX } from "@/lib/review/drawing";
import { DRAW_COLORS, DRAW_TOOLS, type DrawTool, formatClipTime } from "@/lib/review/limits";
import { toggle } from "./comment-composer";
import type { ReviewState } from "./review-state";

const TOOLS: Record<DrawTool, { label: string; hint: string; Icon: typeof PencilIcon }> = {
  arrow: { label: "Arrow", hint: "drag from the tail to the tip", Icon: ArrowUpRightIcon },
  box: { label: "Box", hint: "drag from corner to corner", Icon: SquareIcon },
  pen: { label: "Freehand", hint: "draw with the mouse or a finger", Icon: ScribbleIcon },
};

/** The drawing tools, right under the player while drawing (the composer may be scrolled away). */
export function DrawToolbar({ review }: { review: ReviewState }) {
  const { draft } = review;
  return (
    <div className="flex flex-col gap-1.5" data-testid="draw-toolbar">
      <div
        role="toolbar"
        aria-label="Drawing tools"
        className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-accent-soft/50 bg-ink-900 p-2"
      >
        <div className="flex gap-1.5">
          {DRAW_TOOLS.map((t) => {
            const { label, Icon } = TOOLS[t];
            return (
              <button
                key={t}
                type="button"
                className={toggle(review.tool === t)}
                aria-pressed={review.tool === t}
                onClick={() => review.setTool(t)}
              >
                <Icon className="size-3.5" />
                {label}
              </button>
            );
          })}
        </div>
        <div className="flex gap-1.5">
          {DRAW_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              aria-label={`Colour: ${c}`}
              aria-pressed={review.color === c}
              onClick={() => review.setColor(c)}
              className={cn(
                "size-7 rounded-full border-2 focus-visible:outline-2 focus-visible:outline-accent-soft",
                review.color === c ? "border-ink-100 ring-2 ring-accent-soft/60" : "border-ink-600",
              )}
              style={{ background: DRAW_COLOR_HEX[c] }}
            />
          ))}
        </div>
        <div className="flex flex-1 gap-1">
          <Button size="sm" variant="ghost" onClick={review.undoShape} disabled={draft.shapes.length === 0}>
            <UndoIcon className="size-3.5" />
            Undo
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => review.patchDraft({ shapes: [] })}
            disabled={draft.shapes.length === 0}
          >
            Clear
          </Button>
          <Button size="sm" variant="primary" className="ml-auto" onClick={() => review.setDrawing(false)}>
            <CheckIcon className="size-3.5" />
            Done
          </Button>
        </div>
      </div>
      <p className="text-xs text-ink-400">
        Drawing on the frame at{" "}
        <span className="font-mono text-warn tabular-nums">{formatClipTime(draft.atSec ?? 0)}</span>:{" "}
        {TOOLS[review.tool].hint}. {draft.shapes.length} shape{draft.shapes.length === 1 ? "" : "s"}.
      </p>
    </div>
  );
}
