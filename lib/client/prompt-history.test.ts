import { describe, expect, it } from "vitest";
import { emptyHistory, GROUP_WINDOW_MS, mapHistory, recordEdit, redo, undo } from "./prompt-history";

const at = (n: number) => ({ start: n, end: n });

describe("prompt history", () => {
  it("groups typing in place into one step and undoes it in one go", () => {
    let h = emptyHistory();
    h = recordEdit(h, { prompt: "", selection: at(0) }, at(1), "type", 0);
    h = recordEdit(h, { prompt: "a", selection: at(1) }, at(2), "type", 100);
    h = recordEdit(h, { prompt: "ab", selection: at(2) }, at(3), "type", 200);
    expect(h.past).toHaveLength(1);
    const u = undo(h, { prompt: "abc", selection: at(3) })!;
    expect(u.snapshot).toEqual({ prompt: "", selection: at(0) });
    const r = redo(u.history, u.snapshot)!;
    expect(r.snapshot).toEqual({ prompt: "abc", selection: at(3) });
  });

  it("starts a new step after a pause, a caret jump, or another kind of edit", () => {
    let h = emptyHistory();
    h = recordEdit(h, { prompt: "", selection: at(0) }, at(1), "type", 0);
    h = recordEdit(h, { prompt: "a", selection: at(1) }, at(2), "type", GROUP_WINDOW_MS + 1);
    expect(h.past).toHaveLength(2);
    h = recordEdit(h, { prompt: "ab", selection: at(0) }, at(1), "type", GROUP_WINDOW_MS + 2);
    expect(h.past).toHaveLength(3);
    h = recordEdit(h, { prompt: "xab", selection: at(1) }, at(0), "delete", GROUP_WINDOW_MS + 3);
    expect(h.past).toHaveLength(4);
    h = recordEdit(h, { prompt: "ab", selection: at(0) }, at(14), "other", GROUP_WINDOW_MS + 4);
    h = recordEdit(
      h,
      { prompt: "<IMAGE_REF_0> ab", selection: at(14) },
      at(28),
      "other",
      GROUP_WINDOW_MS + 5,
    );
    expect(h.past).toHaveLength(6);
  });

  it("a new edit clears redo", () => {
    let h = recordEdit(emptyHistory(), { prompt: "", selection: at(0) }, at(1), "type", 0);
    h = undo(h, { prompt: "a", selection: at(1) })!.history;
    expect(h.future).toHaveLength(1);
    h = recordEdit(h, { prompt: "", selection: at(0) }, at(1), "type", 10);
    expect(h.future).toHaveLength(0);
    expect(redo(h, { prompt: "b", selection: at(1) })).toBeNull();
  });

  it("renumbers tags inside the stack", () => {
    let h = recordEdit(
      emptyHistory(),
      { prompt: "<IMAGE_REF_0> and <IMAGE_REF_1>", selection: at(31) },
      at(0),
      "other",
      0,
    );
    h = mapHistory(h, (p) => p.replace("0>", "X>").replace("1>", "0>").replace("X>", "1>"));
    expect(h.past[0]!.prompt).toBe("<IMAGE_REF_1> and <IMAGE_REF_0>");
  });
});
