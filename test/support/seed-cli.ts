// Seeds a clip history into a studio's data before the studio starts (PGlite holds its folder for one
// process, so this runs as its own process, then exits). Run with the react-server condition, because it
// imports server code:
//
//   node --conditions=react-server --import tsx test/support/seed-cli.ts --data <DATA_DIR> --count 10000
//   ... --database-url 'postgresql://...?schema=bench_x' --data <DATA_DIR> --count 10000
//
// Prints one JSON line: { count, seconds }.
import path from "node:path";
import { parseArgs } from "node:util";
import { storageConfig, storageEnvSchema } from "@/lib/config/storage-env";
import { openDatabase } from "@/lib/db/client";
import { createMediaStore } from "@/lib/media/create-store";
import { seedHistory } from "./seed-history";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    count: { type: "string" },
    "database-url": { type: "string" },
  },
});
if (!values.data || !values.count)
  throw new Error("usage: seed-cli --data <dir> --count <n> [--database-url <url>]");
const started = Date.now();
const db = await openDatabase(
  values["database-url"]
    ? { kind: "postgres", url: values["database-url"] }
    : { kind: "pglite", dir: path.join(values.data, "pglite") },
);
try {
  // The store the studio on this data folder uses: the media folder, or the bucket STORAGE_URL names.
  const store = await createMediaStore(
    storageConfig(storageEnvSchema.parse(process.env), path.resolve(values.data)),
  );
  await store.init();
  const seeded = await seedHistory(db.prisma, store, { count: Number(values.count) });
  console.log(JSON.stringify({ count: seeded.ids.length, seconds: (Date.now() - started) / 1000 }));
} finally {
  await db.close();
}
