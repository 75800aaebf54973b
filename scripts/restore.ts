// `npm run restore -- <archive>`: brings a backup (npm run backup) into the EMPTY studio the environment
// configures (lib/backup/restore.ts). On the embedded database (PGlite), the studio must be stopped.
import { NotAnArchiveError } from "../lib/backup/archive";
import { backupTargetOf, formatBytes } from "../lib/backup/backup";
import { BackupRefused } from "../lib/backup/database";
import { restoreBackup } from "../lib/backup/restore";
import { ConfigError, parseConfig } from "../lib/config/env";

async function main() {
  const args = process.argv.slice(2);
  const archive = args[0];
  if (!archive || args.length > 1) throw new BackupRefused("Usage: npm run restore -- <archive.tar.gz>");
  const config = parseConfig();
  const result = await restoreBackup(archive, backupTargetOf(config));
  const { database, studioVersion, createdAt } = result.manifest;
  console.log(
    [
      `Restored ${archive} (made ${createdAt} by Omni Studio ${studioVersion}) in ${(result.ms / 1000).toFixed(1)} s`,
      `  database: ${database.rows.users} user(s), ${database.rows.generations} clip(s)${result.migrated.length ? `; then applied ${result.migrated.join(", ")}` : ""}`,
      `  media: ${result.files} file(s), ${formatBytes(result.bytes)} into ${config.storage.driver} storage, each checked against its key`,
    ].join("\n"),
  );
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(`Restore cannot start.\n${err.message}`);
  else if (err instanceof BackupRefused || err instanceof NotAnArchiveError)
    console.error(`Restore refused: ${err.message}`);
  else console.error(`Restore failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
