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
import { openDatabase } from "@/lib/db/client";
import { MediaStore } from "@/lib/media/storage";
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
  const store = new MediaStore(path.join(values.data, "media"));
  await store.init();
  const seeded = await seedHistory(db.prisma, store, { count: Number(values.count) });
  console.log(JSON.stringify({ count: seeded.ids.length, seconds: (Date.now() - started) / 1000 }));
} finally {
  await db.close();
}
