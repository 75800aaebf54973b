"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useDropzone } from "react-dropzone";
import { toast } from "sonner";
import { deleteCharacterAction } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PlusIcon, SearchIcon, TrashIcon, UploadIcon, UserIcon } from "@/components/ui/icons";
import { LinkButton } from "@/components/ui/link-button";
import type { CharacterDTO } from "@/lib/characters/dto";
import { actionValue } from "@/lib/client/action";
import { useCurrentProject } from "@/lib/client/current-project";
import { formatUsd } from "@/lib/client/format";
import { libraryQueryOptions, reviewKeys } from "@/lib/client/review";
import { CharacterDialog, type CharacterImage } from "./character-dialog";
import { CharacterVideoThumb } from "./character-video";
import { IdentityTrend } from "./identity-trend";

function CharacterCard({ c, onEdit, canEdit }: { c: CharacterDTO; onEdit: () => void; canEdit: boolean }) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: async () => {
      await actionValue(deleteCharacterAction(c.id));
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: reviewKeys.characters });
      toast(`Deleted ${c.name}`, { description: "Clips made with it keep their references." });
    },
    onError: (e) => toast.error("Could not delete", { description: e.message }),
  });
  return (
    <article
      aria-labelledby={`character-${c.id}`}
      data-testid="character-card"
      data-id={c.id}
      className="flex flex-col gap-3 rounded-card border border-ink-700 bg-ink-900 p-4"
    >
      <ul
        className={c.video ? "grid grid-cols-6 gap-1.5" : "grid grid-cols-5 gap-1.5"}
        aria-label={`${c.name}'s images${c.video ? " and video" : ""}`}
      >
        {c.video && (
          <li className="col-span-2 aspect-[2/1]">
            <CharacterVideoThumb video={c.video} name={c.name} className="size-full" />
          </li>
        )}
        {c.images.map((i) => {
          const main = i.id === c.mainImageId && c.images.length > 1;
          return (
            <li key={i.id} className="relative aspect-square" data-main={main || undefined}>
              {/* biome-ignore lint/performance/noImgElement: thumbnails from our own media route */}
              <img
                src={i.thumbUrl}
                alt={main ? `${i.label} (main image)` : i.label}
                title={main ? `${i.label}: the main image` : i.label}
                width={96}
                height={96}
                className={cn(
                  "size-full rounded-lg border bg-ink-800 object-cover",
                  main ? "border-accent ring-2 ring-accent/40" : "border-ink-700",
                )}
              />
            </li>
          );
        })}
      </ul>
      <div className="flex flex-col gap-1">
        <h2 id={`character-${c.id}`} className="truncate text-base font-semibold text-ink-100">
          {c.name}
        </h2>
        <p className="line-clamp-2 min-h-10 text-sm leading-5 text-ink-300">
          {c.description || <span className="text-ink-400">No description</span>}
        </p>
        {c.voiceNote && (
          <p className="truncate text-xs text-ink-400" title={c.voiceNote} data-testid="character-voice">
            <span className="font-medium text-ink-300">Voice:</span> {c.voiceNote}
          </p>
        )}
      </div>
      <p className="flex gap-x-1.5 text-xs text-ink-400 tabular-nums" data-testid="character-usage">
        <span>
          {c.clipCount} clip{c.clipCount === 1 ? "" : "s"}
        </span>
        <span aria-hidden>·</span>
        <span title="Completed clips at their stored cost">{formatUsd(c.spendUsd)} spent</span>
        <span aria-hidden>·</span>
        <span>
          {c.images.length} image{c.images.length === 1 ? "" : "s"}
        </span>
      </p>
      <IdentityTrend c={c} />
      <div className="mt-auto flex flex-wrap items-center gap-2">
        <LinkButton
          href={`/?insert=${encodeURIComponent(c.id)}`}
          variant="primary"
          size="sm"
          aria-label={`Insert ${c.name} into the composer`}
        >
          <PlusIcon className="size-3.5" />
          Insert
        </LinkButton>
        <LinkButton
          href={`/?character=${encodeURIComponent(c.id)}`}
          size="sm"
          aria-label={`Clips using ${c.name}`}
        >
          <SearchIcon className="size-3.5" />
          Clips
        </LinkButton>
        {canEdit && (
          <>
            <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Edit ${c.name}`}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="ml-auto hover:text-danger"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
              aria-label={`Delete ${c.name}`}
            >
              <TrashIcon className="size-3.5" />
            </Button>
          </>
        )}
      </div>
    </article>
  );
}

/**
 * Every saved character: images, description, clips made with it and what they cost. `canEdit`: the
 * viewer may change characters (editors and up), make new ones (the button, or images dropped anywhere
 * on the page); reviewers only look.
 */
export function LibraryView({ canEdit = true }: { canEdit?: boolean }) {
  // Characters are shared across projects; their clip counts and spend are the current project's.
  const current = useCurrentProject();
  const { data, isPending, isError, error, refetch } = useQuery({
    ...libraryQueryOptions(current.projectId),
    enabled: current.ready,
  });
  const [editing, setEditing] = useState<{
    c?: CharacterDTO;
    images: CharacterImage[];
    files?: readonly File[];
  } | null>(null);
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    noClick: true,
    noKeyboard: true,
    disabled: !canEdit || editing !== null,
    onDrop: (accepted, rejected) => {
      const files = [...accepted, ...rejected.map((r) => r.file)];
      if (files.length > 0) setEditing({ images: [], files });
    },
  });
  return (
    <main
      {...getRootProps({
        className:
          "relative mx-auto flex w-full max-w-[1400px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8",
      })}
    >
      {canEdit && <input {...getInputProps()} aria-hidden tabIndex={-1} />}
      {isDragActive && (
        <div className="pointer-events-none absolute inset-2 z-10 flex items-center justify-center rounded-card border-2 border-accent-soft border-dashed bg-ink-950/80 text-sm font-medium text-ink-100">
          <UploadIcon className="mr-2 size-5" />
          Drop images to make a new character
        </div>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-xl font-semibold text-ink-100">Character library</h1>
          <p className="max-w-2xl text-sm text-ink-400">
            Sets of references saved under a name. Insert one into the composer to keep a character consistent
            across clips; see every clip made with it and what they cost.
            {canEdit && " Drop images anywhere here to make a new one."}
          </p>
          <p className="text-ink-400 text-xs" data-testid="scope-note">
            Clips and spend counted in{" "}
            <span className="font-medium text-ink-200">
              {current.project ? current.project.name : "all projects"}
            </span>
          </p>
        </div>
        {canEdit && (
          <Button variant="primary" size="sm" onClick={() => setEditing({ images: [] })}>
            <PlusIcon className="size-3.5" />
            New character
          </Button>
        )}
      </div>
      {isPending ? (
        <p className="text-sm text-ink-400" role="status">
          Loading characters…
        </p>
      ) : isError ? (
        <div role="alert" className="flex items-center gap-3 text-sm text-danger">
          Could not load the library: {error.message}
          <Button size="sm" onClick={() => void refetch()}>
            Try again
          </Button>
        </div>
      ) : data.length === 0 ? (
        <div className="flex flex-col items-center gap-3 rounded-card border border-ink-700 border-dashed px-6 py-16 text-center">
          <span className="flex size-12 items-center justify-center rounded-full bg-ink-800 text-ink-300">
            <UserIcon className="size-6" />
          </span>
          <p className="text-sm font-medium text-ink-100">No characters yet</p>
          <p className="max-w-sm text-sm text-ink-400">
            {canEdit
              ? "Press New character or drop images here; or save the composer’s references, or a clip’s, as one."
              : "Editors save characters from the composer, a clip’s page or here."}
          </p>
          <LinkButton href="/" size="sm">
            Go to the studio
          </LinkButton>
        </div>
      ) : (
        <div
          className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-4"
          data-testid="character-list"
        >
          {data.map((c) => (
            <CharacterCard
              key={c.id}
              c={c}
              canEdit={canEdit}
              onEdit={() =>
                setEditing({
                  c,
                  images: c.images.map((i) => ({ assetId: i.id, label: i.label, thumbUrl: i.thumbUrl })),
                })
              }
            />
          ))}
        </div>
      )}
      <CharacterDialog
        images={editing?.images ?? null}
        files={editing?.files}
        editing={editing?.c}
        onClose={() => setEditing(null)}
      />
    </main>
  );
}
