import "server-only";
import { readFile } from "node:fs/promises";
import { createFalClient, parseEndpointId } from "@fal-ai/client";
import { clipEstimateUsd, DEFAULT_PRICING, type Pricing } from "@/lib/generations/cost";
import { falProfileOf, profileById, profilesOf } from "@/lib/models/profiles";
import {
  FalHttpError,
  FalNetworkError,
  isConnectPhaseFailure,
  mapFalError,
  referenceIndex,
  videoIndex,
} from "@/lib/providers/fal-errors";
import { falOutputToResult, falStatusSchema, toLogLines } from "@/lib/providers/fal-output";
import { createFalFetch } from "@/lib/providers/fal-transport";
import {
  type CancelOutcome,
  capabilitiesOf,
  ProviderCallError,
  type ProviderInput,
  type ProviderJob,
  type ProviderReference,
  type VideoProvider,
} from "@/lib/providers/types";

/** How long we reuse a reference image's fal storage URL before uploading the bytes again. */
export const REFERENCE_URL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Remembers fal storage URLs per asset so the same image is uploaded once (implemented on the database). */
export interface ReferenceUrlCache {
  /** The URL, or undefined when unknown or expired. */
  get(assetId: string): Promise<string | undefined>;
  set(assetId: string, url: string, expiresAt: Date): Promise<void>;
}

export interface FalProviderOptions {
  key: string;
  modelId: string;
  /** Replaces every fal origin (queue, rest, storage, CDN); for the fake server in tests and e2e. */
  baseUrl?: string;
  referenceUrlCache: ReferenceUrlCache;
  /** Configured price; defaults to fal's published rate. */
  pricing?: Pricing;
  fetch?: typeof fetch;
}

export function createFalProvider(options: FalProviderOptions): VideoProvider {
  const { key, modelId, baseUrl, referenceUrlCache: cache, pricing = DEFAULT_PRICING.fal } = options;
  const falFetch = createFalFetch({ baseUrl, fetch: options.fetch });
  const streamFetch = createFalFetch({ baseUrl, fetch: options.fetch, buffer: false });
  const client = createFalClient({
    credentials: key,
    fetch: falFetch,
    suppressLocalCredentialsWarning: true,
    // Covers storage calls; queue calls bring their own retry options, which createFalFetch defeats.
    retry: { maxRetries: 0, retryableStatusCodes: [] },
  });
  const uploading = new Map<string, Promise<string>>();

  // Last line of defence: nothing we throw may carry the key, whatever a server echoed back.
  const scrub = (err: ProviderCallError): ProviderCallError => {
    if (!key || !err.message.includes(key)) return err;
    const message = err.message.split(key).join("[redacted]");
    return new ProviderCallError({ ...err.error, message }, err.httpStatus);
  };
  const fail = (err: unknown, refs?: readonly ProviderReference[], videos?: readonly ProviderReference[]) =>
    scrub(mapFalError(err, { references: refs, videos }));

  async function uploadReference(ref: ProviderReference): Promise<string> {
    const cached = await cache.get(ref.assetId);
    if (cached) return cached;
    let bytes: Buffer;
    try {
      bytes = await ref.withFile((file) => readFile(file));
    } catch {
      throw new ProviderCallError({
        code: "reference_missing",
        message: `Reference ${ref.mime.startsWith("video/") ? "video" : "image"} "${ref.fileName}" is missing from the studio's storage. Upload it again.`,
        retryable: false,
      });
    }
    const file = new File([new Uint8Array(bytes)], ref.fileName, { type: ref.mime });
    let url: string;
    try {
      url = await client.storage.upload(file);
    } catch (err) {
      throw fail(err);
    }
    await cache.set(ref.assetId, url, new Date(Date.now() + REFERENCE_URL_TTL_MS));
    return url;
  }

  /** One upload per asset at a time in this process, so two quick submits don't both upload. */
  function referenceUrl(ref: ProviderReference): Promise<string> {
    const pending = uploading.get(ref.assetId);
    if (pending) return pending;
    const started = uploadReference(ref).finally(() => uploading.delete(ref.assetId));
    uploading.set(ref.assetId, started);
    return started;
  }

  /** A URL fal could not download is stale in our cache: expire it so the next attempt uploads again. */
  async function forgetUnreachableReference(
    err: unknown,
    refs: readonly ProviderReference[],
    videos: readonly ProviderReference[] = [],
  ) {
    if (!(err instanceof FalHttpError)) return;
    const detail = (err.body as { detail?: unknown } | undefined)?.detail;
    if (!Array.isArray(detail)) return;
    for (const item of detail as { type?: string; loc?: unknown[] }[]) {
      if (item.type !== "file_download_error") continue;
      // ["body", "reference_video_urls", 1]: the second video; ["body", "image_urls", 1]: the second image.
      const video = videoIndex(item.loc);
      const ref = video !== undefined ? videos[video] : refs[referenceIndex(item.loc) ?? -1];
      if (ref) await cache.set(ref.assetId, "", new Date(0)).catch(() => {});
    }
  }

  // fal's queue paths drop an endpoint's sub-path (`/v1.1/reference-to-video`): owner/alias only.
  const appPath = (endpointId: string) => {
    const app = parseEndpointId(endpointId);
    return [app.namespace, app.owner, app.alias].filter(Boolean).join("/");
  };
  const profiles = profilesOf("fal");
  // FAL_MODEL_ID picks the default version; an endpoint the studio does not know is sent the first
  // version's request (as before versions existed).
  const defaultProfile = falProfileOf(modelId) ?? { ...profileById("fal-v1"), endpointId: modelId };

  return {
    id: "fal",
    label: "fal.ai",
    modelId,
    pricing,
    profiles,
    defaultProfile,
    capabilities: capabilitiesOf(defaultProfile, { webhooks: true, cancel: true }),

    async submit(input, { webhookUrl }) {
      const refs = input.references;
      const videos = input.videos ?? [];
      if (videos.length > 0 && !input.profile.request.videos) throw noVideos(input.profile.label);
      const [imageUrls, videoUrls] = await Promise.all([
        Promise.all(refs.map(referenceUrl)),
        Promise.all(videos.map(referenceUrl)),
      ]);
      try {
        const queued = await client.queue.submit(input.modelId, {
          input: falRequestBody(input, imageUrls, videoUrls),
          webhookUrl,
        });
        const position = (queued as { queue_position?: unknown }).queue_position;
        return {
          requestId: queued.request_id,
          queuePosition: typeof position === "number" ? position : null,
        };
      } catch (err) {
        await forgetUnreachableReference(err, refs, videos);
        // The connection broke after the body may have left: fal may have queued (and will bill) the job.
        if (err instanceof FalNetworkError && !isConnectPhaseFailure(err)) {
          throw new ProviderCallError({
            code: "submit_outcome_unknown",
            message:
              "The connection to fal broke while the job was being sent, so it may have started anyway. Check your fal dashboard before trying again, to avoid paying twice.",
            retryable: false,
          });
        }
        throw fail(err, refs, videos);
      }
    },

    async status(job) {
      let raw: unknown;
      try {
        raw = await client.queue.status(job.input.modelId, { requestId: job.requestId, logs: true });
      } catch (err) {
        throw fail(err, job.input.references, job.input.videos);
      }
      const parsed = falStatusSchema.safeParse(raw);
      if (!parsed.success) throw unexpectedAnswer("status");
      const s = parsed.data;
      const logs = toLogLines(s.logs);
      if (s.status === "IN_QUEUE") return { state: "queued", queuePosition: s.queue_position ?? null, logs };
      if (s.status === "IN_PROGRESS") return { state: "running", logs };
      const ran = s.metrics?.inference_time;
      return typeof ran === "number" && Number.isFinite(ran) && ran >= 0
        ? { state: "completed", logs, ranSeconds: ran }
        : { state: "completed", logs };
    },

    async result(job) {
      const refs = job.input.references;
      try {
        const { data } = await client.queue.result(job.input.modelId, { requestId: job.requestId });
        return falOutputToResult(data);
      } catch (err) {
        const mapped = fail(err, refs, job.input.videos);
        if (!(err instanceof FalHttpError) || [401, 403, 404, 429].includes(err.status)) throw mapped;
        // 422 is the model's verdict on the input. Any other error may be the job's own failure or a
        // hiccup of the result endpoint; the status (COMPLETED with an `error`, or not) tells which.
        if (err.status !== 422) {
          const state = await completion(job);
          if (state === "pending") throw mapped.error.retryable ? mapped : notReady();
          if (state !== "failed") throw mapped;
        }
        await forgetUnreachableReference(err, refs, job.input.videos);
        return { ok: false, error: mapped.error };
      }
    },

    async cancel(job): Promise<CancelOutcome> {
      const url = `https://queue.fal.run/${appPath(job.input.modelId)}/requests/${encodeURIComponent(job.requestId)}/cancel`;
      // The client's queue.cancel() throws the answer away; the body is what says how it went.
      let body: unknown;
      try {
        const res = await falFetch(url, {
          method: "PUT",
          headers: { Authorization: `Key ${key}`, Accept: "application/json" },
        });
        body = await res.json().catch(() => undefined);
      } catch (err) {
        const said = err instanceof FalHttpError ? (err.body as { status?: unknown })?.status : undefined;
        if (said === "ALREADY_COMPLETED") return "already_completed";
        if (said === "NOT_FOUND" || (err instanceof FalHttpError && err.status === 404)) return "not_found";
        throw fail(err, job.input.references, job.input.videos);
      }
      const said = (body as { status?: unknown } | undefined)?.status;
      if (said === "ALREADY_COMPLETED") return "already_completed";
      if (said === "NOT_FOUND") return "not_found";
      return "canceled";
    },

    async openOutput(video, signal) {
      // No Authorization header: the URL comes from a response body and may point anywhere.
      let res: Response;
      try {
        res = await streamFetch(video.url, { signal });
      } catch (err) {
        if (err instanceof FalHttpError && [403, 404, 410].includes(err.status)) {
          throw new ProviderCallError(
            {
              code: "output_expired",
              message:
                "fal no longer has this video (its download link expired before the studio saved it). Generate it again.",
              retryable: false,
            },
            err.status,
          );
        }
        throw fail(err);
      }
      if (!res.body) throw unexpectedAnswer("video download");
      return res.body as ReadableStream<Uint8Array>;
    },

    estimateCostUsd({ duration, profile = defaultProfile, resolution = profile.defaultResolution }) {
      // The configured price (FAL_USD_PER_SECOND) is the first version's; the newer ones are priced per tier.
      return clipEstimateUsd(profile, resolution, duration, pricing);
    },
  };

  async function completion(job: ProviderJob): Promise<"pending" | "failed" | "succeeded" | "unknown"> {
    try {
      const raw = await client.queue.status(job.input.modelId, { requestId: job.requestId });
      const s = falStatusSchema.parse(raw);
      if (s.status !== "COMPLETED") return "pending";
      return s.error || s.error_type ? "failed" : "succeeded";
    } catch {
      return "unknown";
    }
  }
}

/**
 * The request body for one clip, spelled as its version's profile says: the images' field, and the
 * videos' and resolution's where the version has them (a version without them is sent neither).
 */
export function falRequestBody(
  input: Pick<ProviderInput, "profile" | "prompt" | "aspectRatio" | "duration" | "resolution">,
  imageUrls: readonly string[],
  videoUrls: readonly string[] = [],
): Record<string, unknown> {
  const { request } = input.profile;
  const body: Record<string, unknown> = {
    prompt: input.prompt,
    [request.images]: imageUrls,
    aspect_ratio: input.aspectRatio,
    // fal's schema takes an integer number of seconds (not a string).
    duration: Math.round(input.duration),
  };
  if (request.videos && videoUrls.length > 0) body[request.videos] = videoUrls;
  if (request.resolution) body[request.resolution.field] = request.resolution.values[input.resolution];
  return body;
}

/** A version without reference videos was handed some: the service refuses this first, so it is a bug. */
function noVideos(label: string) {
  return new ProviderCallError({
    code: "invalid_request",
    message: `${label} takes no reference videos; the clip was not sent.`,
    retryable: false,
  });
}

function notReady() {
  return new ProviderCallError({
    code: "result_not_ready",
    message: "fal has not finished this job yet. The studio will ask again shortly.",
    retryable: true,
  });
}

function unexpectedAnswer(what: string) {
  return new ProviderCallError({
    code: "provider_error",
    message: `fal sent an answer the studio does not understand (${what}). Trying again later may help.`,
    retryable: true,
  });
}
