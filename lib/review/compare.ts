import { diffArrays } from "diff";
import type { GenerationDTO } from "@/lib/generations/dto";

// The difference between two clips' inputs: prompt word by word, references by content (sha256; images
// and reference videos each in their own numbering), settings.
// Browser-safe, so the compare view can compute it from two GenerationDTOs.

export interface PromptPart {
  op: "same" | "added" | "removed";
  text: string;
}

export interface ReferenceChange {
  status: "same" | "moved" | "added" | "removed";
  /** An image (<IMAGE_REF_n>) or a reference video (<VIDEO_REF_n>). */
  kind: "image" | "video";
  sha256: string;
  label: string;
  thumbUrl: string;
  /** Positions in A and B (null where absent). */
  from: number | null;
  to: number | null;
}

export interface SettingChange {
  field: "duration" | "aspectRatio" | "provider" | "seed" | "thinkingLevel";
  a: string;
  b: string;
}

export interface InputDiff {
  prompt: PromptPart[];
  references: ReferenceChange[];
  settings: SettingChange[];
  identical: boolean;
}

/** Words, runs of space, and whole `<IMAGE_REF_n>`/`<VIDEO_REF_n>` tags, so a changed tag reads as one change. */
function tokens(text: string): string[] {
  return text.match(/<(?:IMAGE|VIDEO)_REF_\d+>|\s+|[^\s<]+|</g) ?? [];
}

export function diffPrompts(a: string, b: string): PromptPart[] {
  const parts: PromptPart[] = [];
  for (const change of diffArrays(tokens(a), tokens(b))) {
    const op = change.added ? "added" : change.removed ? "removed" : "same";
    const text = change.value.join("");
    const last = parts.at(-1);
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  }
  return parts;
}

type Reference = Pick<GenerationDTO["references"][number], "sha256" | "label" | "thumbUrl" | "position">;

export function diffReferences(
  a: readonly Reference[],
  b: readonly Reference[],
  kind: ReferenceChange["kind"] = "image",
): ReferenceChange[] {
  const inB = new Map(b.map((r) => [r.sha256, r]));
  const inA = new Map(a.map((r) => [r.sha256, r]));
  const out: ReferenceChange[] = a.map((r) => {
    const other = inB.get(r.sha256);
    if (!other)
      return {
        status: "removed",
        kind,
        sha256: r.sha256,
        label: r.label,
        thumbUrl: r.thumbUrl,
        from: r.position,
        to: null,
      };
    return {
      status: other.position === r.position ? "same" : "moved",
      kind,
      sha256: r.sha256,
      label: other.label,
      thumbUrl: r.thumbUrl,
      from: r.position,
      to: other.position,
    };
  });
  for (const r of b) {
    if (!inA.has(r.sha256))
      out.push({
        status: "added",
        kind,
        sha256: r.sha256,
        label: r.label,
        thumbUrl: r.thumbUrl,
        from: null,
        to: r.position,
      });
  }
  return out;
}

const show = (v: unknown) => (v === null || v === undefined ? "—" : String(v));

export function diffInputs(a: GenerationDTO, b: GenerationDTO): InputDiff {
  const prompt = diffPrompts(a.prompt, b.prompt);
  const references = [
    ...diffReferences(a.references, b.references, "image"),
    ...diffReferences(a.referenceVideos, b.referenceVideos, "video"),
  ];
  const settings: SettingChange[] = [];
  for (const field of ["duration", "aspectRatio", "provider", "seed", "thinkingLevel"] as const) {
    if (show(a[field]) !== show(b[field])) settings.push({ field, a: show(a[field]), b: show(b[field]) });
  }
  const identical =
    prompt.every((p) => p.op === "same") &&
    references.every((r) => r.status === "same") &&
    settings.length === 0;
  return { prompt, references, settings, identical };
}
