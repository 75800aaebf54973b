import "server-only";
import { readFile } from "node:fs/promises";
import { costOf, DEFAULT_PRICING, type Pricing } from "@/lib/generations/cost";
import { profileById } from "@/lib/models/profiles";
import type { ReferenceUrlCache } from "./fal";
import { API_TIMEOUT_MS, DOWNLOAD_TIMEOUT_MS } from "./fal-transport";
import {
  capabilitiesOf,
  type LogLine,
  ProviderCallError,
  type ProviderError,
  type ProviderJob,
  type ProviderReference,
  type ProviderStatus,
  type VideoProvider,
} from "./types";

export interface AtlasProviderOptions {
  key: string;
  /** API root, e.g. https://api.atlascloud.ai/api/v1 (a fake server's in tests). */
  baseUrl: string;
  modelId: string;
  referenceUrlCache: ReferenceUrlCache;
  pricing?: Pricing;
  fetch?: typeof fetch;
}

/** AtlasCloud's uploadMedia links are temporary; reuse one for a few hours at most. */
export const ATLAS_UPLOAD_TTL_MS = 6 * 60 * 60 * 1000;

interface Prediction {
  id: string;
  status: string;
  outputs: string[];
  error: string | null;
}

const QUEUED = new Set(["starting", "queued", "pending", "created"]);
const RUNNING = new Set(["processing", "running", "in_progress"]);
const DONE = new Set(["completed", "succeeded", "success"]);

function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  for (const k of ["msg", "message", "error"]) if (typeof b[k] === "string" && b[k]) return b[k] as string;
  return undefined;
}

/** Maps an AtlasCloud answer to what we store. `submit` answers are never marked retryable unless refused. */
export function mapAtlasError(
  status: number,
  body: unknown,
  op: "submit" | "read" | "upload",
): ProviderCallError {
  const said = messageOf(body);
  const detail = said ? ` AtlasCloud said: ${said.slice(0, 300)}` : "";
  let error: ProviderError;
  if (status === 401 || status === 403) {
    error = {
      code: "provider_auth",
      message: `AtlasCloud refused the API key (HTTP ${status}). Check ATLASCLOUD_API_KEY.${detail}`,
      retryable: false,
    };
  } else if (status === 402) {
    error = {
      code: "insufficient_balance",
      message: `Your AtlasCloud balance cannot pay for this clip. Top up your AtlasCloud account, then retry.${detail}`,
      retryable: false,
    };
  } else if (status === 429) {
    error = {
      code: "rate_limited",
      message: `AtlasCloud is rate limiting requests; trying again later.${detail}`,
      retryable: true,
    };
  } else if (status === 404) {
    error = {
      code: "not_found",
      message: `AtlasCloud does not know this job (HTTP 404).${detail}`,
      retryable: false,
    };
  } else if (status >= 500 && op === "submit") {
    // A server error on submit does not prove the job was not created: never send it again blindly.
    error = {
      code: "submit_outcome_unknown",
      message: `AtlasCloud answered HTTP ${status} while the job was being sent, so it may have started anyway. Check your AtlasCloud dashboard before retrying, to avoid paying twice.${detail}`,
      retryable: false,
    };
  } else if (status >= 500) {
    error = {
      code: "provider_unavailable",
      message: `AtlasCloud had a server error (HTTP ${status}); trying again.${detail}`,
      retryable: true,
    };
  } else {
    error = {
      code: "invalid_request",
      message: `AtlasCloud refused the request (HTTP ${status}).${detail}`,
      retryable: false,
    };
  }
  return new ProviderCallError(error, status === 429 || op !== "submit" || status < 500 ? status : undefined);
}

export function createAtlasProvider(options: AtlasProviderOptions): VideoProvider {
  const { key, baseUrl, modelId, referenceUrlCache: cache, pricing = DEFAULT_PRICING.atlas } = options;
  const doFetch = options.fetch ?? fetch;
  const auth = { Authorization: `Bearer ${key}` };

  // Nothing we throw may carry the key, whatever a server echoes back.
  const scrub = (err: ProviderCallError) =>
    err.message.includes(key)
      ? new ProviderCallError(
          { ...err.error, message: err.message.split(key).join("[redacted]") },
          err.httpStatus,
        )
      : err;

  async function call(
    op: "submit" | "read" | "upload",
    path: string,
    init: RequestInit = {},
  ): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}`, {
        ...init,
        headers: { ...auth, ...init.headers },
        signal: AbortSignal.timeout(API_TIMEOUT_MS),
      });
    } catch (err) {
      const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(
        String((err as { cause?: unknown }).cause ?? err),
      );
      if (op === "submit" && !refused) {
        throw new ProviderCallError({
          code: "submit_outcome_unknown",
          message:
            "The connection to AtlasCloud broke while the job was being sent, so it may have started anyway. Check your AtlasCloud dashboard before retrying, to avoid paying twice.",
          retryable: false,
        });
      }
      throw new ProviderCallError({
        code: "provider_unreachable",
        message:
          "Could not reach AtlasCloud. Check this server's network connection; trying again later usually works.",
        retryable: true,
      });
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      // The answer broke off: for a submit, the job may exist anyway.
      throw new ProviderCallError(
        op === "submit"
          ? {
              code: "submit_outcome_unknown",
              message:
                "AtlasCloud's answer to the submit broke off, so the job may have started anyway. Check your AtlasCloud dashboard before retrying.",
              retryable: false,
            }
          : {
              code: "provider_unreachable",
              message: "AtlasCloud's answer broke off; trying again.",
              retryable: true,
            },
      );
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = { message: text.slice(0, 200) };
    }
    if (!res.ok) throw scrub(mapAtlasError(res.status, body, op));
    return body;
  }

  async function referenceUrl(ref: ProviderReference): Promise<string> {
    const cached = await cache.get(ref.assetId);
    if (cached) return cached;
    const form = new FormData();
    form.set(
      "file",
      new File([new Uint8Array(await ref.withFile((file) => readFile(file)))], ref.fileName, {
        type: ref.mime,
      }),
    );
    const body = (await call("upload", "/model/uploadMedia", { method: "POST", body: form })) as {
      data?: { download_url?: string };
    };
    const url = body?.data?.download_url;
    if (!url) {
      throw new ProviderCallError({
        code: "provider_bad_output",
        message: "AtlasCloud's upload gave no file URL.",
        retryable: true,
      });
    }
    await cache.set(ref.assetId, url, new Date(Date.now() + ATLAS_UPLOAD_TTL_MS));
    return url;
  }

  async function prediction(requestId: string): Promise<Prediction> {
    const body = (await call("read", `/model/prediction/${encodeURIComponent(requestId)}`)) as {
      data?: Partial<Prediction> & { predictionId?: string };
    };
    const d = body?.data;
    if (!d || typeof d.status !== "string") {
      throw new ProviderCallError({
        code: "provider_bad_output",
        message: "AtlasCloud answered without a job status.",
        retryable: true,
      });
    }
    return {
      id: d.id ?? d.predictionId ?? requestId,
      status: d.status.toLowerCase(),
      outputs: Array.isArray(d.outputs) ? d.outputs.filter((o): o is string => typeof o === "string") : [],
      error: typeof d.error === "string" && d.error ? d.error : null,
    };
  }

  const profile = { ...profileById("atlas"), endpointId: modelId };
  const logOf = (p: Prediction): LogLine[] => [{ message: `AtlasCloud: ${p.status}`, level: "info" }];

  return {
    id: "atlas",
    label: "AtlasCloud",
    modelId,
    pricing,
    profiles: [profile],
    defaultProfile: profile,
    // No documented way to stop a started job.
    capabilities: capabilitiesOf(profile, { webhooks: false, cancel: false }),

    async submit(input) {
      const images = [];
      for (const ref of input.references) images.push(await referenceUrl(ref));
      const body = (await call("submit", "/model/generateVideo", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: input.modelId,
          prompt: input.prompt,
          images,
          duration: input.duration,
          aspect_ratio: input.aspectRatio,
          resolution: "720p",
          thinking_level: input.thinkingLevel ?? "default",
          seed: input.seed ?? -1,
        }),
      })) as { data?: { id?: string; predictionId?: string } };
      const requestId = body?.data?.id ?? body?.data?.predictionId;
      if (!requestId) {
        throw new ProviderCallError({
          code: "submit_outcome_unknown",
          message:
            "AtlasCloud accepted the job but returned no id to follow it by. Check your AtlasCloud dashboard.",
          retryable: false,
        });
      }
      return { requestId, queuePosition: null };
    },

    async status(job: ProviderJob): Promise<ProviderStatus> {
      const p = await prediction(job.requestId);
      if (QUEUED.has(p.status)) return { state: "queued", queuePosition: null, logs: logOf(p) };
      if (RUNNING.has(p.status)) return { state: "running", logs: logOf(p) };
      return { state: "completed", logs: logOf(p) };
    },

    async result(job) {
      const p = await prediction(job.requestId);
      if (DONE.has(p.status)) {
        const url = p.outputs[0];
        if (!url)
          return {
            ok: false,
            error: {
              code: "no_output",
              message: "AtlasCloud finished but returned no video.",
              retryable: true,
            },
          };
        return { ok: true, video: { url, contentType: "video/mp4" } };
      }
      if (QUEUED.has(p.status) || RUNNING.has(p.status)) {
        throw new ProviderCallError({
          code: "result_not_ready",
          message: "The clip is not finished yet.",
          retryable: true,
        });
      }
      return {
        ok: false,
        error: {
          code: /polic|safety|moderat/i.test(p.error ?? "") ? "content_policy_violation" : "provider_error",
          message: p.error
            ? `AtlasCloud could not make this clip: ${p.error.slice(0, 300)}`
            : "AtlasCloud could not make this clip.",
          retryable: false,
        },
      };
    },

    async cancel() {
      return "not_found";
    },

    async openOutput(video, signal) {
      let res: Response;
      try {
        // The output URL comes from a response body: it gets no Authorization header.
        const timeout = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
        res = await doFetch(video.url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      } catch {
        throw new ProviderCallError({
          code: "provider_unreachable",
          message: "Could not download the video from AtlasCloud.",
          retryable: true,
        });
      }
      if (res.status === 404 || res.status === 403 || res.status === 410) {
        throw new ProviderCallError(
          {
            code: "output_expired",
            message: "AtlasCloud's link to the finished video expired before it was copied.",
            retryable: false,
          },
          res.status,
        );
      }
      if (!res.ok || !res.body) {
        throw new ProviderCallError(
          {
            code: "download_failed",
            message: `Downloading the video failed (HTTP ${res.status}).`,
            retryable: true,
          },
          res.status,
        );
      }
      return res.body;
    },

    estimateCostUsd({ duration }) {
      return costOf(pricing, duration);
    },
  };
}
