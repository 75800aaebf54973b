// Runs the fake AtlasCloud server on its own, for end-to-end tests and manual runs:
//   tsx test/fakes/atlas-server-cli.ts --port 4020 [--start-ms 80] [--run-ms 150] [--key fake-atlas-key]
// Each flag also reads from the environment: FAKE_ATLAS_PORT, FAKE_ATLAS_START_MS, FAKE_ATLAS_RUN_MS,
// FAKE_ATLAS_KEY. Point the studio at it with ATLASCLOUD_BASE_URL=<printed url>/api/v1 and
// ATLASCLOUD_API_KEY=<key>. Any API route answers 401 without the key: a readiness probe can wait on that.
import { parseArgs } from "node:util";
import { FAKE_ATLAS_KEY, startFakeAtlas } from "@/test/fakes/atlas-server";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "start-ms": { type: "string" },
    "run-ms": { type: "string" },
    key: { type: "string" },
  },
});
const env = process.env;

function int(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`fake AtlasCloud: ${name} must be a whole number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const fake = await startFakeAtlas({
  port: int("--port", values.port ?? env.FAKE_ATLAS_PORT) ?? 4020,
  startMs: int("--start-ms", values["start-ms"] ?? env.FAKE_ATLAS_START_MS),
  runMs: int("--run-ms", values["run-ms"] ?? env.FAKE_ATLAS_RUN_MS),
  key: values.key ?? env.FAKE_ATLAS_KEY ?? FAKE_ATLAS_KEY,
});

// The first line is the API base alone, so scripts can read it.
console.log(fake.apiBase);
console.error(`fake AtlasCloud listening on ${fake.url} (ATLASCLOUD_BASE_URL=${fake.apiBase})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
