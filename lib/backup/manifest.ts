import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readMigrationsList } from "@/lib/db/schema-engine";
import { BackupRefused } from "./database";

/** Bumped when an archive's layout changes in a way older code cannot read. */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";
export const MEDIA_PREFIX = "media/";

const count = z.number().int().nonnegative();

export const manifestSchema = z.object({
  format: z.literal("omni-studio-backup"),
  formatVersion: z.number().int(),
  studioVersion: z.string(),
  createdAt: z.string(),
  database: z.object({
    kind: z.enum(["postgres", "pglite"]),
    /** The archive entry holding the dump. */
    dump: z.string(),
    /** PostgreSQL: the schema dumped (a restore goes into a schema of the same name). */
    schema: z.string().nullable(),
    migrations: z.array(z.string()),
    rows: z.object({ users: count, generations: count }),
  }),
  storage: z.object({ driver: z.enum(["local", "s3"]) }),
  media: z.object({ files: count, bytes: count }),
});

export type Manifest = z.infer<typeof manifestSchema>;

export function studioVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The manifest, or a refusal naming what is wrong with it (format, version, unknown migrations). */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupRefused("The archive's manifest.json is not JSON: this is not an Omni Studio backup.");
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if ((raw as { format?: unknown } | null)?.format !== "omni-studio-backup")
    throw new BackupRefused("The archive's manifest.json is not an Omni Studio backup's.");
  if (version !== BACKUP_FORMAT_VERSION)
    throw new BackupRefused(
      `The archive is in backup format ${String(version)}; this studio reads format ${BACKUP_FORMAT_VERSION} only.`,
    );
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BackupRefused(`The archive's manifest.json is malformed: ${parsed.error.issues[0]?.message}`);
  const known = new Set(readMigrationsList().migrationDirectories.map((d) => d.path));
  const unknown = parsed.data.database.migrations.filter((m) => !known.has(m));
  if (unknown.length)
    throw new BackupRefused(
      `The archive was made by a newer studio: its database has migrations this code does not know (${unknown.join(", ")}). Restore it with that version or later.`,
    );
  return parsed.data;
}
