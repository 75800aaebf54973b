import "server-only";
import { randomUUID } from "node:crypto";
import { errorLine, isDatabaseUnavailable } from "@/lib/db/errors";
import type { Generation } from "@/lib/db/generated/client";
import { HoverRenditions } from "../hover-renditions";
import type { GenerationRecord } from "../repo";
import { isInFlight } from "../state";
import { type Claimed, Leases } from "./leases";
import { ProviderLoad } from "./provider-job";
import { backoffMs, passIntervalMs, pollDelayMs, SAFETY_SWEEP_MS, sleepAfterPassMs } from "./schedule";
import { JobSteps } from "./steps";
import type { WorkerDeps } from "./types";

export type { WorkerDeps } from "./types";

/**
 * Advances generations: claims due rows in passes (see Leases), runs each one's next step in the
 * background (see JobSteps), and sleeps until the next row is due. With nothing in flight it runs no
 * query until something wakes it, apart from a safety sweep a minute.
 */
export class GenerationWorker {
  readonly owner: string;
  /** Passes run since start (each one claim statement): for tests and the idle benchmark. */
  passes = 0;
  /** Hover renditions of the clips it saves above 720p (lib/media/hover.ts), made after each save. */
  readonly renditions: HoverRenditions;
  private readonly leases: Leases;
  private readonly steps: JobSteps;
  private readonly load: ProviderLoad;
  private readonly idleTickMs: number;
  private readonly sweepMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  /** Free slots that make a full worker claim again. */
  private readonly refillAt: number;
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires (ms since the epoch), while one is set. */
  private timerAt: number | undefined;
  private running = false;
  private stopped = true;
  private rerun = false;
  private pass: Promise<void> | undefined;
  private lastPassAt = 0;
  /** The earliest time a job asked to be looked at again while a pass was running. */
  private soonest: number | undefined;
  /** Set when due rows may be waiting for a free slot. */
  private waitingForRoom = false;
  /** Jobs being advanced now, by id. */
  private readonly active = new Map<string, Promise<void>>();
  /**
   * Rows this worker still holds a lease on because letting go failed (the database was down). Nobody
   * else may touch them until the lease runs out, so they are let go as soon as the database answers.
   */
  private readonly stranded = new Set<string>();
  /** Whether the last pass found the database unavailable: an outage is logged once, not every tick. */
  private databaseDown = false;

  constructor(private readonly deps: WorkerDeps) {
    this.owner = deps.owner ?? randomUUID();
    this.idleTickMs = deps.idleTickMs ?? 1_000;
    this.sweepMs = deps.sweepMs ?? SAFETY_SWEEP_MS;
    this.batchSize = deps.batchSize ?? 25;
    this.concurrency = deps.concurrency ?? 32;
    this.refillAt = Math.max(1, Math.min(this.batchSize, Math.floor(this.concurrency / 4)));
    this.leases = new Leases(deps.prisma, this.owner, deps.leaseMs ?? 120_000);
    this.load = new ProviderLoad(deps.prisma);
    const schedule = deps.schedule ?? { poll: pollDelayMs, backoff: (n: number) => backoffMs(n) };
    this.renditions = deps.renditions ?? new HoverRenditions(deps);
    this.steps = new JobSteps(
      { ...deps, schedule, renditions: this.renditions },
      this.leases,
      this.load,
      () => this.stopped,
    );
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
    this.renditions
      .start()
      .catch((err) => this.deps.log?.(`hover renditions: ${err instanceof Error ? err.message : err}`));
  }

  async stop() {
    this.stopped = true;
    this.clearTimer();
    await this.pass;
    await Promise.all(this.active.values());
    await this.renditions.stop();
  }

  /**
   * Runs a pass now (or right after the current one). `fresh`: rows this process just created; each is
   * claimed by id and sent straight away, without a pass or reading it back. Returns whether every fresh
   * row was taken that way (false with none given, or when stopped).
   */
  wake(fresh?: readonly GenerationRecord[]): boolean {
    if (this.stopped) return false;
    if (fresh?.length) {
      let taken = 0;
      for (const row of fresh) {
        if (row.status !== "queued" || this.active.has(row.id) || this.active.size >= this.concurrency) break;
        this.track(row.id, row);
        taken++;
      }
      // The rest (no room now) are found by a pass like any due row.
      if (taken === fresh.length) return true;
    }
    if (this.running) {
      this.rerun = true;
      return false;
    }
    this.clearTimer();
    this.pass = this.loop();
    return false;
  }

  /** One pass that waits for the jobs it claimed. Returns how many were claimed. For tests. */
  async runOnce(): Promise<number> {
    const { ids } = await this.leases.claim(this.batchSize);
    await Promise.all(ids.map((id) => this.process(id)));
    return ids.length;
  }

  private async loop() {
    this.running = true;
    let nextDueAt: Date | null | undefined;
    try {
      do {
        this.rerun = false;
        const room = Math.min(this.batchSize, this.concurrency - this.active.size);
        if (room <= 0) {
          this.waitingForRoom = true; // finishing jobs wake the loop again once there is room for a batch
          nextDueAt = undefined;
          break;
        }
        if (this.stranded.size > 0) await this.releaseStranded();
        this.lastPassAt = Date.now();
        this.passes++;
        const claimed = await this.claim(room);
        nextDueAt = claimed?.nextDueAt;
        const ids = claimed?.ids ?? [];
        // The claimed rows in one read, rather than one read per job: most of them are status polls,
        // and this was half of the database work of each.
        const rows = ids.length ? await this.leases.read(ids) : new Map<string, Generation>();
        for (const id of ids) this.track(id, undefined, rows.get(id));
        if (ids.length === room) this.rerun = true;
      } while (this.rerun && !this.stopped);
    } finally {
      this.running = false;
      if (!this.stopped) {
        const now = Date.now();
        let at = now + sleepAfterPassMs(nextDueAt, this.floorMs(), this.sweepMs, now);
        if (this.soonest !== undefined) at = Math.min(at, Math.max(this.soonest, now + this.floorMs()));
        this.soonest = undefined;
        this.setTimer(at);
      }
    }
  }

  /** Claims due rows; undefined when the database did not answer (logged once per outage). */
  private async claim(room: number): Promise<Claimed | undefined> {
    try {
      const claimed = await this.leases.claim(room);
      if (this.databaseDown) this.deps.log?.("the database answers again; jobs resume");
      this.databaseDown = false;
      return claimed;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) this.deps.log?.(`worker pass failed: ${errorLine(err)}`);
      else if (!this.databaseDown) {
        this.databaseDown = true;
        this.deps.log?.(`the database is unavailable (${errorLine(err)}); jobs wait until it answers`);
      }
      return undefined;
    }
  }

  /** The shortest spacing of passes, by how many jobs wait at providers. */
  private floorMs() {
    return passIntervalMs(this.load.count, this.idleTickMs);
  }

  /** Makes sure a pass runs no later than `at` (and no sooner than the pass spacing allows). */
  private wakeAt(at: number) {
    if (this.stopped) return;
    const when = Math.max(at, this.lastPassAt + this.floorMs());
    if (this.running) {
      this.soonest = Math.min(this.soonest ?? Number.POSITIVE_INFINITY, when);
      return;
    }
    if (this.timerAt !== undefined && this.timerAt <= when) return;
    this.setTimer(when);
  }

  private setTimer(at: number) {
    this.clearTimer();
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timerAt = undefined;
        this.wake();
      },
      Math.max(0, at - Date.now()),
    );
  }

  private clearTimer() {
    clearTimeout(this.timer);
    this.timerAt = undefined;
  }

  /** Advances one claimed job in the background; each job's slow provider call delays only that job. */
  private track(id: string, fresh?: GenerationRecord, read?: Generation) {
    // A pass can claim a row a fresh hand-off is still trying to claim (one of the two wins): run after it,
    // reading the row again then (the hand-off may have changed it).
    const before = this.active.get(id);
    const run = before ? before.then(() => this.process(id, fresh)) : this.process(id, fresh, read);
    const job: Promise<void> = run.then(
      (next) => {
        if (this.active.get(id) === job) this.active.delete(id);
        // The worker may be asleep until long after this job's next step: make sure it wakes for it.
        if (next) this.wakeAt(next.getTime());
        // A full worker refills in batches, not with one claim query per finished step: with 200 jobs in
        // flight that was a claim for every status poll.
        if (this.waitingForRoom && this.concurrency - this.active.size >= this.refillAt) {
          this.waitingForRoom = false;
          this.wake();
        }
      },
      () => {
        if (this.active.get(id) === job) this.active.delete(id);
      },
    );
    this.active.set(id, job);
  }

  /** Runs a claimed row's next step and gives the row back. Returns when it is next due, if it was ours. */
  private async process(id: string, fresh?: GenerationRecord, read?: Generation): Promise<Date | undefined> {
    let next = new Date(Date.now() + 5_000);
    let claimed = !fresh;
    try {
      if (fresh) {
        if (!(await this.leases.claimFresh(id))) return undefined;
        claimed = true;
      }
      // The row alone: its references are read only by the steps that use them (see JobSteps.advance).
      const row = fresh ?? read ?? (await this.deps.prisma.generation.findUnique({ where: { id } }));
      if (!row || !isInFlight(row.status)) return undefined;
      const provider = this.deps.providers.get(row.provider);
      if (!provider) {
        // Keep the job: it resumes when its provider is configured again.
        this.deps.log?.(`generation ${id}: provider ${row.provider} is not configured; will check again`);
        next = new Date(Date.now() + 60_000);
        return next;
      }
      next = fresh ? await this.steps.send(fresh, provider) : await this.steps.advance(row, provider);
      return next;
    } catch (err) {
      this.deps.log?.(`generation ${id}: ${errorLine(err)}`);
      return next;
    } finally {
      if (claimed) await this.leases.release(id, next).catch(() => this.stranded.add(id));
    }
  }

  private async releaseStranded() {
    const ids = [...this.stranded].filter((id) => !this.active.has(id));
    try {
      await this.leases.releaseNow(ids);
      for (const id of ids) this.stranded.delete(id);
    } catch {
      // Still down: try again on the next pass.
    }
  }
}
