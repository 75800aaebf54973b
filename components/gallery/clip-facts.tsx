import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { formatBytes, formatElapsed } from "@/lib/client/format";
import { providerLabel } from "@/lib/client/provider-label";
import type { GenerationDTO } from "@/lib/generations/dto";
import { isTerminal } from "@/lib/generations/state";
import { imageTag } from "@/lib/generations/tags";
import { RESOLUTION_LABELS } from "@/lib/models/profiles";
import { costText } from "./clip-meta";
import { shortLabel } from "./prompt-chips";

// Made on first use: building an Intl formatter when the module loads cost every page that imports it.
let dateTime: Intl.DateTimeFormat | undefined;
function formatDateTime(d: Date): string {
  dateTime ??= new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
  });
  return dateTime.format(d);
}

function Panel({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="rounded-card border border-ink-700 bg-ink-900 p-4">
      <h2 id={id} className="mb-3 text-sm font-semibold text-ink-100">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Row({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1.5" data-testid={testId}>
      <dt className="shrink-0 text-ink-400">{term}</dt>
      <dd className="min-w-0 text-right text-ink-100 tabular-nums">{children}</dd>
    </div>
  );
}

/** "+1.4 s" after the previous step, for the timings list. */
function after(from: string | null, to: string | null): string | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return ms < 60_000 ? `+${(ms / 1000).toFixed(1)} s` : `+${formatElapsed(ms)}`;
}

/** A step's time, or why there is none: `missing` says it in words (a lone dash read as a fault). */
function Moment({ at, since, missing }: { at: string | null; since?: string | null; missing: ReactNode }) {
  if (!at) return <span className="text-ink-400">{missing}</span>;
  const delta = after(since ?? null, at);
  return (
    <>
      <time dateTime={at}>{formatDateTime(new Date(at))}</time>
      {delta && <span className="ml-2 text-xs text-ink-400">{delta}</span>}
    </>
  );
}

/** Reverse lookup from a reference: every clip that used this image (or its character). */
function ReferenceLookup({
  assetId,
  characterId,
  label,
}: {
  assetId: string;
  characterId: string | null;
  label: string;
}) {
  const link =
    "rounded text-xs text-accent-soft underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft";
  return (
    <span className="flex flex-wrap gap-x-3">
      <Link
        href={`/?asset=${encodeURIComponent(assetId)}`}
        className={link}
        aria-label={`Clips using ${label}`}
      >
        Clips using this image
      </Link>
      {characterId && (
        <Link href={`/?character=${encodeURIComponent(characterId)}`} className={link}>
          Clips with this character
        </Link>
      )}
    </span>
  );
}

/** Why a clip has no start time: still waiting, never started, or its provider did not say. */
function startMissing(g: GenerationDTO): ReactNode {
  if (!isTerminal(g.status)) return "not yet";
  if (!g.submittedAt || g.status === "canceled") return "did not start";
  return (
    <span title="The provider finished this job between two status checks and did not say how long it ran.">
      not reported
    </span>
  );
}

/** The side panel of a clip's page: references, settings, provider, timings and cost. */
export function ClipFacts({ g }: { g: GenerationDTO }) {
  const total = g.completedAt ? Date.parse(g.completedAt) - Date.parse(g.createdAt) : null;
  const done = isTerminal(g.status);
  return (
    <aside className="flex min-w-0 flex-col gap-4 text-sm" aria-label="Clip details">
      <Panel title={`References (${g.references.length})`} id="references-heading">
        <ul className="flex flex-col gap-2.5" data-testid="clip-references">
          {g.references.map((r) => (
            <li key={`${r.position}-${r.id}`} className="flex items-center gap-3">
              <a
                href={r.url}
                target="_blank"
                rel="noreferrer"
                className="shrink-0 rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-soft"
                aria-label={`Open ${r.label} full size`}
              >
                {/* biome-ignore lint/performance/noImgElement: thumbnails from our own media route */}
                <img
                  src={r.thumbUrl}
                  alt=""
                  width={56}
                  height={56}
                  className="size-14 rounded-lg border border-ink-700 bg-ink-800 object-cover"
                />
              </a>
              <div className="flex min-w-0 flex-col gap-1">
                <span className="truncate font-medium text-ink-100" title={r.label}>
                  {shortLabel(r.label)}
                </span>
                <span className="flex flex-wrap items-center gap-x-2 text-xs text-ink-400">
                  <code className="rounded bg-accent/10 px-1 py-px font-mono text-[11px] text-accent-soft">
                    {imageTag(r.position)}
                  </code>
                  <span className="tabular-nums">
                    {r.width}×{r.height} · {formatBytes(r.bytes)}
                  </span>
                </span>
                <ReferenceLookup assetId={r.id} characterId={r.characterId} label={shortLabel(r.label)} />
              </div>
            </li>
          ))}
        </ul>
      </Panel>

      <Panel title="Settings" id="settings-heading">
        <dl className="divide-y divide-ink-700/70">
          <Row term="Duration">
            {g.duration} s
            {g.videoDurationSec !== null && Math.abs(g.videoDurationSec - g.duration) >= 0.05 && (
              <span className="ml-2 text-xs text-ink-400">file {g.videoDurationSec.toFixed(2)} s</span>
            )}
          </Row>
          <Row term="Aspect ratio">
            {g.aspectRatio} · {RESOLUTION_LABELS[g.resolution] ?? g.resolution}
          </Row>
          <Row term="Provider" testId="clip-provider">
            {g.isPreview ? "Preview engine (local)" : providerLabel(g.provider)}
          </Row>
          <Row term="Model">
            <span className="flex flex-col">
              <span data-testid="clip-model-label">{g.modelLabel}</span>
              <span className="break-all font-mono text-xs text-ink-300">{g.modelId}</span>
            </span>
          </Row>
          {g.seed !== null && (
            <Row term="Seed" testId="clip-seed">
              {g.seed < 0 ? (
                <span className="text-ink-300" title="A new random seed was used">
                  random
                </span>
              ) : (
                <span className="inline-flex items-center gap-1">
                  <span className="font-mono text-xs">{g.seed}</span>
                  <CopyButton text={String(g.seed)} label="Copy the seed" className="-my-1" />
                </span>
              )}
            </Row>
          )}
          {g.thinkingLevel && (
            <Row term="Thinking level" testId="clip-thinking-level">
              {g.thinkingLevel}
            </Row>
          )}
          <Row term="Takes">{g.takeCount > 1 ? `Take ${g.takeIndex + 1} of ${g.takeCount}` : "1"}</Row>
          {g.retryOfId && (
            <Row term="Retry of">
              <Link
                href={`/clips/${g.retryOfId}`}
                className="rounded font-mono text-xs text-accent-soft underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-soft"
              >
                {g.retryOfId}
              </Link>
            </Row>
          )}
          <Row term="Request id" testId="clip-request-id">
            {g.requestId ? (
              <span className="inline-flex min-w-0 items-center gap-1">
                <span className="truncate font-mono text-xs" title={g.requestId}>
                  {g.requestId}
                </span>
                <CopyButton text={g.requestId} label="Copy the request id" className="-my-1" />
              </span>
            ) : (
              <span className="text-ink-400">not sent yet</span>
            )}
          </Row>
        </dl>
      </Panel>

      <Panel title="Timings" id="timings-heading">
        <dl className="divide-y divide-ink-700/70" data-testid="clip-timings">
          <Row term="Created">
            <Moment at={g.createdAt} missing="not yet" />
          </Row>
          <Row term="Submitted">
            <Moment at={g.submittedAt} since={g.createdAt} missing={done ? "not submitted" : "not yet"} />
          </Row>
          <Row term="Started">
            <Moment at={g.startedAt} since={g.submittedAt ?? g.createdAt} missing={startMissing(g)} />
          </Row>
          <Row term={g.status === "completed" ? "Completed" : "Finished"}>
            <Moment
              at={g.completedAt}
              since={g.startedAt ?? g.submittedAt ?? g.createdAt}
              missing="not yet"
            />
          </Row>
          {total !== null && <Row term="Total">{formatElapsed(total)}</Row>}
        </dl>
      </Panel>

      <Panel title="Cost" id="cost-heading">
        <p className="flex items-baseline justify-between gap-4" data-testid="clip-cost">
          <span className="text-ink-400">
            {g.isPreview
              ? "Local preview render"
              : g.actualCostUsd !== null
                ? "Charged by the provider"
                : "Estimate; the final cost comes with the result"}
          </span>
          <span className="text-base font-semibold text-ink-100 tabular-nums">{costText(g)}</span>
        </p>
        {!g.isPreview && g.status !== "completed" && isFinal(g) && (
          <p className="mt-2 text-xs text-ink-400">Failed and canceled requests are not billed.</p>
        )}
      </Panel>
    </aside>
  );
}

const isFinal = (g: GenerationDTO) => g.status === "failed" || g.status === "canceled";
