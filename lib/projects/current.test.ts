import { describe, expect, it } from "vitest";
import { ALL_PROJECTS, parseProjectCookie, resolveCurrentProject } from "./current";
import type { ProjectDTO } from "./dto";

const project = (id: string, archived = false): ProjectDTO => ({
  id,
  name: id.toUpperCase(),
  archivedAt: archived ? "2026-12-01T00:00:00.000Z" : null,
  clipCount: 0,
  sequenceCount: 0,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
});
// Unarchived, oldest first, as GET /api/projects lists them.
const open = [project("first-project"), project("harbour01")];

describe("parseProjectCookie", () => {
  it("reads all, a project id (encoded or not), and nothing else", () => {
    expect(parseProjectCookie("all")).toBe(ALL_PROJECTS);
    expect(parseProjectCookie("harbour01")).toBe("harbour01");
    expect(parseProjectCookie("first%2Dproject")).toBe("first-project");
    for (const raw of [undefined, null, "", "a b", "x;y", "%E0%A4%A", "<script>"])
      expect(parseProjectCookie(raw), String(raw)).toBeNull();
  });
});

describe("resolveCurrentProject", () => {
  it("scopes to the chosen project; new clips go into it", () => {
    expect(resolveCurrentProject("harbour01", open)).toMatchObject({
      selection: "harbour01",
      projectId: "harbour01",
      project: { name: "HARBOUR01" },
      newClipProjectId: "harbour01",
    });
  });

  it("falls back to the oldest unarchived project when unset, garbled, unknown or archived", () => {
    for (const raw of [undefined, "", "%%", "gone-project", "archived1"]) {
      expect(resolveCurrentProject(raw, open), String(raw)).toMatchObject({
        selection: "first-project",
        projectId: "first-project",
      });
    }
    // Given a list with archived ones too, an archived one is neither current nor the default.
    expect(resolveCurrentProject("old", [project("old", true), ...open]).projectId).toBe("first-project");
    expect(resolveCurrentProject("all", [project("old", true), ...open]).newClipProjectId).toBe(
      "first-project",
    );
  });

  it("under All projects scopes nothing, and new clips go into the default project", () => {
    expect(resolveCurrentProject("all", open)).toEqual({
      selection: "all",
      projectId: null,
      project: null,
      newClipProjectId: "first-project",
    });
  });

  it("scopes nothing while the list is unknown or empty (every project archived)", () => {
    const none = { selection: "all", projectId: null, project: null, newClipProjectId: null };
    expect(resolveCurrentProject("harbour01", undefined)).toEqual(none);
    expect(resolveCurrentProject("harbour01", [])).toEqual(none);
    expect(resolveCurrentProject("all", [])).toEqual(none);
  });
});
