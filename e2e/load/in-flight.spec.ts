import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { MAX_STATUS_CALLS_PER_SECOND } from "../../lib/generations/worker/schedule";
import { percentile } from "../../scripts/bench/types";
import { startFakeFal } from "../../test/fakes/fal-server";
import { startFalStudio } from "../../test/support/fal-studio";
import { runInFlight } from "../../test/support/load-in-flight";
import { signUpOwner } from "../support/accounts";
import { LOAD_FAKE_FAL_PORT, LOAD_PORT } from "../support/servers";

// 200 generations in flight at once against the fake fal, webhooks off, the real poll schedule: each
// completes exactly once, no job is polled more than 20 times in any minute, all jobs together stay
// within the studio's shared cap of status calls per second, and the studio keeps answering meanwhile.
// Those are counts, not times: how fast the studio answers and how much CPU it spends is the benchmarks'
// business (npm run bench -- poller memory carry the budgets, the probes' p95 among them).

test("200 generations in flight without webhooks: each completes once, polling stays within budget, the studio answers", async () => {
  test.setTimeout(6 * 60_000);
  const fake = await startFakeFal({ port: LOAD_FAKE_FAL_PORT, holdAll: true, queueMs: 300, runMs: 600 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-load-inflight-"));
  const studio = await startFalStudio({ port: LOAD_PORT, dataDir, fake });
  try {
    const owner = await signUpOwner(studio.url);
    const r = await runInFlight({
      studio,
      fake,
      auth: owner.headers,
      jobs: 200,
      // Past the 30 s mark, so the slower 5 s poll is seen too.
      holdUntilAgeMs: 45_000,
      probeEveryMs: 1_000,
      log: (m) => console.log(`  ${m}`),
    });
    const p95 = { home: percentile(r.probes.home, 95), list: percentile(r.probes.list, 95) };
    const summary =
      `status calls per job per minute: busiest minute ${r.maxCallsPerJobPerMinute}, ` +
      `first 30 s ${r.rateFirst30s.toFixed(1)}, 30 s on ${r.rate30sTo2min?.toFixed(1)}, ` +
      `all jobs ${r.statusCallsPerSecond.toFixed(1)}/s; ` +
      `p95 GET / ${p95.home.toFixed(0)} ms, GET /api/generations ${p95.list.toFixed(0)} ms ` +
      `(${r.probes.home.length} probes each); all done ${r.completeSeconds.toFixed(0)} s after release; ` +
      `RSS ${(r.rss.afterStart / 2 ** 20).toFixed(0)} -> ${(r.rss.afterRun / 2 ** 20).toFixed(0)} MB`;
    console.log(`  ${summary}`);
    test.info().annotations.push({ type: "load", description: summary });

    // Every generation was sent once and completed once, with its video.
    expect(r.submits).toBe(200);
    expect(r.fakeJobs).toBe(200);
    expect(r.generationIds).toHaveLength(200);
    expect(new Set(r.generationIds).size).toBe(200);
    const notCompleted = r.generationIds.filter((id) => r.statuses.get(id) !== "completed");
    expect(
      notCompleted,
      `not completed: ${notCompleted.map((id) => `${r.statuses.get(id)} ${r.errors.get(id) ?? ""}`).join("; ")}`,
    ).toEqual([]);
    expect(r.withVideo).toBe(200);
    const requestIds = r.generationIds.map((id) => r.requestIds.get(id));
    expect(new Set(requestIds).size).toBe(200);
    for (const rid of requestIds) expect(fake.jobs.has(rid as string)).toBe(true);

    // Polling budget: no job got more than 20 status calls in any 60 s, and with 200 jobs waiting the
    // studio shares MAX_STATUS_CALLS_PER_SECOND among them (every job every 20 s) instead of polling
    // harder (20% slack for timer drift).
    expect(r.maxCallsPerJobPerMinute).toBeLessThanOrEqual(20);
    expect(r.rateFirst30s).toBeLessThanOrEqual(20);
    // Past 30 s a job's own schedule allows 12 calls a minute (every 5 s); the shared cap gives fewer.
    expect(r.rate30sTo2min ?? 0).toBeLessThanOrEqual(12);
    expect(r.statusCallsPerSecond).toBeLessThanOrEqual(MAX_STATUS_CALLS_PER_SECOND * 1.2);
    // Every job was polled while it waited, and nothing polls a finished job afterwards.
    for (const rid of requestIds)
      expect(r.statusCallsPerJob.get(rid as string) ?? 0).toBeGreaterThanOrEqual(2);
    const after = fake.requests.length;
    await new Promise((res) => setTimeout(res, 4_000));
    expect(fake.requests.slice(after).filter((q) => q.path.includes("/status"))).toEqual([]);

    // The studio answered throughout: every probe of the page and of the list, one a second while the
    // jobs were held, was a 200.
    expect(r.probes.failures).toEqual([]);
    expect(r.probes.home.length).toBeGreaterThan(10);
    expect(r.probes.list).toHaveLength(r.probes.home.length);
  } finally {
    // The server's own account (the worker logs why a job failed or retried), for whoever reads a failure.
    const workerLines = studio
      .output()
      .split("\n")
      .filter((l) => l.includes("[worker]"));
    if (workerLines.length)
      console.log(`  worker log (${workerLines.length} lines):\n${workerLines.slice(-40).join("\n")}`);
    await test.info().attach("studio output", { body: studio.output(), contentType: "text/plain" });
    await studio.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
