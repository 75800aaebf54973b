// A long history: seeded into a studio's data before it starts (by a child process, see seed-cli.ts),
// then read through the API page after page, as the gallery reads it.
import { spawn } from "node:child_process";
import path from "node:path";
import { type AuthHeaders, generationPages } from "./studio-http";

/**
 * Runs one of the support CLIs (seed-cli.ts, explain-cli.ts: they import server code, so they run in their
 * own process with the react-server condition) and returns the JSON of the last line it printed.
 */
export async function runSupportCli<T>(cwd: string, script: string, args: string[]): Promise<T> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(cwd, "test/support", script), ...args],
    { cwd, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${script} failed (exit ${code}):\n${out}`);
  return JSON.parse(out.trim().split("\n").at(-1) ?? "null") as T;
}

/** Seeds `count` finished clips into a studio's data (PGlite folder, or PostgreSQL), in a child process. */
export function seedHistoryProcess(options: {
  dataDir: string;
  count: number;
  databaseUrl?: string;
  cwd?: string;
}): Promise<{ count: number; seconds: number }> {
  return runSupportCli(options.cwd ?? process.cwd(), "seed-cli.ts", [
    "--data",
    options.dataDir,
    "--count",
    String(options.count),
    ...(options.databaseUrl ? ["--database-url", options.databaseUrl] : []),
  ]);
}

export interface GalleryWalk {
  ids: string[];
  /** createdAt of each item, in the order served. */
  createdAt: string[];
  /** How many items each page held, first page first. */
  pageSizes: number[];
  /** End-to-end time of each page request, first page first. */
  pageMs: number[];
  /** Server-Timing total of each page (the route's own time). */
  serverMs: number[];
}

/** Reads the whole gallery, page after page, through nextCursor. */
export async function walkGallery(base: string, limit = 50, auth: AuthHeaders = {}): Promise<GalleryWalk> {
  const walk: GalleryWalk = { ids: [], createdAt: [], pageSizes: [], pageMs: [], serverMs: [] };
  for await (const page of generationPages(base, limit, auth)) {
    walk.pageSizes.push(page.items.length);
    walk.pageMs.push(page.ms);
    if (page.serverMs !== null) walk.serverMs.push(page.serverMs);
    for (const item of page.items) {
      walk.ids.push(item.id);
      walk.createdAt.push(item.createdAt);
    }
  }
  return walk;
}
