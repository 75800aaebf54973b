import type { AssetDTO } from "@/lib/generations/dto";
import { type AspectRatio, DEFAULT_DURATION } from "@/lib/generations/schema";
import { imageTag, parseImageTags, remapImageTags } from "@/lib/generations/tags";

// The composer's draft as a pure reducer: references (in tag order), prompt, settings, the idempotency key
// and the server's last field errors. Position n in `references` is the prompt's <IMAGE_REF_n>.

export interface DraftReference {
  /** Local id, stable across uploads and reorders. */
  key: string;
  fileName: string;
  /** Object URL of the local file, shown at once while the upload runs. */
  previewUrl: string;
  status: "uploading" | "ready";
  /** 0..1 of the bytes sent. */
  progress: number;
  asset: AssetDTO | null;
}

export interface Draft {
  references: DraftReference[];
  prompt: string;
  duration: number;
  aspectRatio: AspectRatio;
  idempotencyKey: string;
  /** Field -> message from the last rejected submit; cleared by the next edit. */
  serverErrors: Record<string, string>;
}

export type DraftAction =
  | { type: "references/added"; items: DraftReference[] }
  | { type: "references/progress"; key: string; progress: number }
  | { type: "references/uploaded"; key: string; asset: AssetDTO }
  | { type: "references/removed"; key: string }
  | { type: "prompt/changed"; prompt: string }
  | { type: "duration/changed"; duration: number }
  | { type: "aspect/changed"; aspectRatio: AspectRatio }
  | { type: "submit/rejected"; errors: Record<string, string> }
  | { type: "submit/accepted"; nextIdempotencyKey: string };

export function initialDraft(idempotencyKey: string): Draft {
  return {
    references: [],
    prompt: "",
    duration: DEFAULT_DURATION,
    aspectRatio: "16:9",
    idempotencyKey,
    serverErrors: {},
  };
}

/**
 * Removing reference `removed` drops its tags (with one neighbouring space, so no double space is left) and
 * shifts later tags down, so each still names its image.
 */
export function promptWithoutReference(prompt: string, removed: number): string {
  const space = (i: number) => /\s/.test(prompt[i] ?? "");
  let out = "";
  let last = 0;
  for (const tag of parseImageTags(prompt)) {
    if (tag.index !== removed) continue;
    let { start, end } = tag;
    if (space(end) && (start === 0 || space(start - 1))) end++;
    else if (space(start - 1)) start--;
    out += prompt.slice(last, Math.max(last, start));
    last = end;
  }
  out += prompt.slice(last);
  return remapImageTags(out, (i) => (i > removed ? i - 1 : i));
}

const edited = (draft: Draft, patch: Partial<Draft>): Draft => ({ ...draft, ...patch, serverErrors: {} });

export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case "references/added":
      return edited(draft, { references: [...draft.references, ...action.items] });
    case "references/progress":
      return {
        ...draft,
        references: draft.references.map((r) =>
          r.key === action.key && r.status === "uploading" ? { ...r, progress: action.progress } : r,
        ),
      };
    case "references/uploaded":
      return {
        ...draft,
        references: draft.references.map((r) =>
          r.key === action.key ? { ...r, status: "ready", progress: 1, asset: action.asset } : r,
        ),
      };
    case "references/removed": {
      const index = draft.references.findIndex((r) => r.key === action.key);
      if (index < 0) return draft;
      return edited(draft, {
        references: draft.references.filter((r) => r.key !== action.key),
        prompt: promptWithoutReference(draft.prompt, index),
      });
    }
    case "prompt/changed":
      return edited(draft, { prompt: action.prompt });
    case "duration/changed":
      return edited(draft, { duration: action.duration });
    case "aspect/changed":
      return edited(draft, { aspectRatio: action.aspectRatio });
    case "submit/rejected":
      return { ...draft, serverErrors: action.errors };
    case "submit/accepted":
      // The composer keeps its content so the next variation is one edit away; only the key is new.
      return { ...draft, idempotencyKey: action.nextIdempotencyKey, serverErrors: {} };
  }
}

/** Text to splice in for a tag at [start, end): spaced from its neighbours so it reads as a word. */
export function spliceTag(prompt: string, start: number, end: number, index: number) {
  const before = prompt.slice(0, start);
  const after = prompt.slice(end);
  const lead = before && !/\s$/.test(before) ? " " : "";
  const trail = after && /^[\s.,;:!?)]/.test(after) ? "" : " ";
  const text = `${lead}${imageTag(index)}${trail}`;
  return { prompt: before + text + after, caret: before.length + text.length };
}
