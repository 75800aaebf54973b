"use client";

import { useQuery } from "@tanstack/react-query";
import { type PointerEvent as ReactPointerEvent, type RefObject, useEffect, useRef, useState } from "react";
import { commentsQueryOptions } from "@/lib/client/review";
import {
  addStrokePoint,
  contentBox,
  DRAW_COLOR_HEX,
  fromPlane,
  isMeaningful,
  type Rect,
  type Shape,
  toPlane,
} from "@/lib/review/drawing";
import { formatClipTime } from "@/lib/review/limits";
import { AT_FRAME, type ReviewState, usePausedAt } from "./review-state";

// Drawn notes over the player: the shapes of the selected comment (when the player is paused on its
// moment), of the comment being written, and, while drawing, the layer that takes the pointer. Laid
// exactly over the picture, not the <video> element: shapes are stored relative to the picture
// (lib/review/drawing.ts), and a letterboxed clip has bars inside its element.

/** Where the picture is inside the video element, kept current as the player resizes. */
function usePictureRect(video: RefObject<HTMLVideoElement | null>): Rect | null {
  const [rect, setRect] = useState<Rect | null>(null);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const measure = () => {
      const next = contentBox(el.clientWidth, el.clientHeight, el.videoWidth, el.videoHeight);
      setRect((r) =>
        r && r.left === next.left && r.top === next.top && r.width === next.width && r.height === next.height
          ? r
          : next,
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener("loadedmetadata", measure);
    el.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      el.removeEventListener("loadedmetadata", measure);
      el.removeEventListener("resize", measure);
    };
  }, [video]);
  return rect;
}

const near = (at: number | null, target: number) => at !== null && Math.abs(at - target) <= AT_FRAME;

function ShapePath({ shape, w, h, stroke }: { shape: Shape; w: number; h: number; stroke: number }) {
  const pts = shape.points.map((p) => fromPlane(p, { width: w, height: h }));
  const color = DRAW_COLOR_HEX[shape.color];
  const draw = (paint: string, width: number, key: string) => {
    const common = {
      stroke: paint,
      strokeWidth: width,
      fill: "none",
      strokeLinecap: "round" as const,
      strokeLinejoin: "round" as const,
    };
    if (shape.tool === "box") {
      const [[x1, y1], [x2, y2]] = pts as [[number, number], [number, number]];
      return (
        <rect
          key={key}
          x={Math.min(x1, x2)}
          y={Math.min(y1, y2)}
          width={Math.abs(x2 - x1)}
          height={Math.abs(y2 - y1)}
          rx={stroke}
          {...common}
        />
      );
    }
    if (shape.tool === "pen") {
      return <polyline key={key} points={pts.map(([x, y]) => `${x},${y}`).join(" ")} {...common} />;
    }
    const [[x1, y1], [x2, y2]] = pts as [[number, number], [number, number]];
    const angle = Math.atan2(y2 - y1, x2 - x1);
    const length = Math.hypot(x2 - x1, y2 - y1);
    const head = Math.min(stroke * 5, length * 0.6);
    const wing = (turn: number) =>
      `${x2 - head * Math.cos(angle + turn)},${y2 - head * Math.sin(angle + turn)}`;
    // The shaft stops inside the head, so its round cap does not poke through the tip.
    const shaftEnd = [x2 - head * 0.6 * Math.cos(angle), y2 - head * 0.6 * Math.sin(angle)];
    return (
      <g key={key}>
        <line x1={x1} y1={y1} x2={shaftEnd[0]} y2={shaftEnd[1]} {...common} />
        <polygon points={`${x2},${y2} ${wing(0.45)} ${wing(-0.45)}`} {...common} fill={paint} />
      </g>
    );
  };
  return (
    <g data-testid="drawn-shape" data-tool={shape.tool} data-color={shape.color}>
      {/* A dark edge under each line keeps it visible on a bright frame. */}
      {draw("rgba(0,0,0,0.55)", stroke + 2, "edge")}
      {draw(color, stroke, "line")}
    </g>
  );
}

/** The drawing layer over the player (rendered inside the player's frame, after the video). */
export function FrameNotes({
  generationId,
  video,
  review,
}: {
  generationId: string;
  video: RefObject<HTMLVideoElement | null>;
  review: ReviewState;
}) {
  const picture = usePictureRect(video);
  const pausedAt = usePausedAt(video);
  const { data: comments = [] } = useQuery(commentsQueryOptions(generationId));
  const [active, setActive] = useState<Shape | null>(null);
  const activeRef = useRef<Shape | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { draft, drawing } = review;

  // Leaving drawing mode drops a half-drawn shape.
  useEffect(() => {
    if (!drawing) {
      activeRef.current = null;
      setActive(null);
    }
  }, [drawing]);

  if (!picture || picture.width <= 0) return null;
  const selected = comments.find((c) => c.id === review.selectedId);
  let shapes: Shape[] = [];
  let about = "";
  if (drawing) {
    shapes = draft.shapes;
  } else if (draft.atSec !== null && draft.shapes.length > 0 && near(pausedAt, draft.atSec)) {
    shapes = draft.shapes;
    about = "your comment's drawing";
  } else if (selected?.drawing && near(pausedAt, selected.atSec)) {
    shapes = selected.drawing.shapes;
    about = `${selected.authorName}'s drawing at ${formatClipTime(selected.atSec)}`;
  }
  if (!drawing && shapes.length === 0) return null;

  const { width: w, height: h } = picture;
  const stroke = Math.min(5, Math.max(2, w / 220));
  const pointAt = (e: ReactPointerEvent) => {
    const r = svg.current!.getBoundingClientRect();
    return toPlane(e.clientX - r.left, e.clientY - r.top, {
      left: 0,
      top: 0,
      width: r.width,
      height: r.height,
    });
  };
  const update = (next: Shape | null) => {
    activeRef.current = next;
    setActive(next);
  };

  return (
    <svg
      ref={svg}
      data-testid={drawing ? "drawing-layer" : "frame-drawing"}
      data-comment-id={!drawing && selected && shapes === selected.drawing?.shapes ? selected.id : undefined}
      role="img"
      aria-label={
        drawing
          ? `Drawing area for the ${review.tool === "pen" ? "freehand" : review.tool} tool`
          : `Showing ${about}: ${shapes.length} shape${shapes.length === 1 ? "" : "s"}`
      }
      viewBox={`0 0 ${w} ${h}`}
      className={
        drawing
          ? "absolute z-10 cursor-crosshair touch-none select-none"
          : "pointer-events-none absolute z-10"
      }
      style={{ left: picture.left, top: picture.top, width: w, height: h }}
      onPointerDown={
        drawing
          ? (e) => {
              if (!e.isPrimary || e.button !== 0) return;
              e.preventDefault();
              e.currentTarget.setPointerCapture(e.pointerId);
              const p = pointAt(e);
              update({
                tool: review.tool,
                color: review.color,
                points: review.tool === "pen" ? [p] : [p, p],
              });
            }
          : undefined
      }
      onPointerMove={
        drawing
          ? (e) => {
              const current = activeRef.current;
              if (!current || !e.isPrimary) return;
              const p = pointAt(e);
              update({
                ...current,
                points: current.tool === "pen" ? addStrokePoint(current.points, p) : [current.points[0]!, p],
              });
            }
          : undefined
      }
      onPointerUp={
        drawing
          ? () => {
              const done = activeRef.current;
              update(null);
              if (done && isMeaningful(done)) review.addShape(done);
            }
          : undefined
      }
      onPointerCancel={drawing ? () => update(null) : undefined}
    >
      {shapes.map((shape, i) => (
        // Shapes are only ever appended or popped, so the index is a stable key.
        <ShapePath key={i} shape={shape} w={w} h={h} stroke={stroke} />
      ))}
      {active && isMeaningful(active) && <ShapePath shape={active} w={w} h={h} stroke={stroke} />}
    </svg>
  );
}
