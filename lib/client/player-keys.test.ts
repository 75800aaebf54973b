import { describe, expect, it } from "vitest";
import {
  actionForKey,
  type ElementLike,
  focusInfo,
  frameStep,
  type KeyInput,
  SHORTCUT_LINES,
  steppedTime,
  takesKey,
} from "./player-keys";

const press = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

/** An element as focusInfo reads it; `inside` is the widget roles around it. */
function el(tagName: string, attrs: Record<string, string> = {}, inside: string[] = []): ElementLike {
  return {
    tagName: tagName.toUpperCase(),
    isContentEditable: attrs.contenteditable === "true",
    getAttribute: (name) => attrs[name] ?? null,
    closest: (selector) => inside.some((role) => selector.includes(`[role="${role}"]`)) || null,
  };
}

describe("actionForKey", () => {
  it("maps the player's keys", () => {
    expect(actionForKey(press(" "))).toEqual({ kind: "toggle" });
    expect(actionForKey(press("k"))).toEqual({ kind: "toggle" });
    expect(actionForKey(press("j"))).toEqual({ kind: "seek", by: -1 });
    expect(actionForKey(press("l"))).toEqual({ kind: "seek", by: 1 });
    expect(actionForKey(press(","))).toEqual({ kind: "frame", by: -1 });
    expect(actionForKey(press("."))).toEqual({ kind: "frame", by: 1 });
    expect(actionForKey(press("c"))).toEqual({ kind: "comment" });
    expect(actionForKey(press("ArrowLeft"))).toEqual({ kind: "prevComment" });
    expect(actionForKey(press("ArrowRight"))).toEqual({ kind: "nextComment" });
    expect(actionForKey(press("["))).toEqual({ kind: "prevClip" });
    expect(actionForKey(press("]"))).toEqual({ kind: "nextClip" });
    expect(actionForKey(press("?", { shiftKey: true }))).toEqual({ kind: "help" });
  });

  it("steps 5 s with Shift, reading Shift and not the letter's case", () => {
    expect(actionForKey(press("J", { shiftKey: true }))).toEqual({ kind: "seek", by: -5 });
    expect(actionForKey(press("L", { shiftKey: true }))).toEqual({ kind: "seek", by: 5 });
    // Caps Lock: an upper-case letter without Shift is still the 1 s step, and K still toggles.
    expect(actionForKey(press("L"))).toEqual({ kind: "seek", by: 1 });
    expect(actionForKey(press("K"))).toEqual({ kind: "toggle" });
  });

  it("leaves keys held with Ctrl, Cmd or Alt, and keys mid-composition, to the browser", () => {
    for (const mod of ["ctrlKey", "metaKey", "altKey"] as const) {
      for (const key of [" ", "k", "j", "l", ",", ".", "c", "ArrowLeft", "[", "]", "?"]) {
        expect(actionForKey(press(key, { [mod]: true })), `${mod}+${key}`).toBeNull();
      }
    }
    expect(actionForKey(press("k", { isComposing: true }))).toBeNull();
  });

  it("ignores other keys, and Shift on keys it does not widen", () => {
    for (const key of ["a", "Enter", "Escape", "Tab", "ArrowUp", "ArrowDown", "Home", "0", "/"]) {
      expect(actionForKey(press(key)), key).toBeNull();
    }
    for (const key of [" ", "C", "ArrowLeft", "ArrowRight", "<", ">"]) {
      expect(actionForKey(press(key, { shiftKey: true })), `Shift+${key}`).toBeNull();
    }
  });
});

describe("focusInfo and takesKey", () => {
  const all = [" ", "k", "j", "l", ",", ".", "c", "ArrowLeft", "ArrowRight", "[", "]", "?"];

  it("never takes a key from a field", () => {
    for (const field of [
      el("input"),
      el("textarea"),
      el("select"),
      el("div", { contenteditable: "true" }),
      el("div", { role: "textbox" }),
      el("input", { role: "combobox" }),
    ]) {
      const focus = focusInfo(field);
      expect(focus.text).toBe(true);
      for (const key of all) expect(takesKey(actionForKey(press(key))!, focus, key), key).toBe(false);
    }
  });

  it("leaves Space to a focused button or link, and takes the other keys from there", () => {
    for (const pressable of [el("button"), el("a"), el("summary"), el("div", { role: "button" })]) {
      const focus = focusInfo(pressable);
      expect(takesKey({ kind: "toggle" }, focus, " ")).toBe(false);
      expect(takesKey({ kind: "toggle" }, focus, "k")).toBe(true);
      expect(takesKey({ kind: "seek", by: 1 }, focus, "l")).toBe(true);
      expect(takesKey({ kind: "nextComment" }, focus, "ArrowRight")).toBe(true);
    }
  });

  it("leaves the arrows to a widget that moves with them", () => {
    const radio = focusInfo(el("button", { role: "radio" }, ["radiogroup"]));
    expect(takesKey({ kind: "nextComment" }, radio, "ArrowRight")).toBe(false);
    expect(takesKey({ kind: "prevComment" }, radio, "ArrowLeft")).toBe(false);
    expect(takesKey({ kind: "seek", by: 1 }, radio, "l")).toBe(true);
  });

  it("takes every key from the page itself and from the video", () => {
    for (const focus of [focusInfo(null), focusInfo(el("body")), focusInfo(el("video"))]) {
      for (const key of all) expect(takesKey(actionForKey(press(key))!, focus, key), key).toBe(true);
    }
  });
});

describe("steppedTime and frameStep", () => {
  it("keeps a step inside the clip", () => {
    expect(steppedTime(2, 1, 5)).toBe(3);
    expect(steppedTime(0.4, -1, 5)).toBe(0);
    expect(steppedTime(4.6, 1, 5)).toBe(5);
    // Before the metadata is known, the duration is NaN: no upper bound yet.
    expect(steppedTime(1, 5, Number.NaN)).toBe(6);
  });

  it("walks frame by frame from any time, a hair inside each frame", () => {
    const fps = 24;
    let t = 0;
    const frames: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = frameStep(t, 1, fps, 5);
      frames.push(Math.floor(t * fps));
    }
    expect(frames).toEqual([1, 2, 3, 4, 5]);
    for (let i = 0; i < 5; i++) t = frameStep(t, -1, fps, 5);
    expect(t).toBe(0);
    // From between two frames, one step is the next frame's start, not a whole frame later.
    expect(Math.floor(frameStep(1.03, 1, 24, 5) * 24)).toBe(25);
    expect(Math.floor(frameStep(1.03, -1, 24, 5) * 24)).toBe(23);
    expect(frameStep(4.99, 1, 24, 5)).toBe(5);
  });
});

it("lists every key once in the overlay's lines", () => {
  const keys = SHORTCUT_LINES.flatMap((l) => l.keys);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toEqual(expect.arrayContaining(["Space", "K", "J", "L", ",", ".", "C", "?", "[", "]"]));
});
