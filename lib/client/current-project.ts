"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { cookieString, readCookie } from "@/components/gallery/layout-prefs";
import { type CurrentProject, PROJECT_COOKIE, resolveCurrentProject } from "@/lib/projects/current";
import { projectKeys, projectsQueryOptions } from "./projects";

// The project this browser works in. The cookie is the truth (the server reads it to render scoped
// pages, app/_lib/server-state.tsx); the query cache holds its value so the server's render and the
// browser's first render read the same one, and every component that scopes follows a switch at once.

export interface UseCurrentProject extends CurrentProject {
  /** The project list and the cookie are known: scoped reads may start (else they would read "all" first). */
  ready: boolean;
  /** Switches to a project id, or to ALL_PROJECTS; kept a year in this browser. */
  setProject(selection: string): void;
}

export function useCurrentProject(): UseCurrentProject {
  const client = useQueryClient();
  const { data: projects } = useQuery(projectsQueryOptions);
  const { data: raw } = useQuery({
    queryKey: projectKeys.selection,
    queryFn: () => readCookie(document.cookie, PROJECT_COOKIE) ?? "",
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const current = useMemo(() => resolveCurrentProject(raw, projects), [raw, projects]);
  const setProject = useCallback(
    (selection: string) => {
      // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server pages too
      document.cookie = cookieString(PROJECT_COOKIE, encodeURIComponent(selection));
      client.setQueryData(projectKeys.selection, selection);
    },
    [client],
  );
  return { ...current, ready: projects !== undefined && raw !== undefined, setProject };
}
