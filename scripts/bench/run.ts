// `npm run bench [-- id ...]`: runs the benchmarks in scripts/bench/benchmarks/ (in file-name order)
// against the real code on this machine, prints figure / budget / measured / result, and writes the same
// as JSON to bench-results/bench-<time>.json and bench-results/latest.json, so runs can be compared.
// Exits 1 when a budget fails or a benchmark breaks. docs/performance.md explains each figure.
import { execSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { requirePostgres } from "@/test/support/postgres";
import { buildIsCurrent, buildStampFile, sourceHash } from "../source-hash";
import type { BenchContext, Benchmark, Budget, Figure } from "./types";

const root = process.cwd();
const portBase = Number(process.env.BENCH_PORT_BASE ?? 3300);
const postgresUrlCandidate = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

interface Row extends Figure {
  benchmark: string;
  pass: boolean | null;
}

function judge(measured: number | null, budget: Budget | undefined): boolean | null {
  if (!budget) return null;
  if (measured === null || Number.isNaN(measured)) return false;
  if (budget.max !== undefined && measured > budget.max) return false;
  if (budget.min !== undefined && measured < budget.min) return false;
  return true;
}

function formatNumber(n: number | null, unit: string): string {
  if (n === null || Number.isNaN(n)) return "n/a";
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return `${n.toFixed(digits)} ${unit}`.trim();
}

function formatBudget(b: Budget | undefined, unit: string): string {
  if (!b) return "";
  const parts = [];
  if (b.max !== undefined) parts.push(`≤ ${formatNumber(b.max, unit)}`);
  if (b.min !== undefined) parts.push(`≥ ${formatNumber(b.min, unit)}`);
  return parts.join(", ");
}

/** PostgreSQL for the benchmarks that compare databases; in CI (CI=true) it must answer. */
async function postgresUrl(): Promise<string | null> {
  const answers = await requirePostgres(postgresUrlCandidate, "The PostgreSQL figures of the benchmarks");
  return answers ? postgresUrlCandidate : null;
}

let built = false;
async function ensureBuild() {
  if (built || buildIsCurrent(root)) {
    built = true;
    return;
  }
  console.log("  building the production bundle (the sources changed since the last build)...");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build failed");
  writeFileSync(buildStampFile(root), sourceHash(root));
  built = true;
}

/** Benchmarks in file-name order; a file's leading number is the benchmark's number in the issue. */
async function loadBenchmarks(): Promise<(Benchmark & { number: number })[]> {
  const dir = path.join(root, "scripts/bench/benchmarks");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort();
  const list: (Benchmark & { number: number })[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { benchmark?: Benchmark };
    if (mod.benchmark) list.push({ ...mod.benchmark, number: Number.parseInt(file, 10) || list.length + 1 });
  }
  return list;
}

function gitCommit(): string | null {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: root, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

function printTable(rows: Row[]) {
  const cells = rows.map((r) => [
    r.benchmark,
    r.figure,
    formatBudget(r.budget, r.unit),
    formatNumber(r.measured, r.unit),
    r.pass === null ? "" : r.pass ? "pass" : "FAIL",
  ]);
  const head = ["benchmark", "figure", "budget", "measured", "result"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i] as number)).join("  ");
  console.log(`\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  let last = "";
  for (const c of cells) {
    console.log(line([c[0] === last ? "" : (c[0] as string), ...c.slice(1)]));
    last = c[0] as string;
  }
}

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const all = await loadBenchmarks();
  const unknown = only.filter((id) => !all.some((b) => b.id === id));
  if (unknown.length) {
    console.error(`Unknown benchmark: ${unknown.join(", ")}. Known: ${all.map((b) => b.id).join(", ")}`);
    process.exit(2);
  }
  const selected = only.length ? all.filter((b) => only.includes(b.id)) : all;
  const pgUrl = await postgresUrl();
  const started = Date.now();
  const rows: Row[] = [];
  const timings: Record<string, number> = {};
  for (const [i, bench] of selected.entries()) {
    const label = `${bench.number}. ${bench.title}`;
    console.log(`\n▶ ${label} (${bench.id})`);
    const tmp = mkdtempSync(path.join(os.tmpdir(), `omni-bench-${bench.id}-`));
    const ctx: BenchContext = {
      root,
      tmp,
      port: (n) => portBase + i * 10 + n,
      postgresUrl: pgUrl,
      ensureBuild,
      log: (m) => console.log(`  ${m}`),
    };
    const t0 = Date.now();
    try {
      for (const f of await bench.run(ctx)) {
        const row = { benchmark: label, ...f, pass: judge(f.measured, f.budget) };
        rows.push(row);
        console.log(
          `  ${row.figure}: ${formatNumber(row.measured, row.unit)}${row.budget ? ` (budget ${formatBudget(row.budget, row.unit)}: ${row.pass ? "pass" : "FAIL"})` : ""}`,
        );
      }
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`  ${bench.id} broke: ${message}`);
      rows.push({
        benchmark: label,
        figure: "ran to the end",
        measured: null,
        unit: "",
        budget: { min: 1 },
        pass: false,
        note: message.split("\n")[0],
      });
    } finally {
      timings[bench.id] = (Date.now() - t0) / 1000;
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const seconds = (Date.now() - started) / 1000;
  printTable(rows);
  const failed = rows.filter((r) => r.pass === false);
  console.log(
    `\n${rows.filter((r) => r.pass).length} within budget, ${failed.length} over, in ${seconds.toFixed(0)} s`,
  );

  const report = {
    at: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg(),
    },
    seconds,
    benchmarkSeconds: timings,
    figures: rows,
  };
  const outDir = path.join(root, "bench-results");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${report.at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Written to ${path.relative(root, file)} (and bench-results/latest.json)`);
  process.exit(failed.length ? 1 : 0);
}

await main();
