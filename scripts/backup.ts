// `npm run backup -- [--out <file>]`: one .tar.gz of the configured studio's database and media
// (lib/backup/backup.ts). On the embedded database (PGlite), stop the studio first.

import { backupTargetOf, createBackup, formatBytes } from "../lib/backup/backup";
import { BackupRefused } from "../lib/backup/database";
import { ConfigError, parseConfig } from "../lib/config/env";

async function main() {
  const args = process.argv.slice(2);
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out" && args[i + 1]) out = args[++i];
    else throw new BackupRefused("Usage: npm run backup -- [--out <file.tar.gz>]");
  }
  const config = parseConfig();
  const result = await createBackup(backupTargetOf(config), { out });
  const { database, media } = result.manifest;
  console.log(
    [
      `Backup written: ${result.file} (${formatBytes(result.bytes)}, ${(result.ms / 1000).toFixed(1)} s)`,
      `  database: ${database.kind === "pglite" ? "embedded (PGlite data folder)" : `PostgreSQL (schema ${database.schema})`}, ${database.rows.users} user(s), ${database.rows.generations} clip(s), ${database.migrations.length} migrations`,
      `  media: ${media.files} file(s), ${formatBytes(media.bytes)} from ${result.manifest.storage.driver} storage`,
    ].join("\n"),
  );
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`Backup cannot start.\n${err.message}`);
  else if (err instanceof BackupRefused) console.error(`Backup refused: ${err.message}`);
  else console.error(`Backup failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
