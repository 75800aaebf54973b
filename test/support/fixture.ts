// The set-up every integration file shares, in one place: a fresh database of the kind under test, the
// fake providers the studio should talk to, a runtime (the real worker, fast schedule) on a temp data
// folder, reference images, and the teardown of all of it in the right order. Call it inside a describe
// (it registers that describe's beforeAll and afterAll); the handle's fields are set once beforeAll ran.
import { afterAll, beforeAll } from "vitest";
import type { RuntimeOptions } from "@/lib/server/runtime";
import { FAKE_ATLAS_KEY, type FakeAtlas, startFakeAtlas } from "@/test/fakes/atlas-server";
import { FAKE_FAL_KEY, type FakeFal, type FakeFalOptions, startFakeFal } from "@/test/fakes/fal-server";
import { createTestDatabase, type DbKind, type TestDatabase } from "./db";
import { removeDir, startTestRuntime, type TestRuntime, uploadImages } from "./runtime";

export interface StudioFixtureOptions {
  /** Start a fake fal server with these options; the runtime's FAL_* settings point at it. */
  fal?: FakeFalOptions;
  /** Start a fake AtlasCloud server too; the runtime's ATLASCLOUD_* settings point at it. */
  atlas?: boolean;
  /** More settings, read when the runtime starts (so they may use what an earlier beforeAll made). */
  env?: () => Record<string, string>;
  /** Options of the runtime, or false for none: the file starts its own with `start()`. */
  runtime?: RuntimeOptions | false;
  /** Reference images to upload once the runtime runs: how many, and the seed of the first. */
  references?: { count: number; seed: number };
  /** The database to use instead of a fresh test database of the kind (e.g. a private cluster's). */
  database?: () => Promise<TestDatabase>;
  /** Called once everything runs, e.g. to copy the handle's fields into the describe's own variables. */
  ready?: (studio: StudioFixture) => void;
}

export interface StudioFixture {
  readonly db: TestDatabase;
  /** The fixture's runtime (the latest, after a restart). */
  readonly rt: TestRuntime;
  /** The uploaded reference images' asset ids. */
  readonly refs: string[];
  readonly fal: FakeFal;
  readonly atlas: FakeAtlas;
  /** The settings runtimes start with: the fakes' URLs and keys, or the preview engine without them. */
  env(): Record<string, string>;
  /** Another runtime on the same database (a second instance, a restart); torn down with the rest. */
  start(options?: RuntimeOptions & { dataDir?: string }): Promise<TestRuntime>;
  /** Disposes the fixture's runtime (unless it was already) and starts a new one on its data folder. */
  restart(): Promise<TestRuntime>;
}

export function useStudio(kind: DbKind, options: StudioFixtureOptions = {}): StudioFixture {
  let db: TestDatabase | undefined;
  let fal: FakeFal | undefined;
  let atlas: FakeAtlas | undefined;
  let rt: TestRuntime | undefined;
  let refs: string[] = [];
  const runtimes: TestRuntime[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`the studio fixture has no ${what} (not asked for, or not started)`);
    return value;
  };

  const fixture: StudioFixture = {
    get db() {
      return need(db, "database");
    },
    get rt() {
      return need(rt, "runtime");
    },
    get refs() {
      return refs;
    },
    get fal() {
      return need(fal, "fake fal (pass `fal`)");
    },
    get atlas() {
      return need(atlas, "fake AtlasCloud (pass `atlas`)");
    },
    env() {
      const providers = {
        ...(fal && { FAL_KEY: FAKE_FAL_KEY, FAL_BASE_URL: fal.url, FAL_WEBHOOK_JWKS_URL: fal.jwksUrl }),
        ...(atlas && { ATLASCLOUD_API_KEY: FAKE_ATLAS_KEY, ATLASCLOUD_BASE_URL: atlas.apiBase }),
      };
      const base = Object.keys(providers).length ? providers : { VIDEO_PROVIDER: "preview" };
      return { ...base, ...options.env?.() };
    },
    async start(runtimeOptions = {}) {
      const started = await startTestRuntime(fixture.db, fixture.env(), runtimeOptions);
      runtimes.push(started);
      return started;
    },
    async restart() {
      const { dataDir } = fixture.rt;
      await fixture.rt.dispose();
      rt = await fixture.start({ ...(options.runtime || {}), dataDir });
      return rt;
    },
  };

  beforeAll(async () => {
    if (options.fal) fal = await startFakeFal(options.fal);
    if (options.atlas) atlas = await startFakeAtlas();
    db = await (options.database?.() ?? createTestDatabase(kind));
    if (options.runtime !== false) {
      rt = await fixture.start(options.runtime);
      if (options.references)
        refs = await uploadImages(rt, options.references.count, options.references.seed);
    }
    options.ready?.(fixture);
  });

  afterAll(async () => {
    // Everything is let go of even when a step fails; the first failure is reported.
    const failures: unknown[] = [];
    const step = async (fn: () => Promise<unknown> | undefined) => {
      try {
        await fn();
      } catch (err) {
        failures.push(err);
      }
    };
    for (const r of runtimes) await step(() => r.dispose());
    await step(() => db?.dispose());
    await step(() => fal?.close());
    await step(() => atlas?.close());
    for (const dir of new Set(runtimes.map((r) => r.dataDir))) await step(() => removeDir(dir));
    if (failures.length) throw failures[0];
  });

  return fixture;
}
