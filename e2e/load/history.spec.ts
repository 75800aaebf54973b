import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { percentile } from "../../scripts/bench/types";
import { seedHistoryProcess, walkGallery } from "../../test/support/load-history";
import { startStudioProcess } from "../../test/support/studio-process";
import { signUpOwner } from "../support/accounts";
import { LOAD_PORT } from "../support/servers";

// A history of 10,000 clips (seeded into the data folder before the server starts: PGlite belongs to
// one process), read through the API the gallery uses, page after page via nextCursor: every clip once,
// newest first, no gaps, and every page answers. How fast is the benchmark's business (`npm run bench --
// gallery-api` carries the budgets, the walk of all 200 pages among them); this test asserts no time.

test("a 10,000-clip history: the first page and every next page answer, every clip exactly once, newest first", async () => {
  test.setTimeout(5 * 60_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-load-history-"));
  const seeded = await seedHistoryProcess({ dataDir, count: 10_000 });
  expect(seeded.count).toBe(10_000);
  const studio = await startStudioProcess({ port: LOAD_PORT, dataDir, env: { VIDEO_PROVIDER: "preview" } });
  try {
    // The seeded clips were made before accounts existed: they become the owner's, whom every page shows.
    const owner = await signUpOwner(studio.url);
    const walk = await walkGallery(studio.url, 50, owner.headers);
    const home = await fetch(studio.url, { headers: owner.headers });
    expect(home.status).toBe(200);
    const summary =
      `seeded in ${seeded.seconds.toFixed(0)} s; ${walk.pageMs.length} pages of 50: first ${walk.pageMs[0]?.toFixed(0)} ms, ` +
      `p50 ${percentile(walk.pageMs, 50).toFixed(0)} ms, p95 ${percentile(walk.pageMs, 95).toFixed(0)} ms, ` +
      `max ${Math.max(...walk.pageMs).toFixed(0)} ms end to end; server time p50 ${percentile(walk.serverMs, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(walk.serverMs, 95).toFixed(1)} ms`;
    console.log(`  ${summary}`);
    test.info().annotations.push({ type: "load", description: summary });

    expect(walk.ids).toHaveLength(10_000);
    expect(new Set(walk.ids).size).toBe(10_000);
    const times = walk.createdAt.map((t) => Date.parse(t));
    const outOfOrder = times.findIndex((t, i) => i > 0 && t > (times[i - 1] as number));
    expect(outOfOrder).toBe(-1);
    // 200 pages of exactly 50: none short, none empty, no extra page after the last.
    expect(walk.pageSizes).toEqual(Array.from({ length: 200 }, () => 50));
  } finally {
    await studio.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
