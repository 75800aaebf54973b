// Which project this browser works in: a cookie, not localStorage, so a server-rendered page (the
// gallery's first page, the header's switcher) is already scoped in its first HTML, like the gallery's
// layout cookies (components/gallery/layout-prefs.ts). Plain module: the server pages and the browser
// both import it.
import type { ProjectDTO } from "./dto";

export const PROJECT_COOKIE = "omni-project";

/** The cookie's value for "every project": the gallery, spend and library unscoped. */
export const ALL_PROJECTS = "all";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The cookie's value as a selection: "all", a well-formed project id, or null (unset or garbled). */
export function parseProjectCookie(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null; // a stray "%": garbled
  }
  return value === ALL_PROJECTS || ID.test(value) ? value : null;
}

export interface CurrentProject {
  /** What the switcher shows as chosen: "all" or a project's id. */
  selection: string;
  /** The project the views are scoped to; null for "all projects". */
  projectId: string | null;
  project: ProjectDTO | null;
  /** Where a new clip goes: the current project, or the default one under "all projects". */
  newClipProjectId: string | null;
}

/**
 * The selection against the unarchived projects (oldest first, as GET /api/projects lists them). An unset
 * cookie, or one naming a project that was archived or removed since, falls back to the default: the
 * oldest unarchived project. With no list yet (it has not loaded) nothing is scoped.
 */
export function resolveCurrentProject(
  raw: string | null | undefined,
  projects: readonly ProjectDTO[] | undefined,
): CurrentProject {
  const selection = parseProjectCookie(raw);
  if (!projects) return { selection: ALL_PROJECTS, projectId: null, project: null, newClipProjectId: null };
  const usable = projects.filter((p) => !p.archivedAt);
  const fallback = usable[0] ?? null;
  if (selection === ALL_PROJECTS)
    return { selection, projectId: null, project: null, newClipProjectId: fallback?.id ?? null };
  const project = usable.find((p) => p.id === selection) ?? fallback;
  if (!project) return { selection: ALL_PROJECTS, projectId: null, project: null, newClipProjectId: null };
  return { selection: project.id, projectId: project.id, project, newClipProjectId: project.id };
}
