import type { AssetDTO } from "@/lib/generations/dto";
import {
  type AspectRatio,
  DEFAULT_DURATION,
  type ProviderId,
  type ThinkingLevel,
} from "@/lib/generations/limits";
import {
  parseImageTags,
  parseVideoTags,
  type RefKind,
  remapImageTags,
  remapVideoTags,
} from "@/lib/generations/tags";
import type { ModelVersionId, Resolution } from "@/lib/models/profiles";
import {
  type EditKind,
  emptyHistory,
  mapHistory,
  type PromptHistory,
  recordEdit,
  redo,
  undo,
} from "./prompt-history";
import type { TextRange } from "./prompt-model";

// The composer's draft as a pure reducer: references (in tag order), prompt with its undo stack,
// settings, the idempotency key and the server's last field errors. Position n in `references` is the
// prompt's <IMAGE_REF_n>, position n in `videos` its <VIDEO_REF_n> (numbered apart, as the model reads
// them); every change of order rewrites the tags of that kind so each still names the same image or video.

export interface DraftReference {
  /** Local id, stable across uploads, renames and reorders. */
  key: string;
  /** The short name shown on chips and sent as the reference's label. */
  name: string;
  fileName: string;
  /** What the tile shows: the local file at once, the stored thumbnail once uploaded. */
  previewUrl: string;
  /**
   * preparing: decoding and maybe scaling down; uploading: bytes on the way; ready: stored; failed: the
   * server refused it (a video whose content it could not use), with its answer in `error`.
   */
  status: "preparing" | "uploading" | "ready" | "failed";
  /** The server's refusal, shown on the tile until it is removed. */
  error?: string;
  /** A video's length in seconds as kept (the range picked on the scrubber, else the whole file). */
  seconds?: number;
  /** 0..1 of the bytes sent. */
  progress: number;
  asset: AssetDTO | null;
  /** The saved character this image was inserted from (recorded on the clip for reverse lookup). */
  characterId?: string | null;
}

/** One change the prompt editor made, with the selection before and after it (for undo). */
export interface PromptEdit {
  prompt: string;
  before: TextRange;
  after: TextRange;
  kind: EditKind;
}

/** Where the prompt's caret goes after a change; the editor applies it when `seq` moves on. */
export interface CaretRequest extends TextRange {
  seq: number;
}

export interface Draft {
  references: DraftReference[];
  /** Reference videos in tag order (their asset's `video` holds the length and poster). */
  videos: DraftReference[];
  prompt: string;
  history: PromptHistory;
  caret: CaretRequest;
  duration: number;
  aspectRatio: AspectRatio;
  takes: number;
  /** The provider picked for this clip; null follows the server's default. */
  provider: ProviderId | null;
  /** The model version picked; null (or one the provider does not serve) follows the provider's default. */
  version: ModelVersionId | null;
  /** The tier picked; null (or one the version does not offer) follows the version's default. */
  resolution: Resolution | null;
  /** The seed as typed ("" = random); sent only where the provider has seeds. */
  seedText: string;
  /** Sent only where the provider has thinking levels. */
  thinkingLevel: ThinkingLevel;
  idempotencyKey: string;
  /** Field -> message from the last rejected submit; cleared by the next edit. */
  serverErrors: Record<string, string>;
}

/** What a draft is made of, without editing state: what is stored, restored and loaded from a clip. */
export interface DraftContent {
  references: DraftReference[];
  videos: DraftReference[];
  prompt: string;
  duration: number;
  aspectRatio: AspectRatio;
  takes: number;
  provider: ProviderId | null;
  version: ModelVersionId | null;
  resolution: Resolution | null;
  seedText: string;
  thinkingLevel: ThinkingLevel;
}

export type DraftAction =
  | { type: "references/added"; items: DraftReference[] }
  | { type: "videos/added"; items: DraftReference[] }
  | { type: "references/progress"; key: string; progress: number }
  | { type: "references/uploaded"; key: string; asset: AssetDTO; previewUrl?: string }
  | { type: "references/failed"; key: string; error: string }
  /** Progress, upload, rename and removal find the key among the images and the videos. */
  | { type: "references/removed"; key: string }
  | {
      type: "references/restored";
      reference: DraftReference;
      index: number;
      /** Which list it goes back to (images when unset). */
      kind?: RefKind;
      /** The prompt and history before and right after the removal being undone. */
      before: { prompt: string; history: PromptHistory };
      promptAfter: string;
    }
  | { type: "references/moved"; from: number; to: number; kind?: RefKind }
  | { type: "references/renamed"; key: string; name: string }
  | { type: "prompt/edited"; prompt: string; before: TextRange; after: TextRange; kind: EditKind; at: number }
  | { type: "prompt/undo"; selection: TextRange }
  | { type: "prompt/redo"; selection: TextRange }
  | { type: "duration/changed"; duration: number }
  | { type: "aspect/changed"; aspectRatio: AspectRatio }
  | { type: "takes/changed"; takes: number }
  | { type: "provider/changed"; provider: ProviderId }
  | { type: "version/changed"; version: ModelVersionId }
  | { type: "resolution/changed"; resolution: Resolution }
  | { type: "seed/changed"; seedText: string }
  | { type: "thinking/changed"; thinkingLevel: ThinkingLevel }
  | { type: "draft/replaced"; content: DraftContent; idempotencyKey: string }
  | { type: "submit/rejected"; errors: Record<string, string> }
  | { type: "submit/accepted"; nextIdempotencyKey: string }
  /** The server saw this key with other inputs (a lost answer, then an edit): these inputs get a new one. */
  | { type: "key/rotated"; idempotencyKey: string };

export function initialDraft(idempotencyKey: string): Draft {
  return {
    references: [],
    videos: [],
    prompt: "",
    history: emptyHistory(),
    caret: { start: 0, end: 0, seq: 0 },
    duration: DEFAULT_DURATION,
    aspectRatio: "16:9",
    takes: 1,
    provider: null,
    version: null,
    resolution: null,
    seedText: "",
    thinkingLevel: "default",
    idempotencyKey,
    serverErrors: {},
  };
}

export function isDraftEmpty(draft: Pick<Draft, "references" | "prompt"> & { videos?: unknown[] }): boolean {
  return draft.references.length === 0 && (draft.videos?.length ?? 0) === 0 && draft.prompt.trim() === "";
}

/**
 * Takes tags (of `kind`: images by default) out of the prompt together with one neighbouring space, so no
 * double space is left.
 */
export function dropTags(prompt: string, drop: (index: number) => boolean, kind: RefKind = "image"): string {
  const space = (i: number) => /\s/.test(prompt[i] ?? "");
  let out = "";
  let last = 0;
  for (const tag of kind === "video" ? parseVideoTags(prompt) : parseImageTags(prompt)) {
    if (!drop(tag.index)) continue;
    let { start, end } = tag;
    if (space(end) && (start === 0 || space(start - 1))) end++;
    else if (space(start - 1)) start--;
    out += prompt.slice(last, Math.max(last, start));
    last = Math.max(last, end);
  }
  return out + prompt.slice(last);
}

/** Removing reference `removed` drops its tags and shifts later tags down, so each still names its image. */
export function promptWithoutReference(prompt: string, removed: number): string {
  return remapImageTags(
    dropTags(prompt, (i) => i === removed),
    (i) => (i > removed ? i - 1 : i),
  );
}

/** Removing reference video `removed` drops its tags and shifts later video tags down; image tags stay. */
export function promptWithoutVideo(prompt: string, removed: number): string {
  return remapVideoTags(
    dropTags(prompt, (i) => i === removed, "video"),
    (i) => (i > removed ? i - 1 : i),
  );
}

/** Old index -> new index when the item at `from` moves to `to` in a list of `count`. */
export function moveMapping(from: number, to: number, count: number): (index: number) => number {
  const order = Array.from({ length: count }, (_, i) => i);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved!);
  const newIndexOf = new Map(order.map((old, position) => [old, position]));
  return (index) => newIndexOf.get(index) ?? index;
}

const edited = (draft: Draft, patch: Partial<Draft>): Draft => ({ ...draft, ...patch, serverErrors: {} });
/** The list a key is in: the images' or the videos'. */
const listOf = (draft: Draft, key: string): "references" | "videos" =>
  draft.videos.some((v) => v.key === key) ? "videos" : "references";
const caretAt = (draft: Draft, range: TextRange): CaretRequest => ({ ...range, seq: draft.caret.seq + 1 });

export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case "references/added":
      return edited(draft, { references: [...draft.references, ...action.items] });
    case "videos/added":
      return edited(draft, { videos: [...draft.videos, ...action.items] });
    case "references/progress": {
      const list = listOf(draft, action.key);
      return {
        ...draft,
        [list]: draft[list].map((r) =>
          r.key === action.key && r.status !== "ready" && r.status !== "failed"
            ? { ...r, status: "uploading", progress: action.progress }
            : r,
        ),
      };
    }
    case "references/uploaded": {
      const list = listOf(draft, action.key);
      return {
        ...draft,
        [list]: draft[list].map((r) =>
          r.key === action.key
            ? {
                ...r,
                status: "ready",
                progress: 1,
                asset: action.asset,
                previewUrl: action.previewUrl ?? r.previewUrl,
              }
            : r,
        ),
      };
    }
    case "references/failed": {
      const list = listOf(draft, action.key);
      return {
        ...draft,
        [list]: draft[list].map((r) =>
          r.key === action.key ? { ...r, status: "failed", error: action.error } : r,
        ),
      };
    }
    case "references/removed": {
      const video = draft.videos.findIndex((r) => r.key === action.key);
      if (video >= 0) {
        return edited(draft, {
          videos: draft.videos.filter((r) => r.key !== action.key),
          prompt: promptWithoutVideo(draft.prompt, video),
          history: mapHistory(draft.history, (p) => promptWithoutVideo(p, video)),
        });
      }
      const index = draft.references.findIndex((r) => r.key === action.key);
      if (index < 0) return draft;
      return edited(draft, {
        references: draft.references.filter((r) => r.key !== action.key),
        prompt: promptWithoutReference(draft.prompt, index),
        history: mapHistory(draft.history, (p) => promptWithoutReference(p, index)),
      });
    }
    case "references/restored": {
      const key = action.reference.key;
      if (draft.references.some((r) => r.key === key) || draft.videos.some((r) => r.key === key))
        return draft;
      const list = action.kind === "video" ? "videos" : "references";
      const index = Math.min(action.index, draft[list].length);
      const items = [...draft[list]];
      items.splice(index, 0, action.reference);
      // Untouched since the removal: the prompt comes back exactly. Edited since: keep the edits and only
      // shift the tags after the restored image (or video) back up.
      const untouched = draft.prompt === action.promptAfter;
      const remap = action.kind === "video" ? remapVideoTags : remapImageTags;
      const shift = (p: string) => remap(p, (i) => (i >= index ? i + 1 : i));
      return edited(draft, {
        [list]: items,
        prompt: untouched ? action.before.prompt : shift(draft.prompt),
        history: untouched ? action.before.history : mapHistory(draft.history, shift),
      });
    }
    case "references/moved": {
      const list = action.kind === "video" ? "videos" : "references";
      const count = draft[list].length;
      const { from, to } = action;
      if (from === to || from < 0 || to < 0 || from >= count || to >= count) return draft;
      const items = [...draft[list]];
      const [moved] = items.splice(from, 1);
      items.splice(to, 0, moved!);
      const map = moveMapping(from, to, count);
      // Tags past the list (already flagged) keep their number; tags of the other kind are left alone.
      const remapKind = action.kind === "video" ? remapVideoTags : remapImageTags;
      const remap = (p: string) => remapKind(p, (i) => (i < count ? map(i) : i));
      return edited(draft, {
        [list]: items,
        prompt: remap(draft.prompt),
        history: mapHistory(draft.history, remap),
      });
    }
    case "references/renamed": {
      const list = listOf(draft, action.key);
      return edited(draft, {
        [list]: draft[list].map((r) => (r.key === action.key ? { ...r, name: action.name } : r)),
      });
    }
    case "prompt/edited": {
      if (action.prompt === draft.prompt) return { ...draft, caret: caretAt(draft, action.after) };
      const before = { prompt: draft.prompt, selection: action.before };
      return edited(draft, {
        prompt: action.prompt,
        history: recordEdit(draft.history, before, action.after, action.kind, action.at),
        caret: caretAt(draft, action.after),
      });
    }
    case "prompt/undo":
    case "prompt/redo": {
      const step = action.type === "prompt/undo" ? undo : redo;
      const result = step(draft.history, { prompt: draft.prompt, selection: action.selection });
      if (!result) return draft;
      return edited(draft, {
        prompt: result.snapshot.prompt,
        history: result.history,
        caret: caretAt(draft, result.snapshot.selection),
      });
    }
    case "duration/changed":
      return edited(draft, { duration: action.duration });
    case "aspect/changed":
      return edited(draft, { aspectRatio: action.aspectRatio });
    case "takes/changed":
      return edited(draft, { takes: action.takes });
    case "provider/changed":
      return edited(draft, { provider: action.provider });
    case "version/changed":
      return edited(draft, { version: action.version });
    case "resolution/changed":
      return edited(draft, { resolution: action.resolution });
    case "seed/changed":
      return edited(draft, { seedText: action.seedText });
    case "thinking/changed":
      return edited(draft, { thinkingLevel: action.thinkingLevel });
    case "draft/replaced": {
      const { content } = action;
      const end = content.prompt.length;
      return {
        ...draft,
        ...content,
        history: emptyHistory(),
        caret: caretAt(draft, { start: end, end }),
        idempotencyKey: action.idempotencyKey,
        serverErrors: {},
      };
    }
    case "submit/rejected":
      return { ...draft, serverErrors: action.errors };
    case "submit/accepted":
      // The composer keeps its content so the next variation is one edit away; only the key is new.
      return { ...draft, idempotencyKey: action.nextIdempotencyKey, serverErrors: {} };
    case "key/rotated":
      return { ...draft, idempotencyKey: action.idempotencyKey };
  }
}

export function draftContent(draft: Draft): DraftContent {
  const { references, videos, prompt, duration, aspectRatio, takes, provider, version, resolution } = draft;
  const { seedText, thinkingLevel } = draft;
  return {
    references,
    videos,
    prompt,
    duration,
    aspectRatio,
    takes,
    provider,
    version,
    resolution,
    seedText,
    thinkingLevel,
  };
}
