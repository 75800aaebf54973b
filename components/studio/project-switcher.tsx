"use client";

import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { CheckIcon, ChevronDownIcon, LayersIcon } from "@/components/ui/icons";
import type { Me } from "@/lib/auth/me";
import { useCurrentProject } from "@/lib/client/current-project";
import { projectsQueryOptions } from "@/lib/client/projects";
import { ALL_PROJECTS } from "@/lib/projects/current";
import { ManageProjectsDialog, NewProjectDialog } from "./project-dialogs";

// The share dialog's code loads when someone opens it, not with every studio page.
const ShareDialog = lazy(() =>
  import("@/components/share/share-dialog").then((m) => ({ default: m.ShareDialog })),
);

const clips = (n: number) => `${n} clip${n === 1 ? "" : "s"}`;

/** The menu's items in order, for the arrow keys. */
const menuItems = (menu: HTMLElement | null) => [
  ...(menu?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []),
];

/**
 * The header's project switcher: the current project's name; opens the unarchived projects (with their
 * clip counts), All projects, New project… and Share this project… (editors and up) and Manage
 * projects…. A menu button by the
 * ARIA pattern: ↓/↑ (and Home/End) move between items, Enter or Space picks, Esc closes and returns focus.
 */
export function ProjectSwitcher({ me }: { me: Me }) {
  const current = useCurrentProject();
  const { data: projects } = useQuery(projectsQueryOptions);
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<"new" | "manage" | "share" | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const canCreate = me.role !== "reviewer";

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Opened: the chosen item takes focus (else the first), so the arrows start from where the user is.
  useEffect(() => {
    if (!open) return;
    const list = menuItems(menu.current);
    (list.find((el) => el.getAttribute("aria-checked") === "true") ?? list[0])?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function onMenuKey(e: KeyboardEvent) {
    const list = menuItems(menu.current);
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (e.key === "ArrowDown") move(at + 1);
    else if (e.key === "ArrowUp") move(at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(list.length - 1);
    else if (e.key === "Escape") {
      e.preventDefault();
      close();
    } else if (e.key === "Tab") setOpen(false);
  }

  const pick = (selection: string) => {
    current.setProject(selection);
    close();
  };
  const name = current.project?.name ?? "All projects";
  const item =
    "flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-ink-200 outline-none hover:bg-ink-800 hover:text-ink-100 focus-visible:bg-ink-800 focus-visible:text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft";
  const check = (on: boolean) => (
    <CheckIcon className={cn("size-3.5 shrink-0 text-accent-soft", on ? "visible" : "invisible")} />
  );

  return (
    <div ref={root} className="relative min-w-0">
      <button
        ref={button}
        type="button"
        data-testid="project-switcher"
        data-project={current.selection}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Project: ${name}. Switch project`}
        title={`Project: ${name}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="flex h-8 min-w-0 max-w-[13rem] items-center gap-1 rounded-md border border-ink-700 bg-ink-900 px-1.5 font-medium text-ink-100 text-sm transition-colors hover:border-ink-500 focus-visible:outline-2 focus-visible:outline-accent-soft sm:gap-1.5 sm:px-2.5"
      >
        <LayersIcon className="size-4 shrink-0 text-ink-300" />
        {/* A phone's header has no room for a name beside the nav: the menu's check mark shows it there. */}
        <span className="hidden truncate sm:inline" data-testid="project-name">
          {name}
        </span>
        <ChevronDownIcon className="size-3.5 shrink-0 text-ink-400" />
      </button>
      {open ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label="Projects"
          tabIndex={-1}
          onKeyDown={onMenuKey}
          data-testid="project-menu"
          className="absolute top-10 left-0 z-30 max-h-[min(28rem,calc(100dvh-5rem))] w-[min(20rem,calc(100vw-1.5rem))] overflow-y-auto rounded-card border border-ink-700 bg-ink-900 p-1.5 shadow-xl"
        >
          <p className="px-3 pt-1.5 pb-1 font-medium text-[11px] text-ink-400 uppercase tracking-wide">
            Projects
          </p>
          {(projects ?? []).map((p) => (
            <button
              key={p.id}
              type="button"
              role="menuitemradio"
              aria-checked={current.selection === p.id}
              data-testid="project-option"
              data-id={p.id}
              tabIndex={-1}
              onClick={() => pick(p.id)}
              className={item}
            >
              {check(current.selection === p.id)}
              <span className="min-w-0 flex-1 truncate">{p.name}</span>
              <span className="shrink-0 text-ink-400 text-xs tabular-nums">{clips(p.clipCount)}</span>
            </button>
          ))}
          <button
            type="button"
            role="menuitemradio"
            aria-checked={current.selection === ALL_PROJECTS}
            data-testid="project-option"
            data-id={ALL_PROJECTS}
            tabIndex={-1}
            onClick={() => pick(ALL_PROJECTS)}
            className={item}
          >
            {check(current.selection === ALL_PROJECTS)}
            <span className="min-w-0 flex-1 truncate">All projects</span>
          </button>
          <div className="my-1 border-ink-700 border-t" />
          {canCreate ? (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                close(false);
                setDialog("new");
              }}
              className={item}
            >
              <span className="size-3.5 shrink-0" />
              New project…
            </button>
          ) : null}
          {canCreate && current.project ? (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                close(false);
                setDialog("share");
              }}
              className={item}
              data-testid="share-project"
            >
              <span className="size-3.5 shrink-0" />
              Share this project…
            </button>
          ) : null}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              close(false);
              setDialog("manage");
            }}
            className={item}
          >
            <span className="size-3.5 shrink-0" />
            Manage projects…
          </button>
        </div>
      ) : null}
      <NewProjectDialog
        open={dialog === "new"}
        onClose={() => setDialog(null)}
        onCreated={(p) => current.setProject(p.id)}
      />
      <ManageProjectsDialog me={me} open={dialog === "manage"} onClose={() => setDialog(null)} />
      {dialog === "share" && current.project ? (
        <Suspense fallback={null}>
          <ShareDialog
            open
            onClose={() => setDialog(null)}
            share={{
              kind: "project",
              target: current.project.id,
              what: `the project “${current.project.name}”: its clips and sequences`,
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
