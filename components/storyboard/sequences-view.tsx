"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FilmIcon, PlusIcon } from "@/components/ui/icons";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { sendJson } from "@/lib/client/http";
import { projectsQueryOptions } from "@/lib/client/projects";
import { formatRunTime, sequenceKeys, sequencesQueryOptions } from "@/lib/client/sequences";
import type { AspectRatio } from "@/lib/generations/limits";
import type { SequenceDTO, SequenceSummaryDTO } from "@/lib/sequences/dto";
import { MAX_SEQUENCE_TITLE_CHARS } from "@/lib/sequences/schema";

const ASPECTS = [
  { value: "16:9", label: "16:9 landscape" },
  { value: "9:16", label: "9:16 portrait" },
] as const;

function NewSequenceForm({ projectId }: { projectId: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const titleId = useId();
  const [title, setTitle] = useState("");
  const [aspect, setAspect] = useState<AspectRatio>("16:9");
  const create = useMutation({
    mutationFn: () =>
      sendJson<{ sequence: SequenceDTO }>("POST", "/api/sequences", {
        projectId,
        title,
        aspectRatio: aspect,
      }),
    onSuccess: ({ sequence }) => {
      void client.invalidateQueries({ queryKey: sequenceKeys.list(projectId) });
      router.push(`/sequences/${sequence.id}`);
    },
  });
  return (
    <form
      aria-label="New sequence"
      className="flex flex-col gap-3 rounded-card border border-ink-700 bg-ink-900 p-4 sm:flex-row sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        if (!create.isPending) create.mutate();
      }}
    >
      <label
        htmlFor={titleId}
        className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-ink-200"
      >
        Title
        <input
          id={titleId}
          value={title}
          maxLength={MAX_SEQUENCE_TITLE_CHARS}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Opening scene"
          aria-invalid={create.isError || undefined}
          aria-describedby={create.isError ? `${titleId}-error` : undefined}
          className="h-10 rounded-lg border border-ink-600 bg-ink-950 px-3 text-ink-100 focus-visible:outline-2 focus-visible:outline-accent-soft"
        />
      </label>
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-ink-200" aria-hidden>
          Aspect ratio
        </span>
        <SegmentedControl<AspectRatio>
          label="Aspect ratio"
          options={ASPECTS}
          value={aspect}
          onChange={setAspect}
          optionClassName="h-8 px-3 whitespace-nowrap"
        />
      </div>
      <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
        <PlusIcon className="size-4" /> New sequence
      </Button>
      {create.isError && (
        <p id={`${titleId}-error`} role="alert" className="text-sm text-danger sm:basis-full">
          {create.error.message}
        </p>
      )}
    </form>
  );
}

function SequenceRow({ s }: { s: SequenceSummaryDTO }) {
  const portrait = s.aspectRatio === "9:16";
  return (
    <li>
      <Link
        href={`/sequences/${s.id}`}
        data-testid="sequence-row"
        className="flex items-center gap-4 rounded-card border border-ink-700 bg-ink-900 p-3 transition-colors hover:border-ink-500 focus-visible:outline-2 focus-visible:outline-accent-soft"
      >
        <span className="grid h-16 w-28 shrink-0 place-items-center overflow-hidden rounded-lg bg-ink-800">
          {s.posterUrl ? (
            // biome-ignore lint/performance/noImgElement: posters from our own media route
            <img
              src={s.posterUrl}
              alt=""
              className={portrait ? "h-full w-auto object-cover" : "size-full object-cover"}
            />
          ) : (
            <FilmIcon className="size-6 text-ink-500" aria-hidden />
          )}
        </span>
        <span className="flex min-w-0 flex-1 flex-col gap-0.5">
          <span className="truncate font-semibold text-ink-100">{s.title}</span>
          <span className="text-xs text-ink-400 tabular-nums">
            {s.aspectRatio} · {s.shotCount} {s.shotCount === 1 ? "shot" : "shots"} · {s.chosenCount} chosen ·{" "}
            {formatRunTime(s.durationSec)}
          </span>
        </span>
      </Link>
    </li>
  );
}

/** The storyboards of a project: its sequences, newest first, and New sequence. */
export function SequencesView({
  preferredProjectId,
  canEdit,
}: {
  preferredProjectId: string | null;
  canEdit: boolean;
}) {
  const projects = useQuery(projectsQueryOptions);
  const items = projects.data ?? [];
  // The project asked for when it is one of the open ones, else the oldest (the list comes oldest first).
  const project = items.find((p) => p.id === preferredProjectId) ?? items[0];
  const sequences = useQuery({
    ...sequencesQueryOptions(project?.id ?? ""),
    enabled: project !== undefined,
  });
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-6 sm:px-6 lg:px-8">
      <div className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold text-ink-100">Storyboards</h1>
        <p className="text-sm text-ink-400">
          {project ? (
            <>
              Sequences of <span className="font-medium text-ink-200">{project.name}</span>: shots in order,
              their takes and the ones chosen.
            </>
          ) : projects.isError ? (
            projects.error.message
          ) : (
            "Loading projects…"
          )}
        </p>
      </div>
      {project && canEdit && <NewSequenceForm projectId={project.id} />}
      {sequences.isError && (
        <p role="alert" className="text-sm text-danger">
          {sequences.error.message}
        </p>
      )}
      {sequences.data &&
        (sequences.data.items.length === 0 ? (
          <p className="rounded-card border border-dashed border-ink-700 p-6 text-center text-sm text-ink-400">
            No sequences in this project yet.{canEdit ? " Make one above." : ""}
          </p>
        ) : (
          <ul aria-label="Sequences" className="flex flex-col gap-2">
            {sequences.data.items.map((s) => (
              <SequenceRow key={s.id} s={s} />
            ))}
          </ul>
        ))}
    </main>
  );
}
