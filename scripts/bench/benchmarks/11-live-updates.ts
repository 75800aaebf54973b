// 11. Live updates: a change made in one browser appears in a second, without a reload. Two browser
// contexts (two people: separate cookies, storage and event streams) open the same finished clip's page;
// the first sets its review status, the second's control shows the new value. Timed from just before the
// first browser's input to the moment the second's <select> holds the value (checked every 2 ms in the
// page, Date.now() on both sides of one machine). The path: server action → service → change bus →
// GET /api/events → React Query refetches the clip → render. On PGlite one studio serves both; on
// PostgreSQL two studios share one schema, each browser on its own, so the change crosses LISTEN/NOTIFY.
// Each browser is signed in with a session of its own: the owner's first sign-up (on the first studio)
// for A, a sign-in with the same account (on the second studio, on PostgreSQL) for B. The two studios
// share the database, so one sign-up is all the accounts part needs.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import pg from "pg";
import { seedHistoryProcess } from "@/test/support/load-history";
import { type StudioProcess, startStudioProcess } from "@/test/support/studio-process";
import { expectPage, OWNER_ACCOUNT, signedInContext, signIn, signInOwner } from "../accounts";
import { launchChromium, median } from "../browser";
import { type BenchContext, type Benchmark, type Figure, onEachDatabase, percentile } from "../types";

const RUNS = 30;
const BUDGET_MS = 500;
const STATUSES = ["approved", "changes_requested"] as const;

declare global {
  interface Window {
    __seen?: (value: string) => Promise<number>;
  }
}

// A string, not a function: tsx would wrap a function's inner declarations in a helper the page lacks.
const WATCH = `
  window.__seen = (value) => new Promise((resolve) => {
    const check = () => {
      const select = document.querySelector('[data-testid="clip-review"] select');
      if (select && select.value === value) resolve(Date.now());
      else setTimeout(check, 2);
    };
    check();
  });
`;

async function openClip(page: Page, url: string, id: string) {
  await page.addInitScript({ content: WATCH });
  await page.goto(`${url}/clips/${id}`, { waitUntil: "load" });
  expectPage(page.url(), `/clips/${id}`);
  await page.locator("body[data-live=connected]").waitFor({ state: "attached", timeout: 30_000 });
}

async function measure(ctx: BenchContext, kind: "pglite" | "postgres"): Promise<Figure[]> {
  const label = kind === "pglite" ? "PGlite, one studio" : "PostgreSQL, two studios";
  const dataDir = path.join(ctx.tmp, kind);
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  let databaseUrl = "";
  if (kind === "postgres") {
    const u = new URL(ctx.postgresUrl as string);
    u.searchParams.set("schema", schema);
    databaseUrl = u.toString();
  }
  const studios: StudioProcess[] = [];
  const browser = await launchChromium();
  const latencies: number[] = [];
  try {
    await seedHistoryProcess({ dataDir, count: 20, databaseUrl: databaseUrl || undefined, cwd: ctx.root });
    const env = { VIDEO_PROVIDER: "preview", DATABASE_URL: databaseUrl };
    const base = kind === "pglite" ? 0 : 1;
    studios.push(await startStudioProcess({ port: ctx.port(base), dataDir, cwd: ctx.root, env }));
    if (kind === "postgres") {
      studios.push(await startStudioProcess({ port: ctx.port(base + 1), dataDir, cwd: ctx.root, env }));
    }
    const [first, second = first] = studios as [StudioProcess, StudioProcess?];
    const sessionA = await signInOwner(first.url);
    const sessionB = await signIn(second.url, OWNER_ACCOUNT.email, OWNER_ACCOUNT.password);
    const res = await fetch(`${first.url}/api/generations?limit=5&status=completed`, {
      headers: sessionA.headers,
    });
    if (res.status !== 200) throw new Error(`GET /api/generations answered ${res.status}`);
    const id = ((await res.json()) as { items: { id: string }[] }).items[0]?.id;
    if (!id) throw new Error("the seeded history has no finished clip");

    const a = await (await signedInContext(browser, first.url, sessionA)).newPage();
    const b = await (await signedInContext(browser, second.url, sessionB)).newPage();
    await openClip(a, first.url, id);
    await openClip(b, second!.url, id);
    const select = a.getByTestId("clip-review").getByRole("combobox", { name: "Review status" });
    for (let run = 0; run <= RUNS; run++) {
      const value = STATUSES[run % 2] as string;
      const seen = b.evaluate((v) => window.__seen!(v), value);
      const start = Date.now();
      await select.selectOption(value);
      const at = await seen;
      if (run > 0) latencies.push(at - start); // the first is a warm-up
      // Server actions of one browser run one after another: let this one finish before the next input.
      await a.waitForLoadState("networkidle");
    }
    ctx.log(`${label}: ${latencies.map((l) => l.toFixed(0)).join(" ")} ms`);
  } finally {
    await browser.close();
    for (const s of studios) await s.stop();
    if (kind === "postgres") {
      const admin = new pg.Client({ connectionString: ctx.postgresUrl as string });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
      await admin.end().catch(() => {});
    }
  }
  return [
    {
      figure: `${label}: change in one browser appears in a second, p95 of ${RUNS}`,
      measured: percentile(latencies, 95),
      unit: "ms",
      budget: { max: BUDGET_MS },
      note: "review status set in browser A until browser B's control shows it, no reload",
    },
    { figure: `${label}: median`, measured: median(latencies), unit: "ms" },
  ];
}

export const benchmark: Benchmark = {
  id: "live-updates",
  title: "Live updates",
  run: (ctx) =>
    onEachDatabase(ctx, measure, "PostgreSQL, two studios: change in one browser appears in a second, p95"),
};
