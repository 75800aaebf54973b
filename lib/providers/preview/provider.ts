import "server-only";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { DEFAULT_PRICING } from "@/lib/generations/cost";
import { removeStale } from "@/lib/media/storage";
import { profileById, RESOLUTION_LABELS } from "@/lib/models/profiles";
import { withReferenceFiles } from "@/lib/providers/reference-files";
import {
  capabilitiesOf,
  type LogLine,
  ProviderCallError,
  type ProviderError,
  type ProviderInput,
  type ProviderJob,
  type ProviderStatus,
  type VideoProvider,
} from "@/lib/providers/types";
import { openRendered, renderedFile } from "./files";
import { renderPreview } from "./render";

export interface PreviewProviderOptions {
  /** Where finished renders live, as `<requestId>.mp4`. They double as the record that a job finished. */
  workDir: string;
  /** Renders at once. Each uses both cores for a second or two, so more rarely helps. */
  concurrency?: number;
  /** Artificial wait before each render, so tests and demos can watch the queued state. */
  stepDelayMs?: number;
}

type JobState = "waiting" | "starting" | "running" | "completed" | "failed" | "canceled";

interface Job {
  requestId: string;
  input: ProviderInput;
  state: JobState;
  logs: LogLine[];
  error?: ProviderError;
  controller: AbortController;
  /** When the render itself began (after the queue and the step delay). */
  startedAt?: number;
  finishedAt?: number;
}

const PROFILE = profileById("preview");
const REQUEST_ID = /^preview_[A-Za-z0-9_-]{1,120}$/;
const FORGET_AFTER_MS = 60 * 60 * 1000;
const MAX_LOGS = 30;

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

const notFound = (what: string) =>
  new ProviderCallError(
    { code: "not_found", message: `${what} is not a preview render`, retryable: false },
    404,
  );

export function createPreviewProvider({
  workDir: dir,
  concurrency = 1,
  stepDelayMs = 0,
}: PreviewProviderOptions): VideoProvider {
  const workDir = path.resolve(dir);
  const jobs = new Map<string, Job>();
  const waiting: Job[] = [];
  let active = 0;

  const outPathOf = (requestId: string) => path.join(workDir, `${requestId}.mp4`);
  const log = (job: Job, message: string) => {
    job.logs.push({ message, level: "info", timestamp: new Date().toISOString() });
    if (job.logs.length > MAX_LOGS) job.logs.splice(0, job.logs.length - MAX_LOGS);
  };
  const finish = (job: Job, state: "completed" | "failed" | "canceled", error?: ProviderError) => {
    Object.assign(job, { state, error, finishedAt: Date.now() });
  };
  const exists = (p: string) =>
    stat(p).then(
      (s) => s.isFile(),
      () => false,
    );

  /** Renders ahead of a waiting job: the ones holding a slot, plus those before it in line. */
  const queuePosition = (job: Job) => {
    const i = waiting.indexOf(job);
    return i < 0 ? 0 : active + i;
  };

  function enqueue(job: Job, note: string) {
    jobs.set(job.requestId, job);
    waiting.push(job);
    log(job, note);
    pump();
  }

  function pump() {
    while (active < concurrency && waiting.length > 0) {
      const job = waiting.shift()!;
      active++;
      void render(job).finally(() => {
        active--;
        pump();
      });
    }
  }

  async function render(job: Job) {
    const { signal } = job.controller;
    job.state = "starting";
    try {
      if (stepDelayMs > 0) await sleep(stepDelayMs, undefined, { signal });
      job.state = "running";
      job.startedAt = Date.now();
      const videos = job.input.videos ?? [];
      const n = job.input.references.length + videos.length;
      const what = [
        job.input.references.length || !videos.length
          ? plural(job.input.references.length, "reference image")
          : "",
        videos.length ? plural(videos.length, "reference video") : "",
      ].filter(Boolean);
      log(job, `Preparing ${what.join(" and ")} for ${RESOLUTION_LABELS[job.input.resolution]}`);
      await mkdir(workDir, { recursive: true });
      let lastLogged = -10;
      // Local copies of the references for ffmpeg while it renders (S3), removed afterwards.
      await withReferenceFiles([...job.input.references, ...videos], (files) =>
        renderPreview({
          imagePaths: files.slice(0, job.input.references.length),
          videoPaths: files.slice(job.input.references.length),
          duration: job.input.duration,
          aspectRatio: job.input.aspectRatio,
          resolution: job.input.resolution,
          prompt: job.input.prompt,
          outPath: outPathOf(job.requestId),
          signal,
          onProgress: (fraction) => {
            const percent = Math.round(fraction * 100);
            // One line per reference reached or 10% step, not one per ffmpeg stats tick.
            if (fraction >= 1 || percent < lastLogged + 10) return;
            lastLogged = percent;
            const ref = Math.min(n, Math.floor(fraction * n) + 1);
            log(job, `Rendering reference ${ref} of ${n} (${percent}%)`);
          },
        }),
      );
      // Canceled while the last frames were written: the cancel already answered "canceled".
      if (signal.aborted) return;
      log(job, "Preview rendered (100%)");
      finish(job, "completed");
    } catch (err) {
      if (signal.aborted) return; // cancel() has recorded it
      // Keep file names, drop server folders: the message is shown to people.
      const reason = (err instanceof Error ? err.message : String(err)).replace(
        /(?:\/[^/\s:'"]+)+\/([^/\s:'"]+)/g,
        "$1",
      );
      log(job, `Render failed: ${reason}`);
      finish(job, "failed", {
        code: "preview_render_failed",
        message: `The preview engine could not render this clip: ${reason.slice(0, 300)}`,
        retryable: true,
      });
    }
  }

  /** Drops finished jobs after an hour: their files (or a re-render) answer for them afterwards. */
  function forgetOld() {
    const cutoff = Date.now() - FORGET_AFTER_MS;
    for (const [id, job] of jobs) if (job.finishedAt && job.finishedAt < cutoff) jobs.delete(id);
  }

  /**
   * The job as this process knows it. After a restart the map is empty: a finished file means done,
   * otherwise the render starts again from the job's input (it is deterministic, so nothing changes).
   */
  async function adopt({ requestId, input }: ProviderJob, note = "Resumed after a restart"): Promise<Job> {
    if (!REQUEST_ID.test(requestId)) throw notFound(requestId);
    const known = jobs.get(requestId);
    if (known) return known;
    const done = await exists(outPathOf(requestId));
    // Another call may have adopted it while we were looking at the disk.
    const raced = jobs.get(requestId);
    if (raced) return raced;
    const job: Job = { requestId, input, state: "waiting", logs: [], controller: new AbortController() };
    if (done) {
      jobs.set(requestId, job);
      log(job, "Preview rendered (100%)");
      finish(job, "completed");
    } else {
      enqueue(job, note);
    }
    return job;
  }

  // Temp files from a process that died mid-render; a live render's temp file is seconds old.
  void removeStale(workDir, FORGET_AFTER_MS, { match: (name) => name.endsWith(".partial") }).catch(() => {});

  return {
    id: "preview",
    label: "Preview engine",
    pricing: DEFAULT_PRICING.preview,
    modelId: "omni-studio/preview-engine",
    // Its own profile's limits (up to 15 s), not the first version's.
    capabilities: capabilitiesOf(PROFILE, { webhooks: false, cancel: true }),
    profiles: [PROFILE],
    defaultProfile: PROFILE,
    // A render lost in a restart is started again from the job's input, references included.
    statusNeedsInput: true,

    async submit(input, { generationId }) {
      const requestId = `preview_${generationId}`;
      if (!REQUEST_ID.test(requestId)) {
        throw new ProviderCallError({
          code: "invalid_request",
          message: "The generation id cannot name a preview render",
          retryable: false,
        });
      }
      forgetOld();
      const known = jobs.get(requestId);
      // A repeated submit (a retry after a crash) joins the render already under way or done.
      if (known?.state === "failed" || known?.state === "canceled") jobs.delete(requestId);
      const job = await adopt({ generationId, requestId, input }, "Queued for the preview engine");
      return { requestId, queuePosition: job.state === "completed" ? null : queuePosition(job) };
    },

    async status(jobRef): Promise<ProviderStatus> {
      const job = await adopt(jobRef);
      const logs = [...job.logs];
      if (job.state === "waiting" || job.state === "starting") {
        return { state: "queued", queuePosition: queuePosition(job), logs };
      }
      if (job.state === "running") return { state: "running", logs };
      const ran =
        job.startedAt !== undefined && job.finishedAt !== undefined
          ? { ranSeconds: (job.finishedAt - job.startedAt) / 1000 }
          : {};
      return { state: "completed", logs, ...ran };
    },

    async result(jobRef) {
      const job = await adopt(jobRef);
      if (job.state === "completed") {
        const file = outPathOf(job.requestId);
        const size = await stat(file).then(
          (s) => s.size,
          () => null,
        );
        if (size === null) {
          // Deleted under us: forget the job, so the next status() renders it again.
          jobs.delete(job.requestId);
          throw new ProviderCallError({
            code: "not_ready",
            message: "The preview is being rendered again",
            retryable: true,
          });
        }
        return {
          ok: true,
          video: {
            url: pathToFileURL(file).href,
            contentType: "video/mp4",
            fileName: path.basename(file),
            bytes: size,
          },
        };
      }
      if (job.state === "failed") return { ok: false, error: job.error! };
      if (job.state === "canceled") {
        return {
          ok: false,
          error: { code: "canceled", message: "The preview render was canceled", retryable: true },
        };
      }
      throw new ProviderCallError({
        code: "not_ready",
        message: "The preview is still rendering",
        retryable: true,
      });
    },

    async cancel({ requestId }) {
      const job = jobs.get(requestId);
      if (!job) return (await exists(outPathOf(requestId))) ? "already_completed" : "not_found";
      if (job.state === "completed" || job.state === "failed") return "already_completed";
      if (job.state !== "canceled") {
        const i = waiting.indexOf(job);
        if (i >= 0) waiting.splice(i, 1);
        job.controller.abort();
        log(job, "Canceled");
        finish(job, "canceled");
      }
      return "canceled";
    },

    openOutput: (video, signal) => openRendered(workDir, video.url, signal),

    // The studio stored its copy and marked the clip completed: the render was only the record that the
    // job finished, and a second copy of the video. Forget the job too, so nothing points at the file.
    async releaseOutput(video) {
      const file = renderedFile(workDir, video.url);
      if (!file) return;
      jobs.delete(path.basename(file, ".mp4"));
      await rm(file, { force: true });
    },

    estimateCostUsd: () => 0,
  };
}
