import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { errorLine, isDatabaseUnavailable } from "@/lib/db/errors";
import { type Generation, Prisma } from "@/lib/db/generated/client";
import type { MediaStore } from "@/lib/media/storage";
import {
  type LogLine,
  ProviderCallError,
  type ProviderError,
  type ProviderJob,
  type ProviderResult,
  type ProviderStatus,
  type VideoProvider,
} from "@/lib/providers/types";
import { findGenerationRecord, type GenerationRecord } from "./repo";
import { saveOutput } from "./save-output";
import type { AspectRatio, GenerationStatus, ThinkingLevel } from "./schema";
import { ACTIVE_STATUSES, backoffMs, passIntervalMs, pollDelayMs } from "./state";

export interface WorkerDeps {
  prisma: Db;
  store: MediaStore;
  providers: ReadonlyMap<string, VideoProvider>;
  /** Absolute URL the provider can call back, or undefined when webhooks are off. */
  webhookUrlFor?: (generationId: string, provider: VideoProvider) => string | undefined;
  owner?: string;
  leaseMs?: number;
  /** How often to look for due rows when nothing wakes the worker. */
  idleTickMs?: number;
  batchSize?: number;
  /** Jobs advanced at the same time; a slow provider call holds up only its own job. */
  concurrency?: number;
  /** Poll and backoff timing; tests shorten it, production uses the budgeted defaults. */
  schedule?: { poll: typeof pollDelayMs; backoff: (attempt: number) => number };
  log?: (message: string) => void;
}

/** Transient faults in a row before a job is failed: with backoff capped at 60 s, about half an hour. */
const MAX_TRANSIENT_ATTEMPTS = 30;
/** A submit answered with a retryable HTTP error never reached the queue; try it this many times. */
const MAX_SUBMIT_ATTEMPTS = 4;
/** Longest a job may stay at the provider before we give up on it. */
const JOB_DEADLINE_MS = 45 * 60_000;
/** How long a release waits for others to share its write. */
const RELEASE_BATCH_MS = 15;
const MAX_LOG_LINES = 20;

/**
 * Advances generations: submit, poll, download. Rows are claimed with a lease (FOR UPDATE SKIP LOCKED),
 * and every write is conditional on holding it, so two instances never handle one row and a crash at any
 * point leaves a row another worker can finish.
 */
export class GenerationWorker {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly idleTickMs: number;
  private readonly batchSize: number;
  private readonly schedule: NonNullable<WorkerDeps["schedule"]>;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private rerun = false;
  private pass: Promise<void> | undefined;
  private readonly concurrency: number;
  /** Set when due rows may be waiting for a free slot. */
  private waitingForRoom = false;
  /** Free slots that make a full worker claim again. */
  private readonly refillAt: number;
  /** Jobs waiting at providers, as last counted plus those this worker sent since (see jobsAtProviders). */
  private readonly inFlight = { count: 0, at: 0 };
  /** Jobs being advanced now, by id. */
  private readonly active = new Map<string, Promise<void>>();
  /**
   * Rows this worker still holds a lease on because letting go failed (the database was down). Nobody
   * else may touch them until the lease runs out, so they are let go as soon as the database answers.
   */
  private readonly stranded = new Set<string>();
  /** Releases waiting to be written together (see release). */
  private readonly releases = new Map<
    string,
    { nextRunAt: Date; resolve: () => void; reject: (err: unknown) => void }
  >();
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the last pass found the database unavailable: an outage is logged once, not every tick. */
  private databaseDown = false;

  constructor(private readonly deps: WorkerDeps) {
    this.owner = deps.owner ?? randomUUID();
    this.leaseMs = deps.leaseMs ?? 120_000;
    this.idleTickMs = deps.idleTickMs ?? 1_000;
    this.batchSize = deps.batchSize ?? 25;
    this.concurrency = deps.concurrency ?? 32;
    this.refillAt = Math.max(1, Math.min(this.batchSize, Math.floor(this.concurrency / 4)));
    this.schedule = deps.schedule ?? { poll: pollDelayMs, backoff: (n) => backoffMs(n) };
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
    await Promise.all(this.active.values());
  }

  /**
   * Runs a pass now (or right after the current one). `fresh`: rows this process just created; each is
   * claimed by id and sent straight away, without a pass or reading it back.
   */
  wake(fresh?: readonly GenerationRecord[]) {
    if (this.stopped) return;
    if (fresh?.length) {
      let taken = 0;
      for (const row of fresh) {
        if (row.status !== "queued" || this.active.has(row.id) || this.active.size >= this.concurrency) break;
        this.track(row.id, row);
        taken++;
      }
      // The rest (no room now) are found by a pass like any due row.
      if (taken === fresh.length) return;
    }
    if (this.running) {
      this.rerun = true;
      return;
    }
    clearTimeout(this.timer);
    this.pass = this.loop();
  }

  private async loop() {
    this.running = true;
    try {
      do {
        this.rerun = false;
        const room = Math.min(this.batchSize, this.concurrency - this.active.size);
        if (room <= 0) {
          this.waitingForRoom = true; // finishing jobs wake the loop again once there is room for a batch
          break;
        }
        if (this.stranded.size > 0) await this.releaseStranded();
        const ids = await this.claim(room).then(
          (claimed) => {
            if (this.databaseDown) this.deps.log?.("the database answers again; jobs resume");
            this.databaseDown = false;
            return claimed;
          },
          (err) => {
            if (!isDatabaseUnavailable(err)) this.deps.log?.(`worker pass failed: ${errorLine(err)}`);
            else if (!this.databaseDown) {
              this.databaseDown = true;
              this.deps.log?.(`the database is unavailable (${errorLine(err)}); jobs wait until it answers`);
            }
            return [] as string[];
          },
        );
        // The claimed rows in one read, rather than one read per job: most of them are status polls,
        // and this was half of the database work of each.
        const rows = ids.length ? await this.readClaimed(ids) : new Map<string, Generation>();
        for (const id of ids) this.track(id, undefined, rows.get(id));
        if (ids.length === room) this.rerun = true;
      } while (this.rerun && !this.stopped);
    } finally {
      this.running = false;
      if (!this.stopped)
        this.timer = setTimeout(() => this.wake(), passIntervalMs(this.inFlight.count, this.idleTickMs));
    }
  }

  /** Advances one claimed job in the background; each job's slow provider call delays only that job. */
  private track(id: string, fresh?: GenerationRecord, read?: Generation) {
    // A pass can claim a row a fresh hand-off is still trying to claim (one of the two wins): run after it,
    // reading the row again then (the hand-off may have changed it).
    const before = this.active.get(id);
    const run = before ? before.then(() => this.process(id, fresh)) : this.process(id, fresh, read);
    const job: Promise<void> = run.finally(() => {
      if (this.active.get(id) === job) this.active.delete(id);
      // A full worker refills in batches, not with one claim query per finished step: with 200 jobs in
      // flight that was a claim for every status poll.
      if (this.waitingForRoom && this.concurrency - this.active.size >= this.refillAt) {
        this.waitingForRoom = false;
        this.wake();
      }
    });
    this.active.set(id, job);
  }

  /** One pass that waits for the jobs it claimed. Returns how many were claimed. For tests. */
  async runOnce(): Promise<number> {
    const ids = await this.claim(this.batchSize);
    await Promise.all(ids.map((id) => this.process(id)));
    return ids.length;
  }

  /** Rows this worker just claimed, read together; a failed read leaves each job to read its own. */
  private async readClaimed(ids: string[]): Promise<Map<string, Generation>> {
    const rows = await this.deps.prisma.generation
      .findMany({ where: { id: { in: ids }, leaseOwner: this.owner } })
      .catch(() => [] as Generation[]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async claim(limit: number): Promise<string[]> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const rows = await this.deps.prisma.$queryRaw<{ id: string }[]>`
      UPDATE "Generation" SET "leaseOwner" = ${this.owner}, "leaseUntil" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "Generation"
        WHERE "status" IN ('queued', 'submitted', 'running', 'saving')
          AND "nextRunAt" <= ${now}
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
        ORDER BY "nextRunAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`;
    return rows.map((r) => r.id);
  }

  /**
   * Claims one row this process just created, by id, and marks its submit as started (what submit()
   * otherwise writes first), in one statement: only while the row is untouched (queued, no cancel asked,
   * no lease, not started), so the in-memory copy is what the database holds. A pass may have claimed it
   * first; then that pass handles it.
   */
  private async claimFresh(id: string): Promise<boolean> {
    const now = new Date();
    const { count } = await this.deps.prisma.generation.updateMany({
      where: {
        id,
        status: "queued",
        cancelRequested: false,
        submitStartedAt: null,
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      },
      data: {
        leaseOwner: this.owner,
        leaseUntil: new Date(now.getTime() + this.leaseMs),
        submitStartedAt: now,
      },
    });
    return count === 1;
  }

  /**
   * How many jobs wait at providers (submitted or running), across every studio instance: the poll
   * schedule shares its status calls among them. Counted at most every 5 s; a failed count keeps the last.
   */
  private async jobsAtProviders(): Promise<number> {
    if (Date.now() - this.inFlight.at < 5_000) return this.inFlight.count;
    this.inFlight.at = Date.now();
    try {
      this.inFlight.count = await this.deps.prisma.generation.count({
        where: { status: { in: ["submitted", "running"] } },
      });
    } catch {
      // The database is briefly away: the last count is good enough for spacing polls.
    }
    return this.inFlight.count;
  }

  /** Writes only while this worker holds the lease and the row is still in `from`. */
  private async update(
    id: string,
    from: GenerationStatus | GenerationStatus[],
    data: Prisma.GenerationUpdateManyMutationInput,
  ): Promise<boolean> {
    const result = await this.deps.prisma.generation.updateMany({
      where: { id, leaseOwner: this.owner, status: { in: Array.isArray(from) ? from : [from] } },
      data,
    });
    return result.count === 1;
  }

  /**
   * Gives a job's lease back and sets when it is next due. Releases made within RELEASE_BATCH_MS of each
   * other go to the database as one statement: a pass starts its due polls together, so their answers,
   * and their releases, arrive together (with 200 jobs in flight, about ten a second). Leaves updatedAt
   * alone, as nothing a person sees changes.
   */
  private release(id: string, nextRunAt: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      // track() chains the runs of one job, so a second pending release is not expected (it would take two
      // runs outside track(), as runOnce makes). Should one come, the later one wins and the earlier caller
      // is not left waiting on a promise nothing would settle.
      this.releases.get(id)?.resolve();
      this.releases.set(id, { nextRunAt, resolve, reject });
      this.releaseTimer ??= setTimeout(() => void this.flushReleases(), RELEASE_BATCH_MS);
    });
  }

  private async flushReleases() {
    const batch = [...this.releases];
    this.releases.clear();
    this.releaseTimer = undefined;
    if (batch.length === 0) return;
    const values = Prisma.join(batch.map(([id, r]) => Prisma.sql`(${id}, ${r.nextRunAt}::timestamp(3))`));
    try {
      await this.deps.prisma.$executeRaw`
        UPDATE "Generation" AS g SET "leaseOwner" = NULL, "leaseUntil" = NULL, "nextRunAt" = v."next"
        FROM (VALUES ${values}) AS v("id", "next")
        WHERE g."id" = v."id" AND g."leaseOwner" = ${this.owner}`;
      for (const [, r] of batch) r.resolve();
    } catch (err) {
      for (const [, r] of batch) r.reject(err);
    }
  }

  private async releaseStranded() {
    const ids = [...this.stranded].filter((id) => !this.active.has(id));
    try {
      await this.deps.prisma.generation.updateMany({
        where: { id: { in: ids }, leaseOwner: this.owner },
        data: { leaseOwner: null, leaseUntil: null, nextRunAt: new Date() },
      });
      for (const id of ids) this.stranded.delete(id);
    } catch {
      // Still down: try again on the next pass.
    }
  }

  private async process(id: string, fresh?: GenerationRecord, read?: Generation) {
    let next = new Date(Date.now() + 5_000);
    let claimed = !fresh;
    try {
      if (fresh) {
        if (!(await this.claimFresh(id))) return;
        claimed = true;
      }
      // The row alone: its references are read only by the steps that use them (see advance).
      const row = fresh ?? read ?? (await this.deps.prisma.generation.findUnique({ where: { id } }));
      if (!row || !ACTIVE_STATUSES.includes(row.status)) return;
      const provider = this.deps.providers.get(row.provider);
      if (!provider) {
        // Keep the job: it resumes when its provider is configured again.
        this.deps.log?.(`generation ${id}: provider ${row.provider} is not configured; will check again`);
        next = new Date(Date.now() + 60_000);
        return;
      }
      next = fresh ? await this.send(fresh, provider) : await this.advance(row, provider);
    } catch (err) {
      this.deps.log?.(`generation ${id}: ${errorLine(err)}`);
    } finally {
      if (claimed) await this.release(id, next).catch(() => this.stranded.add(id));
    }
  }

  /**
   * The provider's view of a job. `references` are the row's, for the steps that send them or name them
   * in an error (submit, result, cancel); a status poll needs only the request id.
   */
  private job(row: Generation, references: GenerationRecord["references"] = []): ProviderJob {
    return {
      generationId: row.id,
      requestId: row.requestId ?? "",
      input: {
        prompt: row.prompt,
        duration: row.duration,
        aspectRatio: row.aspectRatio as AspectRatio,
        ...(row.seed !== null ? { seed: row.seed } : {}),
        ...(row.thinkingLevel ? { thinkingLevel: row.thinkingLevel as ThinkingLevel } : {}),
        references: references.map((r) => ({
          assetId: r.asset.id,
          sha256: r.asset.sha256,
          mime: r.asset.mime,
          filePath: this.deps.store.pathOf(r.asset.mediaKey),
          fileName: r.asset.originalName,
        })),
      },
    };
  }

  /**
   * The row's references, for the provider steps after submit that may name one in an error. [] when
   * the row is gone or the read fails (the database is away): the step still runs, and an error about an
   * image then says its number without its name.
   */
  private async referencesOf(row: Generation): Promise<GenerationRecord["references"]> {
    const full = await findGenerationRecord(this.deps.prisma, row.id).catch(() => null);
    return full?.references ?? [];
  }

  /**
   * Does the next step for one row; returns when to look at it again. Most steps are status polls of a
   * job waiting at its provider: they read the row alone (a third of the database work of reading it
   * with its references and their assets), which with 200 jobs in flight is most of the worker's CPU.
   */
  private async advance(row: Generation, provider: VideoProvider): Promise<Date> {
    const now = Date.now();
    if (row.status === "queued") {
      const full = await findGenerationRecord(this.deps.prisma, row.id);
      return full ? this.submit(full, provider) : new Date();
    }
    if (row.status === "saving") return this.save(row, provider);

    if (row.cancelRequested) {
      const job = this.job(row, await this.referencesOf(row));
      await provider.cancel(job).catch(() => "not_found");
      const note = provider.capabilities.cancel
        ? `Canceled at ${provider.label}`
        : `${provider.label} cannot stop a started job: it may still finish and be billed there`;
      await this.update(row.id, ["submitted", "running"], {
        status: "canceled",
        completedAt: new Date(),
        queuePosition: null,
        logs: mergeLogs(row.logs, [{ message: note, level: "warn", timestamp: new Date().toISOString() }]),
      });
      return new Date();
    }
    if (row.submittedAt && now - row.submittedAt.getTime() > JOB_DEADLINE_MS) {
      await provider.cancel(this.job(row, await this.referencesOf(row))).catch(() => "not_found");
      await this.fail(row, ["submitted", "running"], {
        code: "timeout",
        message: `The provider did not finish this clip within ${JOB_DEADLINE_MS / 60_000} minutes; it was canceled. Try again.`,
        retryable: true,
      });
      return new Date();
    }

    try {
      // A provider that may start the job again from its input gets it whole, or the step waits.
      const full = provider.statusNeedsInput ? await findGenerationRecord(this.deps.prisma, row.id) : null;
      const status = await provider.status(this.job(row, full?.references ?? []));
      const logs = mergeLogs(row.logs, status.logs);
      const age = now - (row.submittedAt ?? row.createdAt).getTime();
      // Counted from the answer, not from the start of this step: a slow database read before one call
      // must not bring the next call forward (the schedule is a budget of calls per minute).
      const pollAt = new Date(
        Date.now() + this.schedule.poll(age, this.webhooksOn(row, provider), await this.jobsAtProviders()),
      );
      // Most polls of a waiting job learn nothing new: then the release below is the only write.
      const unchanged = row.attempts === 0 && sameLogs(row.logs, logs);
      if (status.state === "queued") {
        if (unchanged && row.status === "submitted" && row.queuePosition === status.queuePosition)
          return pollAt;
        await this.update(row.id, "submitted", { queuePosition: status.queuePosition, logs, attempts: 0 });
        return pollAt;
      }
      if (status.state === "running") {
        if (unchanged && row.status === "running" && row.queuePosition === null) return pollAt;
        await this.update(row.id, ["submitted", "running"], {
          status: "running",
          queuePosition: null,
          startedAt: row.startedAt ?? new Date(),
          logs,
          attempts: 0,
        });
        return pollAt;
      }
      // Once per job: its references, so an error about one of them can name it.
      const result = await provider.result(this.job(row, await this.referencesOf(row)));
      await this.update(row.id, ["submitted", "running"], { logs, ...startOf(row, status) });
      const moved = await applyResult(this.deps.prisma, row.id, result, {
        leaseOwner: this.owner,
        log: this.deps.log,
      });
      if (moved === "saving") {
        const saving = await this.deps.prisma.generation.findUnique({ where: { id: row.id } });
        if (saving?.status === "saving") return this.save(saving, provider);
      }
      return new Date();
    } catch (err) {
      return this.transient(row, ["submitted", "running"], err);
    }
  }

  private webhooksOn(row: Generation, provider: VideoProvider) {
    return Boolean(provider.capabilities.webhooks && this.deps.webhookUrlFor?.(row.id, provider));
  }

  private async submit(row: GenerationRecord, provider: VideoProvider): Promise<Date> {
    if (row.cancelRequested) {
      await this.update(row.id, "queued", { status: "canceled", completedAt: new Date() });
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
    if (!(await this.update(row.id, "queued", { submitStartedAt: new Date() }))) return new Date();
    return this.send(row, provider);
  }

  /** Sends a claimed, queued row whose submitStartedAt is written, and records the answer. */
  private async send(row: GenerationRecord, provider: VideoProvider): Promise<Date> {
    try {
      const job = this.job(row, row.references);
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
      // Counted at once, not at the next count: a burst of submits spaces its own first polls.
      this.inFlight.count += 1;
      return new Date(
        now.getTime() + this.schedule.poll(0, this.webhooksOn(row, provider), await this.jobsAtProviders()),
      );
    } catch (err) {
      if (err instanceof SubmitNotRecorded) throw err;
      const error = toProviderError(err);
      // A retryable HTTP answer, or a connection that never opened, means the provider did not take the
      // job: safe to send again. A connection lost mid-request is not (it arrives as not retryable).
      const definite =
        err instanceof ProviderCallError &&
        (err.httpStatus !== undefined || error.code === "provider_unreachable");
      if (error.retryable && definite && row.attempts + 1 < MAX_SUBMIT_ATTEMPTS) {
        await this.update(row.id, "queued", {
          submitStartedAt: null,
          attempts: { increment: 1 },
          logs: mergeLogs(row.logs, [
            { message: `Submit failed, will retry: ${error.message}`, level: "warn" },
          ]),
        });
        return new Date(Date.now() + this.schedule.backoff(row.attempts + 1));
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
    const deadline = Date.now() + Math.min(this.leaseMs / 2, 60_000);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.update(row.id, "queued", data);
        if (attempt > 1)
          this.deps.log?.(`generation ${row.id}: recorded request ${requestId} after ${attempt} tries`);
        return;
      } catch (err) {
        const message = errorLine(err);
        if (!isDatabaseUnavailable(err) || this.stopped || Date.now() > deadline) {
          this.deps.log?.(
            `generation ${row.id}: the provider accepted it as request ${requestId}, but recording that failed (${message}); it will be failed as submit_interrupted`,
          );
          throw new SubmitNotRecorded(message);
        }
        if (attempt === 1)
          this.deps.log?.(
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
      const done = await this.update(row.id, "saving", {
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
      if (!done)
        this.deps.log?.(`generation ${row.id}: lost its lease while saving; another worker finishes it`);
      return new Date();
    } catch (err) {
      return this.transient(row, "saving", err);
    }
  }

  private async transient(row: Generation, from: GenerationStatus | GenerationStatus[], err: unknown) {
    const error = toProviderError(err);
    if (!error.retryable || row.attempts + 1 >= MAX_TRANSIENT_ATTEMPTS) {
      await this.fail(row, from, error);
      return new Date();
    }
    await this.update(row.id, from, {
      attempts: { increment: 1 },
      logs: mergeLogs(row.logs, [{ message: `Will retry: ${error.message}`, level: "warn" }]),
    });
    return new Date(Date.now() + this.schedule.backoff(row.attempts + 1));
  }

  private async fail(row: Generation, from: GenerationStatus | GenerationStatus[], error: ProviderError) {
    const moved = await this.update(row.id, from, {
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
class SubmitNotRecorded extends Error {}

export function toProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderCallError) return err.error;
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: "internal_error",
    message: `The studio could not finish this step: ${message}`,
    retryable: true,
  };
}

/**
 * When a job that finished between two status calls started, from how long its provider says it ran
 * (counted back from now, never before it was sent). Nothing when the start was seen, or is not known.
 */
export function startOf(
  row: Pick<Generation, "startedAt" | "submittedAt">,
  status: ProviderStatus,
  now = Date.now(),
): { startedAt?: Date } {
  if (row.startedAt || status.state !== "completed" || status.ranSeconds === undefined) return {};
  const at = now - status.ranSeconds * 1000;
  return { startedAt: new Date(Math.min(now, Math.max(at, row.submittedAt?.getTime() ?? at))) };
}

/** Whether two log lists say the same lines (key order aside: jsonb reorders keys). */
function sameLogs(stored: unknown, merged: Prisma.InputJsonValue): boolean {
  const a = Array.isArray(stored) ? (stored as LogLine[]) : [];
  const b = merged as unknown as LogLine[];
  return (
    a.length === b.length &&
    a.every(
      (l, i) =>
        l.message === b[i]?.message &&
        (l.level ?? "") === (b[i]?.level ?? "") &&
        (l.timestamp ?? "") === (b[i]?.timestamp ?? ""),
    )
  );
}

export function mergeLogs(previous: unknown, incoming: LogLine[]): Prisma.InputJsonValue {
  const old = Array.isArray(previous) ? (previous as LogLine[]) : [];
  const seen = new Set(old.map((l) => `${l.timestamp ?? ""}|${l.message}`));
  const fresh = incoming.filter((l) => !seen.has(`${l.timestamp ?? ""}|${l.message}`));
  return [...old, ...fresh].slice(-MAX_LOG_LINES).map((l) => ({
    message: String(l.message).slice(0, 500),
    ...(l.level ? { level: l.level } : {}),
    ...(l.timestamp ? { timestamp: l.timestamp } : {}),
  }));
}

/** The server log's line for a clip that failed: what the person sees, with its code. */
export function failureLine(id: string, error: ProviderError): string {
  return `generation ${id} failed: ${error.code}${error.retryable ? " (retryable)" : ""}: ${error.message}`;
}

/**
 * The one transition from "the provider finished" to our next state, shared by the poller and the
 * webhook. Idempotent: it only moves a row that is still submitted or running, so a replayed or late
 * delivery changes nothing.
 */
export async function applyResult(
  prisma: Db,
  id: string,
  result: ProviderResult,
  guard: { leaseOwner?: string; log?: (message: string) => void } = {},
): Promise<"saving" | "failed" | "unchanged"> {
  const where = {
    id,
    status: { in: ["submitted", "running"] as GenerationStatus[] },
    ...(guard.leaseOwner ? { leaseOwner: guard.leaseOwner } : {}),
  };
  const now = new Date();
  const data: Prisma.GenerationUpdateManyMutationInput = result.ok
    ? { status: "saving", outputUrl: result.video.url, queuePosition: null, nextRunAt: now, attempts: 0 }
    : {
        status: "failed",
        errorCode: result.error.code,
        errorMessage: result.error.message,
        errorRetryable: result.error.retryable,
        completedAt: now,
        queuePosition: null,
      };
  const { count } = await prisma.generation.updateMany({ where, data });
  if (count === 0) return "unchanged";
  if (!result.ok) guard.log?.(failureLine(id, result.error));
  return result.ok ? "saving" : "failed";
}
