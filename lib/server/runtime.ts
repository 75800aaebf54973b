import "server-only";
import path from "node:path";
import sharp from "sharp";
import { ensureSettings } from "@/lib/accounts/settings";
import { listensBeyondLoopback, SetupGate } from "@/lib/accounts/setup";
import { ActorCache, attachActorCache, detachActorCache } from "@/lib/auth/actor-cache";
import { type Auth, createAuth, secureCookies } from "@/lib/auth/auth";
import { type AppConfig, getConfig } from "@/lib/config/env";
import { type Database, openDatabase } from "@/lib/db/client";
import { ExportWorker } from "@/lib/exports/worker";
import { purgeDeletedGenerations } from "@/lib/generations/deletion";
import type { GenerationDeps } from "@/lib/generations/service";
import { GenerationWorker, type WorkerDeps } from "@/lib/generations/worker/loop";
import { startWakeBus, type WakeBus } from "@/lib/generations/worker/wake-bus";
import { trustedOrigins } from "@/lib/http/origin";
import { FaceScorer } from "@/lib/identity/scorer";
import { IdentityWorker } from "@/lib/identity/worker";
import { attachChangeBus, ChangeBus, detachChangeBus } from "@/lib/live/change-bus";
import { queueMail } from "@/lib/mail/send";
import { passwordResetMail } from "@/lib/mail/templates";
import { createMediaStore } from "@/lib/media/create-store";
import type { MediaStore } from "@/lib/media/storage";
import { ensureFirstProject } from "@/lib/projects/first";
import { createAtlasProvider } from "@/lib/providers/atlas";
import { createFalProvider } from "@/lib/providers/fal";
import { createPreviewProvider } from "@/lib/providers/preview/provider";
import { dbReferenceUrlCache } from "@/lib/providers/reference-cache";
import type { VideoProvider } from "@/lib/providers/types";

/** How often the embedded database refreshes its planner statistics. */
const ANALYZE_EVERY_MS = 15 * 60_000;

export interface Runtime {
  config: AppConfig;
  db: Database;
  store: MediaStore;
  providers: ReadonlyMap<string, VideoProvider>;
  /** The provider new generations use. */
  provider: VideoProvider;
  worker: GenerationWorker;
  /** Face identity scores for completed clips, in the background (null when IDENTITY_SCORING=off). */
  identity: IdentityWorker | null;
  /** Sequence exports (MP4s of chosen takes), in the background. */
  exports: ExportWorker;
  /** Accounts and sessions (better-auth). */
  auth: Auth;
  /** Who recent cookies and tokens belong to, forgotten on every change (lib/auth/actor-cache.ts). */
  actors: ActorCache;
  /** First run: whether the owner account is still to be made, and its setup code. */
  setup: SetupGate;
  /** What changed, for the live event stream (app/api/events). */
  changes: ChangeBus;
  /**
   * Makes due work run now: this instance's worker takes what it can (`created`: rows it just made), and
   * on PostgreSQL the other instances are told when this one could not take it all.
   */
  wake(created?: Parameters<GenerationWorker["wake"]>[0]): void;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Use this database instead of the configured one (tests). */
  db?: Database;
  startWorker?: boolean;
  /** Start the identity scoring worker (default: as IDENTITY_SCORING says, when the worker starts). */
  startIdentity?: boolean;
  workerOptions?: Pick<WorkerDeps, "owner" | "leaseMs" | "idleTickMs" | "sweepMs" | "schedule" | "log">;
}

export async function createRuntime(config: AppConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  // libvips keeps up to 50 MB of recent operations and their pixels for reuse; every image here is
  // new (an upload, a poster), so the cache only held memory after bursts.
  sharp.cache(false);
  const db =
    options.db ??
    (await openDatabase(
      config.databaseUrl
        ? { kind: "postgres", url: config.databaseUrl }
        : { kind: "pglite", dir: config.pgliteDir },
    ));
  const store = await createMediaStore(config.storage);
  await store.init();

  const settings = await ensureSettings(db.prisma);
  await ensureFirstProject(db.prisma);
  const setup = new SetupGate(db.prisma, listensBeyondLoopback(config.hostname));
  const auth = createAuth({
    prisma: db.prisma,
    secret: config.authSecret ?? settings.authSecret,
    setup,
    baseURL: config.publicBaseUrl,
    secureCookies: secureCookies(config.publicBaseUrl, config.hostname),
    trustedProxies: config.trustedProxies,
    trustedOrigins,
    // Without SMTP there is no reset by mail: the reset page says to ask an admin instead.
    ...(config.mail
      ? {
          sendResetPassword: async ({ email, name, url }) =>
            queueMail({
              to: email,
              ...passwordResetMail({ resetUrl: url, name, expiresAt: new Date(Date.now() + 3_600_000) }),
            }),
        }
      : {}),
  });

  const providers = new Map<string, VideoProvider>();
  // The preview engine is always there, so preview clips in history keep working after a key is added.
  providers.set("preview", createPreviewProvider({ workDir: path.join(config.dataDir, "preview") }));
  if (config.fal.key) {
    providers.set(
      "fal",
      createFalProvider({
        key: config.fal.key,
        modelId: config.fal.modelId,
        baseUrl: config.fal.baseUrl,
        referenceUrlCache: dbReferenceUrlCache(db.prisma, "fal"),
        pricing: config.fal.pricing,
      }),
    );
  }
  if (config.atlas.key) {
    providers.set(
      "atlas",
      createAtlasProvider({
        key: config.atlas.key,
        baseUrl: config.atlas.baseUrl,
        modelId: config.atlas.modelId,
        referenceUrlCache: dbReferenceUrlCache(db.prisma, "atlas"),
        pricing: config.atlas.pricing,
      }),
    );
  }
  const provider = providers.get(config.provider);
  if (!provider) throw new Error(`provider ${config.provider} is not configured`);

  if (db.kind === "pglite") {
    // PGlite belongs to this one process: leases left by a previous run of it are stale.
    await db.prisma.generation.updateMany({
      where: { leaseOwner: { not: null } },
      data: { leaseOwner: null, leaseUntil: null },
    });
  }

  const worker = new GenerationWorker({
    prisma: db.prisma,
    store,
    providers,
    webhookUrlFor: (id, p) =>
      config.publicBaseUrl && p.id === "fal" && p.capabilities.webhooks
        ? `${config.publicBaseUrl}/api/webhooks/fal?generation=${encodeURIComponent(id)}`
        : undefined,
    log: (m) => console.warn(`[worker] ${m}`),
    ...options.workerOptions,
  });
  // Instances sharing a PostgreSQL database wake each other; the embedded database has one instance.
  const bus: WakeBus | undefined = db.url
    ? await startWakeBus({
        url: db.url,
        owner: worker.owner,
        onWake: () => worker.wake(),
        log: (m) => console.warn(`[worker] ${m}`),
      })
    : undefined;
  // Before the worker starts, so its first writes are heard.
  const changes = new ChangeBus();
  if (db.url) await changes.listen(db.url, (m) => console.warn(`[live] ${m}`));
  attachChangeBus(db.prisma, changes);
  const actors = new ActorCache();
  if (db.url) await actors.listen(db.url, (m) => console.warn(`[auth] ${m}`));
  attachActorCache(db.prisma, actors);
  if (options.startWorker !== false) worker.start();
  const scorer = config.identityScoring ? new FaceScorer() : undefined;
  const identity = scorer
    ? new IdentityWorker({
        prisma: db.prisma,
        store,
        scorer,
        owner: worker.owner,
        log: (m) => console.warn(`[identity] ${m}`),
      })
    : null;
  // A clip that completes (here or on another instance) or comes back from the bin is scored next.
  const unhearIdentity = changes.subscribe((c) => {
    if (c === "closed") return;
    if (c === "reset" || c.kind === "generation.status" || c.kind === "generation.restored") identity?.wake();
  });
  if (identity && (options.startIdentity ?? options.startWorker !== false)) identity.start();
  const exports = new ExportWorker({
    prisma: db.prisma,
    store,
    owner: worker.owner,
    log: (m) => console.warn(`[export] ${m}`),
  });
  // An export asked for on another instance is started here too, if this one is idle.
  const unhearExports = changes.subscribe((c) => {
    if (c === "reset" || (c !== "closed" && c.kind === "export")) exports.wake();
  });
  if (options.startWorker !== false) exports.start();
  // PGlite has no autovacuum, so nothing else ever gathers the planner's statistics; without them it
  // chose sequential scans (the gallery's first page read and sorted every clip). ANALYZE samples at most
  // 30,000 rows per table, so it stays well under a second however long the history grows.
  const analyze = () =>
    db.prisma
      .$executeRawUnsafe("ANALYZE")
      .catch((err) => console.warn(`[analyze] ${err instanceof Error ? err.message : err}`));
  const analyzer = db.kind === "pglite" ? setInterval(analyze, ANALYZE_EVERY_MS) : undefined;
  analyzer?.unref();
  if (db.kind === "pglite") void analyze();
  // Deleted clips stay restorable for the undo window, then go for good.
  const purge = setInterval(() => {
    purgeDeletedGenerations(db.prisma, new Date(), store).catch((err) =>
      console.warn(`[purge] ${err instanceof Error ? err.message : err}`),
    );
  }, 60_000);
  purge.unref();

  return {
    config,
    db,
    store,
    providers,
    provider,
    worker,
    identity,
    exports,
    auth,
    actors,
    setup,
    changes,
    wake(created) {
      if (!worker.wake(created)) bus?.announce();
    },
    async close() {
      clearInterval(purge);
      clearInterval(analyzer);
      await bus?.close();
      await worker.stop();
      unhearIdentity();
      await identity?.stop();
      unhearExports();
      await exports.stop();
      await scorer?.close();
      detachChangeBus(db.prisma, changes);
      await changes.close();
      detachActorCache(db.prisma, actors);
      await actors.close();
      if (!options.db) await db.close();
    },
  };
}

const globalForRuntime = globalThis as unknown as { __omniRuntime?: Promise<Runtime> };

/** The server's one runtime: database opened and migrated, worker running. */
export function getRuntime(): Promise<Runtime> {
  globalForRuntime.__omniRuntime ??= createRuntime(getConfig()).catch((err) => {
    globalForRuntime.__omniRuntime = undefined;
    throw err;
  });
  return globalForRuntime.__omniRuntime;
}

/** What the generation service needs from the runtime. */
export function generationDeps(rt: Runtime): GenerationDeps {
  return {
    prisma: rt.db.prisma,
    provider: rt.provider,
    providers: rt.providers,
    wake: (created) => rt.wake(created),
  };
}
