// 10. Memory: the studio server's resident memory (process tree, from /proc) after start and after the
// 200-job run. Shares that run with the poller benchmark (07) when both run; runs it itself otherwise.
// The budgets are on the default setup (embedded PGlite, whose database lives inside the server
// process); the same run on PostgreSQL is reported beside them, for what the server holds by itself.
import { pollerRun, pollerRunOnPostgres } from "../in-flight-run";
import type { Benchmark } from "../types";

const MB = 2 ** 20;

export const benchmark: Benchmark = {
  id: "memory",
  title: "Memory",
  async run(ctx) {
    const r = await pollerRun(ctx);
    ctx.log("the same 200 jobs on PostgreSQL...");
    const onPostgres = await pollerRunOnPostgres(ctx);
    const postgresFigures = onPostgres
      ? [
          {
            figure: "on PostgreSQL: RSS after start",
            measured: onPostgres.rss.afterStart / MB,
            unit: "MB",
            note: "the database is another process; not counted",
          },
          {
            figure: "on PostgreSQL: RSS peak during the 200-job run",
            measured: onPostgres.rss.peak / MB,
            unit: "MB",
          },
          {
            figure: "on PostgreSQL: RSS after the 200-job run",
            measured: onPostgres.rss.afterRun / MB,
            unit: "MB",
          },
        ]
      : [];
    return [
      {
        figure: "RSS after start (existing data folder)",
        measured: r.rss.afterStart / MB,
        unit: "MB",
        budget: { max: 400 },
        note: "second start on the folder; home page and gallery API each served once",
      },
      {
        figure: "RSS after the very first start (creates the embedded database)",
        measured: r.rssAfterFirstStart / MB,
        unit: "MB",
        note: "PGlite's initdb leaves garbage until the next major GC",
      },
      { figure: "RSS peak during the 200-job run", measured: r.rss.peak / MB, unit: "MB" },
      {
        figure: "RSS after the 200-job run",
        measured: r.rss.afterRun / MB,
        unit: "MB",
        budget: { max: 400 },
      },
      ...postgresFigures,
    ];
  },
};
