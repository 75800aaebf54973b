import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { parseGalleryQuery } from "@/components/gallery/gallery-query";
import type { GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import {
  ALL_CLIPS,
  type GenerationPages,
  galleryParams,
  matchesGalleryQuery,
  studioKeys,
  upsertGeneration,
} from "./queries";

const person = (id: string) => ({ id, name: id, initials: id.slice(0, 1).toUpperCase() });
const clip = (id: string, by: string | null): GenerationDTO =>
  ({
    id,
    status: "completed",
    prompt: "p",
    references: [],
    favorite: false,
    reviewStatus: "pending",
    chosen: false,
    takeGroupId: null,
    createdBy: by ? person(by) : null,
  }) as unknown as GenerationDTO;

describe("the creator filter", () => {
  it("reads ?creator=me or a user id from the URL, and writes it back", () => {
    const read = (search: string) => parseGalleryQuery((k) => new URLSearchParams(search).get(k)).creator;
    expect(read("creator=me")).toBe("me");
    expect(read("creator=user12345")).toBe("user12345");
    expect(read("creator=x")).toBeNull();
    expect(read("")).toBeNull();
    expect(galleryParams({ ...ALL_CLIPS, creator: "me" }).toString()).toBe("creator=me");
  });

  it("matches a member's clips; 'me' only once it is known who that is", () => {
    const mine = clip("clip0001", "mara");
    expect(matchesGalleryQuery(mine, { ...ALL_CLIPS, creator: "mara" })).toBe(true);
    expect(matchesGalleryQuery(mine, { ...ALL_CLIPS, creator: "jo" })).toBe(false);
    expect(matchesGalleryQuery(mine, { ...ALL_CLIPS, creator: "me" })).toBe(false);
    expect(matchesGalleryQuery(mine, { ...ALL_CLIPS, creator: "me" }, "mara")).toBe(true);
    expect(matchesGalleryQuery(clip("clip0002", null), { ...ALL_CLIPS, creator: "me" }, "mara")).toBe(false);
  });

  it("puts a new clip at the top of a 'mine' list only when it is the looker's", () => {
    const client = new QueryClient();
    const key = studioKeys.generationList(24, { ...ALL_CLIPS, creator: "me" });
    const page: GenerationPage = { items: [clip("clip0001", "mara")], nextCursor: null };
    client.setQueryData<GenerationPages>(key, { pages: [page], pageParams: [null] });
    upsertGeneration(client, clip("clip0003", "jo"));
    upsertGeneration(client, clip("clip0004", "mara"));
    const ids = client.getQueryData<GenerationPages>(key)?.pages[0]?.items.map((g) => g.id);
    expect(ids).toEqual(["clip0004", "clip0001"]);
  });
});

describe("search in the browser's lists", () => {
  const named = {
    ...clip("clip0005", "mara"),
    prompt: "<IMAGE_REF_0> walks past <VIDEO_REF_0>",
    references: [{ label: "Hero.png" }],
    referenceVideos: [{ label: "harbour pan" }],
  } as unknown as GenerationDTO;

  it("finds a clip by its prompt and by the names of its references, as the server does", () => {
    for (const q of ["walks", "hero", "HARBOUR"])
      expect(matchesGalleryQuery(named, { ...ALL_CLIPS, q }), q).toBe(true);
    expect(matchesGalleryQuery(named, { ...ALL_CLIPS, q: "villain" })).toBe(false);
  });
});

describe("the project scope", () => {
  const inHarbour = { ...clip("clip0006", "mara"), projectId: "harbour01" } as GenerationDTO;

  it("asks the API for the current project's clips, and leaves the key of an unscoped list as it was", () => {
    expect(galleryParams({ ...ALL_CLIPS, project: "harbour01" }).toString()).toBe("project=harbour01");
    expect(studioKeys.generationList(24, ALL_CLIPS)).toEqual([
      "generations",
      "list",
      { limit: 24, ...ALL_CLIPS },
    ]);
  });

  it("puts a new clip only into lists of its project, and into unscoped ones", () => {
    expect(matchesGalleryQuery(inHarbour, { ...ALL_CLIPS, project: "harbour01" })).toBe(true);
    expect(matchesGalleryQuery(inHarbour, { ...ALL_CLIPS, project: "first-project" })).toBe(false);
    expect(matchesGalleryQuery(inHarbour, ALL_CLIPS)).toBe(true);
    const client = new QueryClient();
    const scoped = studioKeys.generationList(24, { ...ALL_CLIPS, project: "first-project" });
    const all = studioKeys.generationList(24, ALL_CLIPS);
    for (const key of [scoped, all])
      client.setQueryData<GenerationPages>(key, {
        pages: [{ items: [], nextCursor: null }],
        pageParams: [null],
      });
    upsertGeneration(client, inHarbour);
    const ids = (key: readonly unknown[]) =>
      client.getQueryData<GenerationPages>(key)?.pages[0]?.items.map((g) => g.id);
    expect([ids(scoped), ids(all)]).toEqual([[], ["clip0006"]]);
  });
});
