// Runs the fake fal server on its own, for end-to-end tests and manual runs:
//   tsx test/fakes/fal-server-cli.ts --port 4010 [--queue-ms 300] [--run-ms 600] [--key fake-fal-key]
//     [--any-key] [--validate-at submit|result] [--hold-all] [--public-origin https://v3.fal.media]
//     [--video-max-seconds 3]
// Each flag also reads from the environment: FAKE_FAL_PORT, FAKE_FAL_QUEUE_MS, FAKE_FAL_RUN_MS,
// FAKE_FAL_KEY, FAKE_FAL_ANY_KEY=1, FAKE_FAL_VALIDATE_AT, FAKE_FAL_HOLD_ALL=1, FAKE_FAL_PUBLIC_ORIGIN,
// FAKE_FAL_VIDEO_MAX_SECONDS.
// Point the studio at it with FAL_BASE_URL=<printed url>, FAL_KEY=<key> and
// FAL_WEBHOOK_JWKS_URL=<printed url>/.well-known/jwks.json.
import { parseArgs } from "node:util";
import { FAKE_FAL_KEY, startFakeFal } from "@/test/fakes/fal-server";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "queue-ms": { type: "string" },
    "run-ms": { type: "string" },
    key: { type: "string" },
    "any-key": { type: "boolean" },
    "validate-at": { type: "string" },
    "hold-all": { type: "boolean" },
    "public-origin": { type: "string" },
    "video-max-seconds": { type: "string" },
  },
});
const env = process.env;

function int(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`fake fal: ${name} must be a whole number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const validateAt = values["validate-at"] ?? env.FAKE_FAL_VALIDATE_AT;
if (validateAt && validateAt !== "submit" && validateAt !== "result") {
  console.error('fake fal: --validate-at must be "submit" or "result"');
  process.exit(2);
}

const fake = await startFakeFal({
  port: int("--port", values.port ?? env.FAKE_FAL_PORT) ?? 4010,
  host: values.host ?? env.FAKE_FAL_HOST,
  queueMs: int("--queue-ms", values["queue-ms"] ?? env.FAKE_FAL_QUEUE_MS),
  runMs: int("--run-ms", values["run-ms"] ?? env.FAKE_FAL_RUN_MS),
  key:
    values["any-key"] || env.FAKE_FAL_ANY_KEY === "1"
      ? null
      : (values.key ?? env.FAKE_FAL_KEY ?? FAKE_FAL_KEY),
  validateAt: validateAt as "submit" | "result" | undefined,
  holdAll: values["hold-all"] || env.FAKE_FAL_HOLD_ALL === "1",
  publicOrigin: values["public-origin"] ?? env.FAKE_FAL_PUBLIC_ORIGIN,
  videoMaxSeconds: int("--video-max-seconds", values["video-max-seconds"] ?? env.FAKE_FAL_VIDEO_MAX_SECONDS),
});

// The first line is the URL alone, so scripts can read it.
console.log(fake.url);
console.error(`fake fal listening on ${fake.url} (jwks: ${fake.jwksUrl})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
