import { queryOptions } from "@tanstack/react-query";
import type { ProjectDTO } from "@/lib/projects/dto";
import { getJson, sendJson } from "./http";

// Reads and writes of projects (GET/POST /api/projects, PATCH /api/projects/:id) for the header's
// switcher and its Manage dialog.

export const projectKeys = {
  all: ["projects"] as const,
  /** The unarchived projects, oldest first: what the switcher lists and the default is taken from. */
  open: ["projects", "open"] as const,
  /** Every project, archived ones too (the Manage dialog). */
  every: ["projects", "every"] as const,
  /** This browser's choice as its cookie holds it (lib/client/current-project.ts). */
  selection: ["project-selection"] as const,
};

export const projectsQueryOptions = queryOptions({
  queryKey: projectKeys.open,
  queryFn: async ({ signal }) => (await getJson<{ items: ProjectDTO[] }>("/api/projects", signal)).items,
  staleTime: 30_000,
});

export const everyProjectQueryOptions = queryOptions({
  queryKey: projectKeys.every,
  queryFn: async ({ signal }) =>
    (await getJson<{ items: ProjectDTO[] }>("/api/projects?archived=1", signal)).items,
});

const send = async (method: "POST" | "PATCH", url: string, body: unknown): Promise<ProjectDTO> =>
  (await sendJson<{ project: ProjectDTO }>(method, url, body)).project;

export const createProject = (name: string) => send("POST", "/api/projects", { name });

/** A rename (`name`), an archive (`archived: true`) or an unarchive (`archived: false`). */
export const updateProject = (id: string, change: { name?: string; archived?: boolean }) =>
  send("PATCH", `/api/projects/${encodeURIComponent(id)}`, change);
