// The shape every benchmark in scripts/bench/benchmarks/ shares with the runner (scripts/bench/run.ts).

export interface Budget {
  /** The figure passes when it is at most this. */
  max?: number;
  /** The figure passes when it is at least this. */
  min?: number;
}

/** One measured figure. Without a budget it is reported for information (a breakdown, a ratio's parts). */
export interface Figure {
  figure: string;
  measured: number | null;
  unit: string;
  budget?: Budget;
  /** What the number means, how it was taken, or why it cannot pass on this machine. */
  note?: string;
}

export interface BenchContext {
  /** The checkout being measured. */
  root: string;
  /** A fresh temporary folder for this benchmark, removed afterwards. */
  tmp: string;
  /** Ports reserved for this benchmark: base, base+1, ... base+9 (BENCH_PORT_BASE, default 3300). */
  port(index: number): number;
  /** PostgreSQL for the benchmarks that compare databases, or null when it does not answer. */
  postgresUrl: string | null;
  /** Builds the production bundle once per run (skipped when the sources match the last build). */
  ensureBuild(): Promise<void>;
  log(message: string): void;
}

export interface Benchmark {
  /** Short id, used on the command line: `npm run bench -- gallery-api`. */
  id: string;
  /** The name for it, e.g. "Client weight". */
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** Percentile of a sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Runs `measure` on the embedded database, then on PostgreSQL when one answers; without it, one row
 * named `skippedFigure` says the PostgreSQL half was skipped (so the table shows it was not measured).
 */
export async function onEachDatabase(
  ctx: BenchContext,
  measure: (ctx: BenchContext, kind: "pglite" | "postgres") => Promise<Figure[]>,
  skippedFigure: string,
): Promise<Figure[]> {
  await ctx.ensureBuild();
  const figures = await measure(ctx, "pglite");
  if (ctx.postgresUrl) figures.push(...(await measure(ctx, "postgres")));
  else
    figures.push({
      figure: skippedFigure,
      measured: null,
      unit: "ms",
      note: "skipped: no PostgreSQL answered",
    });
  return figures;
}
