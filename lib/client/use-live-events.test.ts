import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { navKeys } from "./clip-nav";
import { projectKeys } from "./projects";
import { ALL_CLIPS, studioKeys } from "./queries";
import { reviewKeys } from "./review";
import { sequenceKeys } from "./sequences";
import { applyChange, throttledInvalidator } from "./use-live-events";

// Which cached queries each kind of change marks for refetching: what the view shows, and nothing more.

const KEYS = {
  list: studioKeys.generationList(24, ALL_CLIPS),
  clip: studioKeys.generation("clip-1"),
  otherClip: studioKeys.generation("clip-2"),
  comments: [...reviewKeys.comments("clip-1"), "viewer-1"],
  activity: reviewKeys.activity("clip-1"),
  otherActivity: reviewKeys.activity("clip-2"),
  otherComments: [...reviewKeys.comments("clip-2"), "viewer-1"],
  characters: reviewKeys.characters,
  spend: studioKeys.spend,
  compare: reviewKeys.compare(["clip-1", "clip-3"]),
  otherCompare: reviewKeys.compare(["clip-2", "clip-3"]),
  // A clip page's take switcher and Prev/Next.
  takes: navKeys.takes("group-1"),
  neighbors: navKeys.neighbors("clip-1", "q=rain"),
  storyboard: sequenceKeys.detail("seq-1"),
  storyboards: sequenceKeys.list("project-1"),
  // The header's project switcher (clip counts) and its Manage dialog; the cookie's value is never stale.
  projects: projectKeys.open,
  everyProject: projectKeys.every,
  selection: projectKeys.selection,
} as const;

function stale(change: Parameters<typeof applyChange>[1]): string[] {
  const client = new QueryClient();
  for (const key of Object.values(KEYS)) client.setQueryData(key, { pages: [], pageParams: [] });
  applyChange(client, change);
  return Object.entries(KEYS)
    .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

describe("applyChange", () => {
  it("a comment refreshes that clip's comments and its counts, not other clips' comments", () => {
    expect(stale({ kind: "comment", generationId: "clip-1" })).toEqual(["clip", "comments", "list"]);
  });

  it("a review change refreshes the clip, its activity, the lists, characters and comparisons holding it", () => {
    expect(stale({ kind: "review", generationId: "clip-1" })).toEqual([
      "activity",
      "characters",
      "clip",
      "compare",
      "list",
      "neighbors",
      "storyboard",
      "storyboards",
      "takes",
    ]);
  });

  it("progress refreshes only the clip; a status move also lists, spend and comparisons", () => {
    expect(stale({ kind: "generation.progress", generationId: "clip-1" })).toEqual(["clip"]);
    expect(stale({ kind: "generation.status", generationId: "clip-1" })).toEqual([
      "clip",
      "compare",
      "list",
      "neighbors",
      "spend",
      "storyboard",
      "storyboards",
      "takes",
    ]);
  });

  it("new, deleted and restored clips refresh lists and spend (a restored one its page); characters the library", () => {
    // Storyboards too (a shot's card shows its takes' states and posters), and the switcher's counts.
    const lists = [
      "everyProject",
      "list",
      "neighbors",
      "projects",
      "spend",
      "storyboard",
      "storyboards",
      "takes",
    ];
    expect(stale({ kind: "generation.created", generationId: "clip-9" })).toEqual(lists);
    expect(stale({ kind: "generation.deleted", generationId: "clip-1" })).toEqual(lists);
    expect(stale({ kind: "generation.restored", generationId: "clip-1" })).toEqual(
      ["activity", "clip", ...lists].sort(),
    );
    expect(stale({ kind: "character", characterId: "char-1" })).toEqual(["characters"]);
  });

  it("a sequence change refreshes the storyboards, and nothing about clips", () => {
    expect(stale({ kind: "sequence", sequenceId: "seq-1" })).toEqual(["storyboard", "storyboards"]);
  });

  it("a project made, renamed or archived refreshes the switcher's lists only", () => {
    expect(stale({ kind: "project" })).toEqual(["everyProject", "projects"]);
  });

  it("an identity score refreshes the clip, lists, characters' trends and comparisons holding it", () => {
    expect(stale({ kind: "identity", generationId: "clip-1" })).toEqual([
      "characters",
      "clip",
      "compare",
      "list",
    ]);
  });
});

describe("throttledInvalidator", () => {
  it("refreshes a shared view at once, then once more after a burst, then stays quiet", () => {
    vi.useFakeTimers();
    try {
      const client = new QueryClient();
      const calls: unknown[] = [];
      client.invalidateQueries = ((filters: { queryKey: unknown }) => {
        calls.push(filters.queryKey);
        return Promise.resolve();
      }) as QueryClient["invalidateQueries"];
      const wide = throttledInvalidator(client, 500);
      for (let i = 0; i < 20; i++) wide(studioKeys.generationLists);
      wide(studioKeys.spend);
      expect(calls).toEqual([studioKeys.generationLists, studioKeys.spend]);
      vi.advanceTimersByTime(500);
      // The burst's last change is not lost: one more refresh at the end of the window.
      expect(calls).toEqual([studioKeys.generationLists, studioKeys.spend, studioKeys.generationLists]);
      vi.advanceTimersByTime(2_000);
      expect(calls).toHaveLength(3);
      wide(studioKeys.generationLists);
      expect(calls).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
