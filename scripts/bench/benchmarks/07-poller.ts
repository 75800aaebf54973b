// 7. Poller: 200 jobs in flight at the fake fal, webhooks off, the real poll schedule. Every status call
// is counted by the fake; the jobs are held at fal for 140 s so the schedule's three speeds are all seen,
// then released and must each complete once. The server's CPU time comes from /proc (process tree).
import { cpuPercent, percentile } from "@/test/support/load";
import { HOLD_UNTIL_AGE_MS, JOBS, pollerRun } from "../in-flight-run";
import type { Benchmark, Figure } from "../types";

export const benchmark: Benchmark = {
  id: "poller",
  title: "Poller",
  async run(ctx) {
    const r = await pollerRun(ctx);
    const completed = r.generationIds.filter((id) => r.statuses.get(id) === "completed").length;
    const once = r.submits === JOBS && r.fakeJobs === JOBS && new Set(r.requestIds.values()).size === JOBS;
    // Ages are of the youngest job (ms since fal got the last submit); the oldest is a few seconds older.
    for (const [id, error] of r.errors) ctx.log(`generation ${id} ${r.statuses.get(id)}: ${error}`);
    const cpu5s = cpuPercent(r.cpuSamples, 35_000, 100_000);
    const cpu10s = cpuPercent(r.cpuSamples, 125_000, HOLD_UNTIL_AGE_MS);
    const cpuAll = cpuPercent(r.cpuSamples, 0, HOLD_UNTIL_AGE_MS);
    ctx.log(
      `status calls per job: ${[...r.statusCallsPerJob.values()]
        .sort((a, b) => a - b)
        .join(",")
        .slice(0, 200)}…`,
    );
    const figures: Figure[] = [
      {
        figure: `status calls per job per minute, busiest 60 s of any of ${JOBS} jobs`,
        measured: r.maxCallsPerJobPerMinute,
        unit: "/min",
        budget: { max: 20 },
        note: "counted by the fake fal from every request it received",
      },
      {
        figure: "status calls per job per minute, jobs under 30 s old",
        measured: r.rateFirst30s,
        unit: "/min",
      },
      {
        figure: "status calls per job per minute, 30 s to 2 min old",
        measured: r.rate30sTo2min,
        unit: "/min",
      },
      { figure: "status calls per job per minute, over 2 min old", measured: r.rateAfter2min, unit: "/min" },
      {
        figure: "server CPU, nothing in flight",
        measured: r.idleCpuPercent,
        unit: "% core",
        budget: { max: 5 },
      },
      {
        figure: `server CPU, ${JOBS} jobs held at fal, polling every 5 s`,
        measured: cpu5s,
        unit: "% core",
        budget: { max: 5 },
        note: "youngest job 35-100 s old; no other requests",
      },
      {
        figure: `server CPU, ${JOBS} jobs held at fal, polling every 10 s`,
        measured: cpu10s,
        unit: "% core",
        budget: { max: 5 },
        note: "youngest job 125-140 s old",
      },
      {
        figure: `server CPU, ${JOBS} jobs held at fal, whole hold (incl. 3 s polls and probes)`,
        measured: cpuAll,
        unit: "% core",
      },
      {
        figure: "GET /api/generations p95 while 200 jobs poll every 3 s",
        measured: percentile(r.probes.list, 95),
        unit: "ms",
      },
      {
        figure: "GET / p95 while 200 jobs poll every 3 s",
        measured: percentile(r.probes.home, 95),
        unit: "ms",
      },
      {
        figure: `jobs completed, each sent once (of ${JOBS})`,
        measured: once ? completed : 0,
        unit: "",
        budget: { min: JOBS },
      },
      {
        figure: "time from release at fal to all saved",
        measured: r.completeSeconds,
        unit: "s",
        note: "jobs were 2+ min old, so up to one 10 s poll, then 200 downloads + posters",
      },
    ];
    return figures;
  },
};
