"use client";

import { PromptWithChips } from "@/components/gallery/prompt-chips";
import { TierBadge } from "@/components/gallery/tier-badge";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { providerLabel } from "@/lib/client/provider-label";
import type { GenerationDTO } from "@/lib/generations/dto";
import { imageTag, videoTag } from "@/lib/generations/tags";
import { RESOLUTION_LABELS } from "@/lib/models/profiles";
import { diffInputs, type InputDiff, type ReferenceChange } from "@/lib/review/compare";

// The difference between two clips' inputs, A and one other side ("from" and "to", named by their letters):
// prompt word by word with named chips, references by content, settings in a table.

const refTone: Record<ReferenceChange["status"], BadgeTone> = {
  same: "neutral",
  moved: "warn",
  added: "ok",
  removed: "danger",
};

/**
 * The prompt diff with each tag drawn as its reference's named chip, as every other view shows it: a
 * removed tag names A's reference, an added or unchanged one the other side's (a reference swapped under an unchanged
 * tag shows in References below).
 */
function PromptDiff({ diff, a, b }: { diff: InputDiff; a: GenerationDTO; b: GenerationDTO }) {
  const chips = (text: string, g: GenerationDTO) => (
    <PromptWithChips prompt={text} references={g.references} videos={g.referenceVideos} />
  );
  return (
    <p
      className="whitespace-pre-wrap break-words rounded-card border border-ink-700 bg-ink-900 p-4 text-sm leading-7 text-ink-100"
      data-testid="prompt-diff"
    >
      {diff.prompt.map((p, i) =>
        p.op === "added" ? (
          <ins key={i} className="rounded bg-ok/15 px-0.5 text-ok no-underline" data-op="added">
            <span className="sr-only">added: </span>
            {chips(p.text, b)}
          </ins>
        ) : p.op === "removed" ? (
          <del key={i} className="rounded bg-danger/15 px-0.5 text-danger" data-op="removed">
            <span className="sr-only">removed: </span>
            {chips(p.text, a)}
          </del>
        ) : (
          <span key={i}>{chips(p.text, b)}</span>
        ),
      )}
    </p>
  );
}

/** The input diff leaves out the version and tier: a draft and its final have the same inputs. */
const sameTier = (a: GenerationDTO, b: GenerationDTO) =>
  a.resolution === b.resolution && a.modelVersion === b.modelVersion;

function providerName(g: GenerationDTO) {
  return g.isPreview ? "Preview engine" : providerLabel(g.provider);
}

const seedText = (g: GenerationDTO) => (g.seed === null ? "—" : g.seed === -1 ? "random" : String(g.seed));

function Settings({ a, b, to }: { a: GenerationDTO; b: GenerationDTO; to: string }) {
  const rows: [string, string, string][] = [
    ["Duration", `${a.duration} s`, `${b.duration} s`],
    ["Aspect", a.aspectRatio, b.aspectRatio],
    ["Resolution", RESOLUTION_LABELS[a.resolution], RESOLUTION_LABELS[b.resolution]],
    ["Provider", providerName(a), providerName(b)],
    ["Model", a.modelLabel, b.modelLabel],
  ];
  // Provider controls only where either clip used them.
  if (a.seed !== null || b.seed !== null) rows.push(["Seed", seedText(a), seedText(b)]);
  if (a.thinkingLevel || b.thinkingLevel)
    rows.push(["Thinking level", a.thinkingLevel ?? "—", b.thinkingLevel ?? "—"]);
  return (
    <table className="w-full text-sm" data-testid="settings-diff">
      <thead>
        <tr className="text-left text-xs text-ink-400">
          <th className="py-1.5 font-medium">Setting</th>
          <th className="py-1.5 font-medium">A</th>
          <th className="py-1.5 font-medium">{to}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-ink-700/70">
        {rows.map(([name, va, vb]) => (
          <tr key={name} data-changed={va !== vb}>
            <th scope="row" className="py-1.5 text-left font-normal text-ink-300">
              {name}
            </th>
            <td className="py-1.5 text-ink-100">{va}</td>
            <td className={va !== vb ? "py-1.5 font-semibold text-warn" : "py-1.5 text-ink-100"}>
              {vb}
              {va !== vb && <span className="sr-only"> (changed)</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function References({ diff }: { diff: InputDiff }) {
  const tag = (r: ReferenceChange, at: number | null) =>
    at === null ? "—" : r.kind === "video" ? videoTag(at) : imageTag(at);
  return (
    <ul className="flex flex-col gap-2" data-testid="reference-diff">
      {diff.references.map((r) => (
        <li
          key={`${r.kind}-${r.sha256}-${r.from}-${r.to}`}
          className="flex items-center gap-3"
          data-status={r.status}
          data-kind={r.kind}
        >
          {/* biome-ignore lint/performance/noImgElement: thumbnails from our own media route */}
          <img
            src={r.thumbUrl}
            alt=""
            width={40}
            height={40}
            className={cn(
              "size-10 shrink-0 rounded-lg border object-cover",
              r.kind === "video" ? "border-video/60" : "border-ink-700",
            )}
          />
          <span className="min-w-0 flex-1 truncate text-sm text-ink-100">
            {r.label}
            {r.kind === "video" && <span className="text-ink-400"> · video</span>}
          </span>
          <span className="shrink-0 font-mono text-[11px] text-ink-400">
            {r.status === "same" ? tag(r, r.from) : `${tag(r, r.from)} → ${tag(r, r.to)}`}
          </span>
          <Badge tone={refTone[r.status]}>{r.status}</Badge>
        </li>
      ))}
    </ul>
  );
}

/**
 * What changed from A to one other side (`to` is its letter): their tiers, whether the inputs are the
 * same, then the prompt, references and settings.
 */
export function InputDiffPanel({ a, b, to }: { a: GenerationDTO; b: GenerationDTO; to: string }) {
  const diff = diffInputs(a, b);
  return (
    <div className="flex flex-col gap-4" data-testid="input-diff" data-to={to}>
      <p className="flex flex-wrap items-center gap-1.5 text-xs text-ink-400" data-testid="compare-tiers">
        <span className="font-semibold text-ink-100">A</span>
        <TierBadge g={a} />
        <span aria-hidden>·</span>
        <span className="font-semibold text-ink-100">{to}</span>
        <TierBadge g={b} />
      </p>
      {diff.identical && (
        <Badge tone="accent" className="self-start" data-testid="same-inputs">
          {sameTier(a, b) ? "Same inputs: takes of one draft" : "Same inputs at another tier"}
        </Badge>
      )}
      <section aria-labelledby="diff-prompt" className="flex flex-col gap-2">
        <h2 id="diff-prompt" className="text-sm font-semibold text-ink-100">
          Prompt <span className="font-normal text-ink-400">A → {to}</span>
        </h2>
        <PromptDiff diff={diff} a={a} b={b} />
      </section>
      <section aria-labelledby="diff-refs" className="flex flex-col gap-2">
        <h2 id="diff-refs" className="text-sm font-semibold text-ink-100">
          References
        </h2>
        <References diff={diff} />
      </section>
      <section aria-labelledby="diff-settings" className="flex flex-col gap-2">
        <h2 id="diff-settings" className="text-sm font-semibold text-ink-100">
          Settings
        </h2>
        <Settings a={a} b={b} to={to} />
      </section>
    </div>
  );
}
