"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import type { Me } from "@/lib/auth/me";
import { ApiRequestError } from "@/lib/client/http";
import { createProject, everyProjectQueryOptions, projectKeys, updateProject } from "@/lib/client/projects";
import type { ProjectDTO } from "@/lib/projects/dto";
import { MAX_PROJECT_NAME_CHARS } from "@/lib/projects/schema";

const input =
  "w-full rounded-lg border border-ink-600 bg-ink-950 px-3 text-sm text-ink-100 placeholder:text-ink-500 focus-visible:outline-2 focus-visible:outline-accent-soft aria-invalid:border-danger";

/** The server's word on a refused name ("name must not be empty"), else its message. */
const nameError = (error: unknown) =>
  error instanceof ApiRequestError ? (error.fields?.name ?? error.message) : String(error);

/** "New project…": a name, then the project is made and becomes the current one. */
export function NewProjectDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (project: ProjectDTO) => void;
}) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const fieldId = useId();
  const make = useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      // In the switcher's list at once (its refetch follows), so switching to it does not fall back.
      client.setQueryData<ProjectDTO[]>(projectKeys.open, (list) => [...(list ?? []), project]);
      void client.invalidateQueries({ queryKey: projectKeys.all });
      onCreated(project);
      setName("");
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!make.isPending) make.mutate(name);
  };
  const cancel = () => {
    make.reset();
    setName("");
    onClose();
  };
  return (
    <Modal
      open={open}
      onClose={cancel}
      aria-labelledby={`${fieldId}-title`}
      data-testid="new-project-dialog"
      className="w-[min(26rem,calc(100vw-2rem))]"
    >
      <form onSubmit={submit} className="flex flex-col gap-4 p-5">
        <h2 id={`${fieldId}-title`} className="font-semibold text-base">
          New project
        </h2>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={fieldId} className="font-medium text-ink-200 text-sm">
            Name
          </label>
          <input
            id={fieldId}
            className={`${input} h-10`}
            value={name}
            maxLength={MAX_PROJECT_NAME_CHARS}
            onChange={(e) => setName(e.target.value)}
            placeholder="Harbour film"
            aria-invalid={make.isError || undefined}
            aria-describedby={make.isError ? `${fieldId}-error` : undefined}
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this one name
            autoFocus
          />
          {make.isError ? (
            <p id={`${fieldId}-error`} role="alert" className="text-danger text-xs">
              {nameError(make.error)}
            </p>
          ) : (
            <p className="text-ink-400 text-xs">
              New clips go into the current project; characters are shared by every project.
            </p>
          )}
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={cancel}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" disabled={make.isPending}>
            {make.isPending ? "Creating…" : "Create project"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}

/** One project's row in Manage: its name (or the rename field), counts, Rename and Archive/Unarchive. */
function ProjectRow({ project, canArchive }: { project: ProjectDTO; canArchive: boolean }) {
  const client = useQueryClient();
  const [renaming, setRenaming] = useState<string | null>(null);
  const fieldId = useId();
  const change = useMutation({
    mutationFn: (body: { name?: string; archived?: boolean }) => updateProject(project.id, body),
    onSuccess: () => {
      setRenaming(null);
      void client.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
  const archived = project.archivedAt !== null;
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (renaming !== null && !change.isPending) change.mutate({ name: renaming });
  };
  return (
    <li
      data-testid="manage-project"
      data-id={project.id}
      data-archived={archived || undefined}
      className="flex flex-col gap-2 border-ink-700 border-b px-1 py-3 last:border-b-0"
    >
      {renaming === null ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium text-ink-100 text-sm" data-testid="manage-project-name">
              {project.name}
            </p>
            <p className="text-ink-400 text-xs tabular-nums">
              {archived ? <span className="font-medium text-warn">Archived · </span> : null}
              {project.clipCount} clip{project.clipCount === 1 ? "" : "s"}
              {project.sequenceCount > 0
                ? ` · ${project.sequenceCount} storyboard${project.sequenceCount === 1 ? "" : "s"}`
                : ""}
            </p>
          </div>
          <div className="flex gap-2">
            <Button size="sm" onClick={() => setRenaming(project.name)} aria-label={`Rename ${project.name}`}>
              Rename
            </Button>
            {canArchive ? (
              <Button
                size="sm"
                variant={archived ? "secondary" : "ghost"}
                disabled={change.isPending}
                onClick={() => change.mutate({ archived: !archived })}
                aria-label={`${archived ? "Unarchive" : "Archive"} ${project.name}`}
              >
                {archived ? "Unarchive" : "Archive"}
              </Button>
            ) : null}
          </div>
        </div>
      ) : (
        <form onSubmit={rename} className="flex flex-wrap items-center gap-2">
          <label htmlFor={fieldId} className="sr-only">
            New name for {project.name}
          </label>
          <input
            id={fieldId}
            className={`${input} h-8 min-w-0 flex-1 basis-40`}
            value={renaming}
            maxLength={MAX_PROJECT_NAME_CHARS}
            onChange={(e) => setRenaming(e.target.value)}
            aria-invalid={change.isError || undefined}
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: Rename was just pressed to type here
            autoFocus
          />
          <Button size="sm" variant="primary" type="submit" disabled={change.isPending}>
            Save
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              change.reset();
              setRenaming(null);
            }}
          >
            Cancel
          </Button>
        </form>
      )}
      {change.isError ? (
        <p role="alert" className="text-danger text-xs">
          {nameError(change.error)}
        </p>
      ) : null}
    </li>
  );
}

/**
 * "Manage projects…": rename any project (editors and up); archive and unarchive (admins and owners, as
 * the server asks: archiving hides the project's work from everyone's switcher). Archived projects show
 * on request.
 */
export function ManageProjectsDialog({ me, open, onClose }: { me: Me; open: boolean; onClose: () => void }) {
  const { data, isPending, isError, error } = useQuery({ ...everyProjectQueryOptions, enabled: open });
  const [showArchived, setShowArchived] = useState(false);
  const titleId = useId();
  const canRename = me.role !== "reviewer";
  const canArchive = me.role === "owner" || me.role === "admin";
  const archivedCount = data?.filter((p) => p.archivedAt).length ?? 0;
  const shown = data?.filter((p) => showArchived || !p.archivedAt) ?? [];
  return (
    <Modal
      open={open}
      onClose={onClose}
      aria-labelledby={titleId}
      data-testid="manage-projects-dialog"
      className="w-[min(34rem,calc(100vw-2rem))]"
    >
      <div className="flex max-h-[calc(100dvh-4rem)] flex-col gap-3 p-5">
        <div className="flex items-start justify-between gap-3">
          <div>
            <h2 id={titleId} className="font-semibold text-base">
              Manage projects
            </h2>
            <p className="text-ink-400 text-xs">
              {canArchive
                ? "Archiving hides a project from the switcher; its clips stay, under All projects."
                : canRename
                  ? "Rename projects here; an admin or the owner can archive them."
                  : "Members with the editor role rename projects; admins archive them."}
            </p>
          </div>
          <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close">
            Close
          </Button>
        </div>
        <label className="flex items-center gap-2 text-ink-300 text-sm">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
            className="size-4 accent-[var(--accent)]"
            data-testid="show-archived"
          />
          Show archived ({archivedCount})
        </label>
        {isPending ? (
          <p role="status" className="text-ink-400 text-sm">
            Loading projects…
          </p>
        ) : isError ? (
          <p role="alert" className="text-danger text-sm">
            Could not load the projects: {error.message}
          </p>
        ) : (
          <ul className="-mx-1 overflow-y-auto" data-testid="manage-project-list">
            {shown.map((p) =>
              canRename ? (
                <ProjectRow key={p.id} project={p} canArchive={canArchive} />
              ) : (
                <li key={p.id} className="border-ink-700 border-b px-1 py-3 text-sm last:border-b-0">
                  {p.name}
                </li>
              ),
            )}
          </ul>
        )}
      </div>
    </Modal>
  );
}
