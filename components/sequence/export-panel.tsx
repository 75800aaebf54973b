"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { FieldMessage } from "@/components/ui/field-message";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatBytes } from "@/lib/client/format";
import { sendJson } from "@/lib/client/http";
import { exportsQueryOptions } from "@/lib/client/sequence-queries";
import { clock, shotName, type Timeline } from "@/lib/client/sequence-timeline";
import { sequenceKeys } from "@/lib/client/sequences";
import type { ExportDTO } from "@/lib/exports/dto";

interface Props {
  sequenceId: string;
  timeline: Timeline;
  /** Editors and above export; everyone may download. */
  canExport: boolean;
}

function ExportRow({ e }: { e: ExportDTO }) {
  return (
    <li
      data-testid="export-row"
      data-status={e.status}
      className="space-y-1.5 rounded-lg border border-ink-700 bg-ink-900 p-3 text-sm"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium text-ink-100">
          {e.shotCount} shots · {clock(e.durationSec ?? e.expectedDurationSec)}
        </span>
        <span className="text-ink-400 text-xs">
          {e.status === "completed"
            ? `${e.width}×${e.height} · ${e.fps} fps · ${e.bytes === null ? "" : formatBytes(e.bytes)}`
            : e.status === "failed"
              ? "failed"
              : e.status === "running"
                ? `exporting ${Math.round(e.progress * 100)}%`
                : "waiting to start"}
        </span>
        {e.downloadUrl && (
          <a
            href={e.downloadUrl}
            download
            className={buttonClasses("primary", "sm", "ml-auto")}
            data-testid="export-download"
          >
            Download MP4
          </a>
        )}
      </div>
      {(e.status === "queued" || e.status === "running") && (
        <ProgressBar value={e.status === "running" ? e.progress : null} label="Export progress" />
      )}
      {e.error && <FieldMessage>{e.error}</FieldMessage>}
      {e.status === "completed" && e.chapters.length > 0 && (
        <p className="text-ink-400 text-xs">Chapters: {e.chapters.map((c) => c.title).join(" · ")}</p>
      )}
    </li>
  );
}

/**
 * One MP4 of the chosen takes, made in the background (progress shown; it goes on if the page is closed
 * or the studio restarts), plus the shot list and the review comments as files.
 */
export function ExportPanel({ sequenceId, timeline, canExport }: Props) {
  const client = useQueryClient();
  const { data: exports = [] } = useQuery(exportsQueryOptions(sequenceId));
  const [error, setError] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => sendJson<{ export: ExportDTO }>("POST", `/api/sequences/${sequenceId}/export`),
    onSuccess: () => {
      setError(null);
      void client.invalidateQueries({ queryKey: sequenceKeys.exports(sequenceId) });
    },
    onError: (err) => setError(err.message),
  });
  const missing = timeline.missing[0];
  const blocked = missing
    ? `${shotName(missing)} has no finished chosen take: choose one on the storyboard to export.`
    : null;
  const base = `/api/sequences/${sequenceId}`;
  return (
    <section aria-labelledby="export-title" className="space-y-3" data-testid="export-panel">
      <h2 id="export-title" className="font-semibold text-ink-100 text-sm">
        Export
      </h2>
      {canExport && (
        <div className="space-y-2">
          <Button
            variant="secondary"
            size="sm"
            aria-disabled={Boolean(blocked) || start.isPending}
            aria-describedby={blocked ? "export-blocked" : undefined}
            onClick={() => !blocked && !start.isPending && start.mutate()}
            data-testid="export-start"
          >
            {start.isPending ? "Asking…" : "Export MP4"}
          </Button>
          {blocked && (
            <FieldMessage id="export-blocked" tone="hint">
              {blocked}
            </FieldMessage>
          )}
          {error && <FieldMessage>{error}</FieldMessage>}
        </div>
      )}
      {exports.length > 0 && (
        <ol className="space-y-2" aria-label="Exports, newest first">
          {exports.slice(0, 3).map((e) => (
            <ExportRow key={e.id} e={e} />
          ))}
        </ol>
      )}
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
        <span className="text-ink-400">Shot list:</span>
        <a
          className="text-accent-soft underline-offset-2 hover:underline"
          href={`${base}/shot-list?format=csv`}
          download
        >
          CSV
        </a>
        <a
          className="text-accent-soft underline-offset-2 hover:underline"
          href={`${base}/shot-list?format=json`}
          download
        >
          JSON
        </a>
        <span className="text-ink-400">Comments:</span>
        <a
          className="text-accent-soft underline-offset-2 hover:underline"
          href={`${base}/comments?format=csv`}
          download
        >
          CSV
        </a>
      </p>
    </section>
  );
}
