import { type ReactNode, useLayoutEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { type RefKind, refTag } from "@/lib/generations/tags";
import type { MentionCharacter } from "./use-mention";

export interface MentionOption {
  kind: RefKind;
  index: number;
  name: string;
  thumbUrl: string | null;
}

export interface MentionMenuProps {
  id: string;
  /** Caret position relative to the editor's frame: left edge, line bottom and line top. */
  left: number;
  top: number;
  lineTop: number;
  query: string;
  options: MentionOption[];
  /** Saved characters whose names hold the query's words: listed after the references. */
  characters: MentionCharacter[];
  /** Over both lists: references first, then characters. */
  active: number;
  hasReferences: boolean;
  onHover: (position: number) => void;
  /** The option's position: in `options`, or `options.length` + its place in `characters`. */
  onChoose: (position: number) => void;
}

const WIDTH = 256;

/** One option of the menu: a reference (square thumbnail) or a character (round, its main image). */
function MentionItem({
  kind,
  id,
  position,
  active,
  thumbUrl,
  round = false,
  onHover,
  onChoose,
  children,
}: {
  kind: RefKind | "character";
  id: string;
  position: number;
  active: boolean;
  thumbUrl: string | null;
  round?: boolean;
  onHover: (position: number) => void;
  onChoose: (position: number) => void;
  children: ReactNode;
}) {
  const shape = round ? "rounded-full" : "rounded-md";
  return (
    <div
      data-kind={kind}
      id={id}
      data-position={position}
      role="option"
      aria-selected={active}
      tabIndex={-1}
      onMouseMove={() => onHover(position)}
      onClick={() => onChoose(position)}
      onKeyDown={() => {}}
      className={cn(
        "flex cursor-pointer items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm",
        active ? "bg-accent/20 text-ink-100" : "text-ink-300",
      )}
    >
      {thumbUrl ? (
        // biome-ignore lint/performance/noImgElement: a stored thumbnail or local object URL
        <img src={thumbUrl} alt="" className={cn("size-7 shrink-0 object-cover", shape)} />
      ) : (
        <span className={cn("size-7 shrink-0 bg-ink-700", shape)} />
      )}
      {children}
    </div>
  );
}

/**
 * The `@` menu under the caret. Focus stays in the prompt (aria-activedescendant points here), so the
 * options take no focus and a click must not blur the editor.
 */
export function MentionMenu(props: MentionMenuProps) {
  const { id, left, top, lineTop, query, options, characters, active, hasReferences, onHover, onChoose } =
    props;
  const count = options.length + characters.length;
  const menu = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ x: left, above: false });

  // Keep the menu inside its frame on narrow screens, and open it above the line when the screen (a
  // phone with its keyboard up) has no room below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the menu's height follows the option count
  useLayoutEffect(() => {
    const el = menu.current;
    const frame = el?.offsetParent as HTMLElement | null;
    if (!el || !frame) return;
    const x = Math.max(0, Math.min(left - 12, frame.clientWidth - WIDTH));
    const viewport = window.visualViewport?.height ?? window.innerHeight;
    const frameTop = frame.getBoundingClientRect().top;
    const height = el.offsetHeight;
    const roomBelow = viewport - (frameTop + top + 4);
    const roomAbove = frameTop + lineTop - 4;
    setPlace({ x, above: roomBelow < height && roomAbove > roomBelow });
  }, [left, top, lineTop, count]);

  useLayoutEffect(() => {
    menu.current?.querySelector(`[data-position="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keeps focus (and the caret) in the prompt on click
    <div
      ref={menu}
      data-testid="mention-menu"
      style={
        place.above
          ? { left: place.x, bottom: `calc(100% - ${lineTop - 4}px)`, width: WIDTH }
          : { left: place.x, top: top + 4, width: WIDTH }
      }
      className="absolute z-30 max-w-full overflow-hidden rounded-xl border border-ink-600 bg-ink-900 shadow-[0_16px_40px_-12px_rgba(0,0,0,0.7)]"
      onMouseDown={(e) => e.preventDefault()}
    >
      {count > 0 ? (
        <div
          id={id}
          role="listbox"
          aria-label="References and characters"
          className="max-h-60 overflow-y-auto p-1"
        >
          {/* biome-ignore lint/a11y/useSemanticElements: ARIA groups inside a listbox (no native equivalent here) */}
          <div role="group" aria-label="References">
            {options.map((option, position) => (
              <MentionItem
                key={`${option.kind}${option.index}`}
                kind={option.kind}
                id={`${id}-${position}`}
                position={position}
                active={position === active}
                thumbUrl={option.thumbUrl}
                onHover={onHover}
                onChoose={onChoose}
              >
                <span className="min-w-0 flex-1 truncate font-medium">
                  {option.name}
                  {option.kind === "video" && <span className="sr-only"> (video)</span>}
                </span>
                <code className="shrink-0 font-mono text-[10px] text-ink-400">
                  {refTag(option.kind, option.index)}
                </code>
              </MentionItem>
            ))}
          </div>
          {characters.length > 0 && (
            // biome-ignore lint/a11y/useSemanticElements: ARIA groups inside a listbox (no native equivalent here)
            <div role="group" aria-labelledby={`${id}-characters`} data-testid="mention-characters">
              <div
                id={`${id}-characters`}
                className="mt-1 border-ink-700 border-t px-2 pt-1.5 pb-1 text-[11px] font-medium tracking-wide text-ink-400 uppercase first:mt-0 first:border-t-0"
              >
                Characters
              </div>
              {characters.map((c, i) => (
                <MentionItem
                  key={c.id}
                  kind="character"
                  id={`${id}-${options.length + i}`}
                  position={options.length + i}
                  active={options.length + i === active}
                  thumbUrl={c.thumbUrl}
                  round
                  onHover={onHover}
                  onChoose={onChoose}
                >
                  <span className="min-w-0 flex-1 truncate font-medium">{c.name}</span>
                  <span className="shrink-0 text-[10px] text-ink-400">character</span>
                </MentionItem>
              ))}
            </div>
          )}
        </div>
      ) : (
        <p id={id} className="px-3 py-2.5 text-xs text-ink-400">
          {hasReferences
            ? `No reference or character is named “${query}”.`
            : "Add reference images or videos first; then @ names them."}
        </p>
      )}
      <p className="border-ink-700 border-t px-3 py-1.5 text-[11px] text-ink-400">
        <kbd className="font-sans">↑↓</kbd> choose · <kbd className="font-sans">Enter</kbd> insert ·{" "}
        <kbd className="font-sans">Esc</kbd> close
      </p>
    </div>
  );
}
