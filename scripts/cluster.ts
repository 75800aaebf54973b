// `npx tsx scripts/cluster.ts [--size 2] [--port 8080] [--studio-port 3201]`: several studio instances on
// a fresh database of the local PostgreSQL (TEST_DATABASE_URL's server) and one shared data folder, behind
// nginx running deploy/nginx.conf, on the preview engine, until Ctrl-C; then everything is stopped and the
// database dropped. After `npm run build`. The same launcher the cluster e2e project uses.
import { parseArgs } from "node:util";
import { startCluster } from "@/test/support/cluster";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "2" },
    port: { type: "string", default: "8080" },
    "studio-port": { type: "string", default: "3201" },
  },
});
const size = Number(values.size);
const first = Number(values["studio-port"]);
const cluster = await startCluster({
  nginxPort: Number(values.port),
  studioPorts: Array.from({ length: size }, (_, i) => first + i),
  env: { VIDEO_PROVIDER: "preview" },
});
console.log(`nginx on ${cluster.url}, in front of:`);
for (const i of cluster.instances) console.log(`  ${i.name} on ${i.studio.url} (pid ${i.studio.pid})`);
console.log(
  `database ${new URL(cluster.databaseUrl).pathname.slice(1)}, data folder ${cluster.dataDir}. Ctrl-C stops it all.`,
);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void cluster.stop().then(() => process.exit(0));
  });
}
