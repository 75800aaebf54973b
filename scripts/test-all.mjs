// `npm test`: every check the project has, in order, then one summary line.
// lint -> types -> migrations match schema -> unit + integration (vitest) -> production build -> e2e (Playwright)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const results = path.join(root, "test-results");
rmSync(path.join(results, "vitest.json"), { force: true });
rmSync(path.join(results, "playwright.json"), { force: true });
mkdirSync(results, { recursive: true });

// The e2e fal server runs with this key; building with it too lets the e2e suite prove it is in no
// client file.
export const CANARY_FAL_KEY = "test-fal-key-canary-7f3a9c";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FAL_KEY_CANARY: CANARY_FAL_KEY };
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const steps = [
  ["lint", bin("biome"), ["check", "."]],
  ["types", bin("tsc"), ["--noEmit"]],
  ["migrations", bin("tsx"), ["scripts/db.ts", "check"]],
  [
    "unit + integration",
    bin("vitest"),
    [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${path.join(results, "vitest.json")}`,
    ],
  ],
  ["build", bin("next"), ["build"], { FAL_KEY: CANARY_FAL_KEY }],
  // What npm run build does after next build: .br and .gz beside the static assets, for nginx.
  ["build (precompress)", bin("tsx"), ["scripts/precompress.ts"]],
  [
    "e2e",
    bin("playwright"),
    ["test"],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(results, "playwright.json") },
  ],
];

const only = process.argv.slice(2);
let failedStep;
for (const [name, cmd, args, extra] of steps) {
  if (only.length && !only.includes(name.split(" ")[0])) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extra } });
  console.log(
    `=== ${name}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s ===`,
  );
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}

function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const vitestFile = path.join(results, "vitest.json");
  if (existsSync(vitestFile)) {
    const v = JSON.parse(readFileSync(vitestFile, "utf8"));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
  const pwFile = path.join(results, "playwright.json");
  if (existsSync(pwFile)) {
    const s = JSON.parse(readFileSync(pwFile, "utf8")).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
    skipped += s.skipped ?? 0;
  }
  return { passed, failed, skipped };
}

const { passed, failed, skipped } = counts();
if (failedStep) console.log(`\nStep "${failedStep}" failed.`);
console.log(
  `\ntests: ${passed} passed, ${failed + (failedStep && failed === 0 ? 1 : 0)} failed, ${skipped} skipped`,
);
process.exit(failedStep ? 1 : 0);
