import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FAKE_FAL_KEY, startFakeFal } from "@/test/fakes/fal-server";
import { runInFlight, startFalStudio } from "@/test/support/load";

const fake = await startFakeFal({ key: FAKE_FAL_KEY, holdAll: true });
const dataDir = mkdtempSync(path.join(os.tmpdir(), "prof-poll-"));
const studio = await startFalStudio({
  port: 3390,
  dataDir,
  fake,
  cwd: "/work/wt-load",
  nodeArgs: ["--prof", "--logfile=/tmp/prof-poll.log", "--no-logfile-per-isolate"],
});
const r = await runInFlight({
  studio,
  fake,
  jobs: 200,
  holdUntilAgeMs: 50_000,
  probeEveryMs: 0,
  log: console.log,
  completeTimeoutMs: 180_000,
});
const { cpuPercent } = await import("@/test/support/load");
console.log("cpu 35-60s", cpuPercent(r.cpuSamples, 35_000, 60_000), "rss", r.rss);
await studio.stop("SIGINT");
await fake.close();
