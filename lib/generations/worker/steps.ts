import "server-only";
import { errorLine, isDatabaseUnavailable } from "@/lib/db/errors";
import type { Generation, Prisma } from "@/lib/db/generated/client";
import { ProviderCallError, type ProviderError, type VideoProvider } from "@/lib/providers/types";
import type { GenerationStatus } from "../limits";
import { mergeLogs, sameLogs } from "../logs";
import { findGenerationRecord, type GenerationRecord } from "../repo";
import { saveOutput } from "../save-output";
import { AT_PROVIDER_STATUSES } from "../state";
import { applyResult, failureLine, toProviderError } from "../transitions";
import type { Leases } from "./leases";
import { type ProviderLoad, providerJob, referencesOf, startOf } from "./provider-job";
import type { WorkerDeps } from "./types";

/** Transient faults in a row before a job is failed: with backoff capped at 60 s, about half an hour. */
const MAX_TRANSIENT_ATTEMPTS = 30;
/** A submit answered with a retryable HTTP error never reached the queue; try it this many times. */
const MAX_SUBMIT_ATTEMPTS = 4;
/** Longest a job may stay at the provider before we give up on it. */
const JOB_DEADLINE_MS = 45 * 60_000;

const atProvider = AT_PROVIDER_STATUSES;

/**
 * The steps of one claimed row: submit, poll, cancel, save. Each returns when the row is next due; each
 * write goes through the lease, so a step that lost its row to another worker changes nothing.
 */
export class JobSteps {
  constructor(
    private readonly deps: WorkerDeps & Required<Pick<WorkerDeps, "schedule">>,
    private readonly leases: Leases,
    private readonly load: ProviderLoad,
    private readonly stopped: () => boolean,
  ) {}

  /**
   * Does the next step for one row. Most steps are status polls of a job waiting at its provider: they
   * read the row alone (a third of the database work of reading it with its references and their
   * assets), which with 200 jobs in flight is most of the worker's CPU.
   */
  async advance(row: Generation, provider: VideoProvider): Promise<Date> {
    const { prisma, store } = this.deps;
    const now = Date.now();
    if (row.status === "queued") {
      const full = await findGenerationRecord(prisma, row.id);
      return full ? this.submit(full, provider) : new Date();
    }
    if (row.status === "saving") return this.save(row, provider);

    if (row.cancelRequested) {
      await provider
        .cancel(providerJob(store, row, await referencesOf(prisma, row)))
        .catch(() => "not_found");
      const note = provider.capabilities.cancel
        ? `Canceled at ${provider.label}`
        : `${provider.label} cannot stop a started job: it may still finish and be billed there`;
      await this.leases.update(row.id, atProvider, {
        status: "canceled",
        completedAt: new Date(),
        queuePosition: null,
        logs: mergeLogs(row.logs, [{ message: note, level: "warn", timestamp: new Date().toISOString() }]),
      });
      return new Date();
    }
    if (row.submittedAt && now - row.submittedAt.getTime() > JOB_DEADLINE_MS) {
      await provider
        .cancel(providerJob(store, row, await referencesOf(prisma, row)))
        .catch(() => "not_found");
      await this.fail(row, atProvider, {
        code: "timeout",
        message: `The provider did not finish this clip within ${JOB_DEADLINE_MS / 60_000} minutes; it was canceled. Try again.`,
        retryable: true,
      });
      return new Date();
    }
    try {
      return await this.poll(row, provider, now);
    } catch (err) {
      return this.transient(row, atProvider, err);
    }
  }

  private async poll(row: Generation, provider: VideoProvider, now: number): Promise<Date> {
    const { prisma, store } = this.deps;
    // A provider that may start the job again from its input gets it whole, or the step waits.
    const full = provider.statusNeedsInput ? await findGenerationRecord(prisma, row.id) : null;
    const status = await provider.status(
      providerJob(store, row, full?.references ?? [], full?.videoReferences ?? []),
    );
    const logs = mergeLogs(row.logs, status.logs);
    const age = now - (row.submittedAt ?? row.createdAt).getTime();
    // Counted from the answer, not from the start of this step: a slow database read before one call
    // must not bring the next call forward (the schedule is a budget of calls per minute).
    const pollAt = new Date(
      Date.now() + this.deps.schedule.poll(age, this.webhooksOn(row, provider), await this.load.current()),
    );
    // Most polls of a waiting job learn nothing new: then the release is the only write.
    const unchanged = row.attempts === 0 && sameLogs(row.logs, logs);
    if (status.state === "queued") {
      if (unchanged && row.status === "submitted" && row.queuePosition === status.queuePosition)
        return pollAt;
      await this.leases.update(row.id, "submitted", {
        queuePosition: status.queuePosition,
        logs,
        attempts: 0,
      });
      return pollAt;
    }
    if (status.state === "running") {
      if (unchanged && row.status === "running" && row.queuePosition === null) return pollAt;
      await this.leases.update(row.id, atProvider, {
        status: "running",
        queuePosition: null,
        startedAt: row.startedAt ?? new Date(),
        logs,
        attempts: 0,
      });
      return pollAt;
    }
    // Once per job: its references, so an error about one of them can name it.
    const result = await provider.result(providerJob(store, row, await referencesOf(prisma, row)));
    await this.leases.update(row.id, atProvider, { logs, ...startOf(row, status) });
    const moved = await applyResult(prisma, row.id, result, {
      leaseOwner: this.leases.owner,
      log: this.deps.log,
    });
    if (moved === "saving") {
      const saving = await prisma.generation.findUnique({ where: { id: row.id } });
      if (saving?.status === "saving") return this.save(saving, provider);
    }
    return new Date();
  }

  private webhooksOn(row: Generation, provider: VideoProvider) {
    return Boolean(provider.capabilities.webhooks && this.deps.webhookUrlFor?.(row.id, provider));
  }

  private async submit(row: GenerationRecord, provider: VideoProvider): Promise<Date> {
    if (row.cancelRequested) {
      await this.leases.update(row.id, "queued", { status: "canceled", completedAt: new Date() });
      return new Date();
    }
    if (row.submitStartedAt && !row.requestId && provider.id !== "preview") {
      // We crashed between sending and recording the answer. Sending again could bill twice.
      await this.fail(row, "queued", {
        code: "submit_interrupted",
        message:
          "The studio stopped while sending this clip to the provider, so it may or may not have started. It was not sent again to avoid paying twice; use Retry to send it again.",
        retryable: true,
      });
      return new Date();
    }
    if (!(await this.leases.update(row.id, "queued", { submitStartedAt: new Date() }))) return new Date();
    return this.send(row, provider);
  }

  /** Sends a claimed, queued row whose submitStartedAt is written, and records the answer. */
  async send(row: GenerationRecord, provider: VideoProvider): Promise<Date> {
    try {
      const job = providerJob(this.deps.store, row, row.references, row.videoReferences);
      const { requestId, queuePosition } = await provider.submit(job.input, {
        generationId: row.id,
        webhookUrl: this.deps.webhookUrlFor?.(row.id, provider),
      });
      const now = new Date();
      await this.recordSubmitted(row, requestId, {
        status: "submitted",
        requestId,
        queuePosition,
        submittedAt: now,
        attempts: 0,
        logs: mergeLogs(row.logs, [{ message: `Sent to ${provider.id}`, timestamp: now.toISOString() }]),
      });
      this.load.sent();
      const inFlight = await this.load.current();
      return new Date(now.getTime() + this.deps.schedule.poll(0, this.webhooksOn(row, provider), inFlight));
    } catch (err) {
      if (err instanceof SubmitNotRecorded) throw err;
      const error = toProviderError(err);
      // A retryable HTTP answer, or a connection that never opened, means the provider did not take the
      // job: safe to send again. A connection lost mid-request is not (it arrives as not retryable).
      const definite =
        err instanceof ProviderCallError &&
        (err.httpStatus !== undefined || error.code === "provider_unreachable");
      if (error.retryable && definite && row.attempts + 1 < MAX_SUBMIT_ATTEMPTS) {
        await this.leases.update(row.id, "queued", {
          submitStartedAt: null,
          attempts: { increment: 1 },
          logs: mergeLogs(row.logs, [
            { message: `Submit failed, will retry: ${error.message}`, level: "warn" },
          ]),
        });
        return new Date(Date.now() + this.deps.schedule.backoff(row.attempts + 1));
      }
      await this.fail(row, "queued", error);
      return new Date();
    }
  }

  /**
   * Records an accepted submit. Until this write lands, the request id (and with it a job the provider
   * bills) exists only in this process's memory, so a database that is down or restarting is waited for,
   * within the lease, instead of leaving the row to be failed as submit_interrupted.
   */
  private async recordSubmitted(
    row: GenerationRecord,
    requestId: string,
    data: Prisma.GenerationUpdateManyMutationInput,
  ): Promise<void> {
    const log = this.deps.log;
    const deadline = Date.now() + Math.min(this.leases.leaseMs / 2, 60_000);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.leases.update(row.id, "queued", data);
        if (attempt > 1) log?.(`generation ${row.id}: recorded request ${requestId} after ${attempt} tries`);
        return;
      } catch (err) {
        const message = errorLine(err);
        if (!isDatabaseUnavailable(err) || this.stopped() || Date.now() > deadline) {
          log?.(
            `generation ${row.id}: the provider accepted it as request ${requestId}, but recording that failed (${message}); it will be failed as submit_interrupted`,
          );
          throw new SubmitNotRecorded(message);
        }
        if (attempt === 1)
          log?.(
            `generation ${row.id}: the provider accepted it as request ${requestId}; the database is unavailable, retrying the write (${message})`,
          );
        await new Promise((r) => setTimeout(r, Math.min(5_000, 200 * 2 ** attempt)));
      }
    }
  }

  private async save(row: Generation, provider: VideoProvider): Promise<Date> {
    if (!row.outputUrl) {
      await this.fail(row, "saving", {
        code: "missing_output",
        message: "The provider reported success but gave no video.",
        retryable: true,
      });
      return new Date();
    }
    try {
      const saved = await saveOutput(this.deps.store, provider, { url: row.outputUrl });
      const done = await this.leases.update(row.id, "saving", {
        status: "completed",
        videoKey: saved.videoKey,
        posterKey: saved.posterKey,
        videoBytes: saved.bytes,
        videoDurationSec: saved.durationSec,
        actualCostUsd: row.estimatedCostUsd,
        completedAt: new Date(),
        attempts: 0,
        queuePosition: null,
      });
      if (!done) {
        this.deps.log?.(`generation ${row.id}: lost its lease while saving; another worker finishes it`);
        return new Date();
      }
      if (saved.needsHover) void this.deps.renditions?.request(row.id);
      // The clip is ours now: the provider may drop its own copy (the preview engine's render).
      await provider.releaseOutput?.({ url: row.outputUrl }).catch((err: unknown) => {
        this.deps.log?.(
          `generation ${row.id}: the provider's copy stays (${err instanceof Error ? err.message : String(err)})`,
        );
      });
      return new Date();
    } catch (err) {
      return this.transient(row, "saving", err);
    }
  }

  private async transient(
    row: Generation,
    from: GenerationStatus | readonly GenerationStatus[],
    err: unknown,
  ) {
    const error = toProviderError(err);
    if (!error.retryable || row.attempts + 1 >= MAX_TRANSIENT_ATTEMPTS) {
      await this.fail(row, from, error);
      return new Date();
    }
    await this.leases.update(row.id, from, {
      attempts: { increment: 1 },
      logs: mergeLogs(row.logs, [{ message: `Will retry: ${error.message}`, level: "warn" }]),
    });
    return new Date(Date.now() + this.deps.schedule.backoff(row.attempts + 1));
  }

  private async fail(
    row: Generation,
    from: GenerationStatus | readonly GenerationStatus[],
    error: ProviderError,
  ) {
    const moved = await this.leases.update(row.id, from, {
      status: "failed",
      errorCode: error.code,
      errorMessage: error.message,
      errorRetryable: error.retryable,
      completedAt: new Date(),
      queuePosition: null,
    });
    if (moved) this.deps.log?.(failureLine(row.id, error));
  }
}

/** An accepted submit whose answer could not be written; the row must not be treated as refused. */
export class SubmitNotRecorded extends Error {}
