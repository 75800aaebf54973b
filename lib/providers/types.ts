import type { Pricing } from "@/lib/generations/cost";
import type { AspectRatio, ProviderId, ThinkingLevel } from "@/lib/generations/schema";
import type { ModelProfile, Resolution } from "@/lib/models/profiles";

export { PROVIDER_IDS, type ProviderId, THINKING_LEVELS, type ThinkingLevel } from "@/lib/generations/schema";

/** A reference image (or video) as the provider sees it: ordered, position n is <IMAGE_REF_n> (<VIDEO_REF_n>). */
export interface ProviderReference {
  assetId: string;
  sha256: string;
  mime: string;
  /**
   * `fn` with a local path of the original bytes: the stored file itself, or (S3) a download removed once
   * `fn` settles. Rejects when the file is missing from storage.
   */
  withFile<T>(fn: (file: string) => Promise<T>): Promise<T>;
  /** A readable name, for uploads that carry one. */
  fileName: string;
}

export interface ProviderInput {
  /** The endpoint (fal) or model (AtlasCloud) to send it to: the clip's own, stored when it was made. */
  modelId: string;
  /** The clip's model version: what its request takes and how its fields are spelled. */
  profile: ModelProfile;
  resolution: Resolution;
  prompt: string;
  duration: number;
  aspectRatio: AspectRatio;
  references: ProviderReference[];
  /**
   * Reference videos, ordered: position n is <VIDEO_REF_n>. Only where the profile takes videos; absent
   * or empty: none (the service refuses videos for a version without them before any provider is asked).
   */
  videos?: ProviderReference[];
  /** Only for providers whose capabilities say `seed`; -1 asks for a random seed. */
  seed?: number;
  /** Only for providers that list thinking levels. */
  thinkingLevel?: ThinkingLevel;
}

/** What the studio stores and shows for any failure. */
export interface ProviderError {
  /** Stable machine code, e.g. content_policy_violation, rate_limited, provider_unavailable. */
  code: string;
  /** A sentence a person can act on. Never contains secrets. */
  message: string;
  /** Whether trying again (later, or on Retry) can help. */
  retryable: boolean;
}

/** Thrown by provider calls. `retryable` transient faults are retried by the pipeline with backoff. */
export class ProviderCallError extends Error {
  constructor(
    public readonly error: ProviderError,
    public readonly httpStatus?: number,
  ) {
    super(error.message);
    this.name = "ProviderCallError";
  }
}

export interface LogLine {
  message: string;
  level?: string;
  timestamp?: string;
}

export type ProviderStatus =
  | { state: "queued"; queuePosition: number | null; logs: LogLine[] }
  | { state: "running"; logs: LogLine[] }
  /**
   * Finished, successfully or not: call result() to learn which. `ranSeconds`, when the provider says it,
   * is how long the job ran (fal's `metrics.inference_time`): it dates the start of a job that went from
   * the queue to done between two status calls.
   */
  | { state: "completed"; logs: LogLine[]; ranSeconds?: number };

export interface ProviderVideo {
  url: string;
  contentType?: string;
  fileName?: string;
  bytes?: number;
}

export type ProviderResult = { ok: true; video: ProviderVideo } | { ok: false; error: ProviderError };

export interface ProviderJob {
  generationId: string;
  requestId: string;
  input: ProviderInput;
}

export interface SubmitOptions {
  generationId: string;
  /** Where the provider should deliver a completion webhook; absent when webhooks are off. */
  webhookUrl?: string;
}

export type CancelOutcome = "canceled" | "already_completed" | "not_found";

export interface ProviderCapabilities {
  durations: { min: number; max: number; default: number };
  aspectRatios: readonly AspectRatio[];
  maxReferences: number;
  webhooks: boolean;
  /** Accepts a seed for reproducible results. */
  seed: boolean;
  /** Thinking levels it accepts; empty when it has no such control. */
  thinkingLevels: readonly ThinkingLevel[];
  /** Can stop a job that already started. */
  cancel: boolean;
}

/**
 * A provider's capabilities: what its default version takes (lib/models/profiles.ts, the one place a
 * version's limits live) and what the provider itself can do (webhooks, stopping a started job).
 */
export function capabilitiesOf(
  profile: ModelProfile,
  own: Pick<ProviderCapabilities, "webhooks" | "cancel">,
): ProviderCapabilities {
  return {
    durations: profile.durations,
    aspectRatios: profile.aspectRatios,
    maxReferences: profile.images.max,
    seed: profile.seed,
    thinkingLevels: profile.thinkingLevels,
    ...own,
  };
}

export interface VideoProvider {
  readonly id: ProviderId;
  readonly modelId: string;
  /** A name people know it by, e.g. "fal.ai". */
  readonly label: string;
  readonly capabilities: ProviderCapabilities;
  readonly pricing: Pricing;
  /** The model versions it serves (lib/models/profiles.ts), and the one a clip gets when it names none. */
  readonly profiles: readonly ModelProfile[];
  readonly defaultProfile: ModelProfile;
  /** Sends the job. Throws ProviderCallError. Must not be retried blindly by the caller. */
  submit(
    input: ProviderInput,
    options: SubmitOptions,
  ): Promise<{ requestId: string; queuePosition: number | null }>;
  /**
   * Reads only `requestId` when false or absent, so the worker can poll without reading the job's
   * references. True when status() may need the whole input (the preview engine re-renders a job it
   * lost in a restart).
   */
  readonly statusNeedsInput?: boolean;
  status(job: ProviderJob): Promise<ProviderStatus>;
  result(job: ProviderJob): Promise<ProviderResult>;
  cancel(job: ProviderJob): Promise<CancelOutcome>;
  /** Opens the finished video for copying into our storage. Throws ProviderCallError (e.g. 404 expired). */
  openOutput(video: ProviderVideo, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  /**
   * Told once the studio holds its own copy of a finished video (stored, and the clip marked completed):
   * a provider that keeps the file itself may drop it (the preview engine deletes its render, so no
   * second copy of every preview stays on disk). Never throws for a file already gone.
   */
  releaseOutput?(video: ProviderVideo): Promise<void>;
  /** What one clip costs: its tier's price per second for the version (configured prices first). */
  estimateCostUsd(input: { duration: number; profile?: ModelProfile; resolution?: Resolution }): number;
}
