import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { publishChange } from "@/lib/live/change-bus";
import type { GenerationStatus } from "../limits";
import { IN_FLIGHT_STATUSES } from "../state";
import { statusList } from "../status-sql";

/** How long a release waits for others to share its write. */
const RELEASE_BATCH_MS = 15;

export interface Claimed {
  ids: string[];
  /**
   * When the earliest in-flight row this claim did not take becomes claimable (its next run, or the end
   * of another worker's lease on it); null when no row is in flight anywhere.
   */
  nextDueAt: Date | null;
}

/**
 * A worker's hold on rows. Rows are claimed with a lease (FOR UPDATE SKIP LOCKED), every write is
 * conditional on holding it, and it is given back with the row's next run time. So two instances never
 * handle one row, and a crash at any point leaves a row another worker can finish once the lease ends.
 */
export class Leases {
  /** Releases waiting to be written together (see release). */
  private readonly releases = new Map<
    string,
    { nextRunAt: Date; resolve: () => void; reject: (err: unknown) => void }
  >();
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly prisma: Db,
    readonly owner: string,
    readonly leaseMs: number,
  ) {}

  /**
   * Claims up to `limit` due rows, and in the same statement finds when the next of the others is due,
   * so an idle worker can sleep until then instead of asking again every second.
   */
  async claim(limit: number): Promise<Claimed> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const inFlight = statusList(IN_FLIGHT_STATUSES);
    // The CTEs see the rows as they were before the UPDATE, so the claimed ones are left out by id.
    const rows = await this.prisma.$queryRaw<{ id: string | null; next: Date | null }[]>`
      WITH due AS (
        SELECT "id" FROM "Generation"
        WHERE "status" IN (${inFlight})
          AND "nextRunAt" <= ${now}
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
        ORDER BY "nextRunAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE "Generation" AS g SET "leaseOwner" = ${this.owner}, "leaseUntil" = ${leaseUntil}
        FROM due WHERE g."id" = due."id"
        RETURNING g."id"
      )
      SELECT "id", NULL::timestamp(3) AS "next" FROM claimed
      UNION ALL
      SELECT NULL, MIN(GREATEST("nextRunAt", COALESCE("leaseUntil", "nextRunAt")))
      FROM "Generation"
      WHERE "status" IN (${inFlight}) AND "id" NOT IN (SELECT "id" FROM claimed)`;
    const ids = rows.flatMap((r) => (r.id ? [r.id] : []));
    const next = rows.find((r) => !r.id)?.next ?? null;
    return { ids, nextDueAt: next ? new Date(next) : null };
  }

  /**
   * Claims one row this process just created, by id, and marks its submit as started, in one statement:
   * only while the row is untouched (queued, no cancel asked, no lease, not started), so the in-memory
   * copy is what the database holds. A pass may have claimed it first; then that pass handles it.
   */
  async claimFresh(id: string): Promise<boolean> {
    const now = new Date();
    const { count } = await this.prisma.generation.updateMany({
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

  /** Rows this worker just claimed, read together; a failed read leaves each job to read its own. */
  async read(ids: string[]) {
    const rows = await this.prisma.generation
      .findMany({ where: { id: { in: ids }, leaseOwner: this.owner } })
      .catch(() => []);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Writes only while this worker holds the lease and the row is still in `from`. Every write a person can
   * see goes through here, so here open views are told (a poll that learned nothing writes nothing).
   */
  async update(
    id: string,
    from: GenerationStatus | readonly GenerationStatus[],
    data: Prisma.GenerationUpdateManyMutationInput,
  ): Promise<boolean> {
    const result = await this.prisma.generation.updateMany({
      where: { id, leaseOwner: this.owner, status: { in: typeof from === "string" ? [from] : [...from] } },
      data,
    });
    if (result.count !== 1) return false;
    if (data.status !== undefined || data.logs !== undefined || data.queuePosition !== undefined) {
      publishChange(this.prisma, {
        kind: data.status !== undefined ? "generation.status" : "generation.progress",
        generationId: id,
      });
    }
    return true;
  }

  /**
   * Gives a job's lease back and sets when it is next due. Releases made within RELEASE_BATCH_MS of each
   * other go to the database as one statement: a pass starts its due polls together, so their answers,
   * and their releases, arrive together (with 200 jobs in flight, about ten a second). Leaves updatedAt
   * alone, as nothing a person sees changes.
   */
  release(id: string, nextRunAt: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      // The worker chains the runs of one job, so a second pending release is not expected (it would take
      // two runs outside that chain, as runOnce makes). Should one come, the later one wins and the
      // earlier caller is not left waiting on a promise nothing would settle.
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
      await this.prisma.$executeRaw`
        UPDATE "Generation" AS g SET "leaseOwner" = NULL, "leaseUntil" = NULL, "nextRunAt" = v."next"
        FROM (VALUES ${values}) AS v("id", "next")
        WHERE g."id" = v."id" AND g."leaseOwner" = ${this.owner}`;
      for (const [, r] of batch) r.resolve();
    } catch (err) {
      for (const [, r] of batch) r.reject(err);
    }
  }

  /** Lets go of rows whose release failed (the database was down), due at once. Throws while still down. */
  async releaseNow(ids: string[]): Promise<void> {
    await this.prisma.generation.updateMany({
      where: { id: { in: ids }, leaseOwner: this.owner },
      data: { leaseOwner: null, leaseUntil: null, nextRunAt: new Date() },
    });
  }
}
