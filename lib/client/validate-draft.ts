import type { AspectRatio } from "@/lib/generations/limits";
import type { CreateGenerationRequest } from "@/lib/generations/schema";
import { type ModelProfile, profileIssues, type Resolution } from "@/lib/models/profiles";
import { shotPrompt } from "@/lib/sequences/shot-prompt";
import type { Draft } from "./draft";
import { sentence } from "./format";
import { type ProviderOption, parseSeed, providerFields } from "./providers";
import { defaultReferenceName } from "./reference-files";
import { chosenResolution, chosenVersion, versionFields } from "./versions";

/** The server's schema as a function: field -> first message (./schema-check.ts). */
export type SchemaCheck = (input: CreateGenerationRequest) => Record<string, string>;

let loading: Promise<SchemaCheck> | undefined;

/**
 * The schema check, loaded on first use (it brings zod, which the first load of the studio does without).
 * When it cannot be loaded (the network dropped), the composer goes on without it: the server checks
 * every request anyway and its answer names the field.
 */
export function loadSchemaCheck(): Promise<SchemaCheck> {
  loading ??= import("./schema-check").then(
    (m) => m.schemaCheck,
    () => {
      loading = undefined; // the next call tries again
      return () => ({});
    },
  );
  return loading;
}

/** Shown while the schema check loads, for the moment after a draft first has content. */
export const CHECKING = "Checking the draft…";

export interface Validation {
  /** Field errors of the current draft, from the same schema and version limits the server uses. */
  errors: Record<string, string>;
  /**
   * What the chosen version cannot do (lib/models/profiles.ts profileIssues), field -> the server's own
   * message: shown by the field, and the draft is kept as it is (nothing is dropped to make it fit).
   */
  issues: Record<string, string>;
  /** The version and tier this draft is made with (undefined until the server said what it serves). */
  version: ModelProfile | undefined;
  resolution: Resolution;
  /** Why Generate cannot be pressed, in words; null when the draft can be submitted. */
  blocker: string | null;
  /** What Generate sends. */
  input: CreateGenerationRequest;
}

/**
 * The prompt as sent: without trailing spaces (the one an insert leaves after its tag, so the user can
 * type on, is not part of what they wrote).
 */
export function sentPrompt(prompt: string): string {
  return prompt.replace(/[ \t\u00a0]+$/, "");
}

/** The shot the composer is editing: its takes go to it, at its sequence's aspect, with its notes. */
export interface ShotTarget {
  id: string;
  aspectRatio: AspectRatio;
  cameraNote: string;
  dialogue: string;
}

/**
 * `provider` is the one chosen in the composer; its capabilities decide which controls are sent, and the
 * draft's version of it (or its default) decides the limits. `check` is the schema check (null while it
 * loads: the plain blockers below still apply, and Generate waits). `resolution` overrides the draft's
 * tier for one request ("Draft at 360p"). `projectId` is the project the clip goes into (the current one,
 * or the default under "All projects": lib/projects/current.ts); without it the server puts the clip in
 * the first project. `shot`: the draft is a shot's, and what is sent is its take, in the shot's project
 * (lib/sequences/shot-prompt.ts: the camera note and dialogue join the prompt, so the Payload view shows them).
 */
export function validateDraft(
  draft: Draft,
  provider: ProviderOption | undefined,
  check: SchemaCheck | null,
  override: { resolution?: Resolution; projectId?: string | null } = {},
  shot: ShotTarget | null = null,
): Validation {
  const version = chosenVersion(provider, draft.version);
  const resolution = override.resolution ?? chosenResolution(version, draft.resolution);
  const ready = draft.references.filter((r) => r.asset);
  const readyVideos = draft.videos.filter((r) => r.asset);
  const input: CreateGenerationRequest = {
    prompt: shot ? shotPrompt(sentPrompt(draft.prompt), shot) : sentPrompt(draft.prompt),
    referenceIds: ready.map((r) => r.asset!.id),
    referenceNames: ready.map((r) => r.name || defaultReferenceName(r.fileName)),
    duration: draft.duration,
    aspectRatio: draft.aspectRatio,
    idempotencyKey: draft.idempotencyKey,
    takes: draft.takes,
    // A shot's take goes to the shot's project, whatever the header shows.
    ...(override.projectId && !shot ? { projectId: override.projectId } : {}),
    // One entry per reference, null for loose images; only sent when a character is in play.
    ...(ready.some((r) => r.characterId)
      ? { referenceCharacterIds: ready.map((r) => r.characterId ?? null) }
      : {}),
    // Videos in tag order: position n is the prompt's <VIDEO_REF_n>. Sent only when there are some, so a
    // draft without videos sends what it always sent.
    ...(readyVideos.length > 0
      ? {
          referenceVideoIds: readyVideos.map((r) => r.asset!.id),
          referenceVideoNames: readyVideos.map((r) => r.name || defaultReferenceName(r.fileName)),
          // A character's video remembers its character, like its images.
          ...(readyVideos.some((r) => r.characterId)
            ? { referenceVideoCharacterIds: readyVideos.map((r) => r.characterId ?? null) }
            : {}),
        }
      : {}),
    ...providerFields(provider, draft),
    ...versionFields(provider, version, resolution),
    ...(shot ? { shotId: shot.id, aspectRatio: shot.aspectRatio } : {}),
  };
  const errors: Record<string, string> = check ? check(input) : {};
  const issues: Record<string, string> = {};
  if (version) {
    // Counted as the server counts them: every reference in the tray, uploaded or not.
    const counts = {
      images: draft.references.length,
      videos: draft.videos.length,
      duration: draft.duration,
      resolution,
    };
    for (const issue of profileIssues(version, { ...counts, aspectRatio: draft.aspectRatio })) {
      // An empty tray is not an error to show by it: "Add at least one reference image" says it below.
      if (issue.path === "referenceIds" && draft.references.length + draft.videos.length === 0) continue;
      issues[issue.path] ??= issue.message;
      errors[issue.path] ??= issue.message;
    }
  }
  const seed = provider?.capabilities.seed ? parseSeed(draft.seedText) : null;
  if (seed && !seed.ok) errors.seed ??= seed.message;
  const failed = draft.videos.find((r) => r.status === "failed");
  const waiting =
    draft.references.length - ready.length + draft.videos.length - readyVideos.length - (failed ? 1 : 0);
  let blocker: string | null = null;
  if (failed) blocker = `${failed.fileName} could not be used: remove it to go on`;
  else if (waiting > 0) blocker = `Waiting for ${waiting} upload${waiting === 1 ? "" : "s"} to finish`;
  else if (draft.references.length + draft.videos.length === 0) blocker = "Add at least one reference image";
  else if (draft.prompt.trim() === "") blocker = "Write a prompt";
  else if (!check) blocker = CHECKING;
  else if (Object.keys(errors).length > 0) blocker = sentence(Object.values(errors)[0] ?? "Check the form");
  return { errors, issues, blocker, input, version, resolution };
}
