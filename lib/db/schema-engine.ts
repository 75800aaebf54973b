import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

type SchemaEngineModule = typeof import("@prisma/schema-engine-wasm");
type SchemaEngine = Awaited<ReturnType<SchemaEngineModule["SchemaEngine"]["new"]>>;

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

const ENGINE_DIR = path.resolve(process.cwd(), "node_modules", "@prisma", "schema-engine-wasm");

let enginePromise: Promise<SchemaEngineModule["SchemaEngine"]> | undefined;

/**
 * Loads Prisma's WASM schema engine (the same engine as `prisma migrate`, without the native binary the
 * CLI would download). The package imports its .wasm as an ES module, which Node 20 only allows behind a
 * flag, so we instantiate the module ourselves and hand it to the generated bindings.
 */
function loadSchemaEngine() {
  enginePromise ??= (async () => {
    // Resolved from the project folder at run time, not through the bundler (which would turn a
    // require.resolve into a module id): Node loads this package, never the bundle.
    const bindingsPath = path.join(ENGINE_DIR, "schema_engine_bg.js");
    if (!existsSync(bindingsPath))
      throw new Error(`Prisma's WASM schema engine is missing at ${ENGINE_DIR}: run npm install`);
    const bindings = (await import(
      /* @vite-ignore */ /* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(bindingsPath)
        .href
    )) as SchemaEngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmPath = path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine;
  })();
  return enginePromise;
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngine = await loadSchemaEngine();
  const datamodel = readFileSync(SCHEMA_PATH, "utf8");
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, datamodel]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Reads prisma/migrations exactly as `prisma migrate deploy` does. */
export function readMigrationsList() {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `missing ${file}` },
        },
      };
    }),
  };
}

/** Applies every pending migration and records it in _prisma_migrations. Returns the names applied. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return withEngine(factory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationsList(), filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/** SQL that takes the committed migrations to the current schema; empty when they already match. */
export async function diffMigrationsToSchema(
  factory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string> {
  return withEngine(factory, async (engine) => {
    const list = readMigrationsList();
    const from =
      list.migrationDirectories.length === 0
        ? ({ tag: "empty" } as const)
        : ({ tag: "migrations", ...list } as const);
    const result = await engine.diff({
      from,
      to: {
        tag: "schemaDatamodel",
        files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }],
      },
      script: true,
      exitCode: null,
      filters: noFilters,
    } as Parameters<SchemaEngine["diff"]>[0]);
    return (result as { stdout?: string }).stdout ?? "";
  });
}
