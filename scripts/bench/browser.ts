// Shared by the browser benchmarks (client weight, page speed, gallery payload, media): a studio data
// folder seeded with a clip history, a real `next start` on it with its owner signed in (./accounts.ts),
// and Debian's Chromium driven by Playwright.
import { gzipSync } from "node:zlib";
import { type Browser, chromium } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "@/e2e/support/chromium";
import { openDatabase } from "@/lib/db/client";
import { LocalMediaStore } from "@/lib/media/local-store";
import type { MediaStore } from "@/lib/media/storage";
import { type SeededHistory, seedHistory } from "@/test/support/seed-history";
import { type StudioProcess, startStudioProcess } from "@/test/support/studio-process";
import { type SignedIn, signInOwner } from "./accounts";
import type { BenchContext } from "./types";

export interface SeededStudio {
  studio: StudioProcess;
  dataDir: string;
  history: SeededHistory | null;
  /** The studio's owner, signed in (the first sign-up): its session cookie for browsers and fetch. */
  session: SignedIn;
}

/**
 * Seeds `clips` finished clips into a fresh data folder (PGlite is single-process: seeded and closed
 * before the server opens it), lets `prepare` add more with the same database and store, then starts
 * the production build on it.
 */
export async function startSeededStudio(
  ctx: BenchContext,
  options: {
    clips: number;
    portIndex?: number;
    name?: string;
    prepare?: (db: Awaited<ReturnType<typeof openDatabase>>, store: MediaStore) => Promise<void>;
    /** Where media goes (default: the data folder's media/), with the environment that points the studio at it. */
    storage?: { store: MediaStore; env: Record<string, string> };
  },
): Promise<SeededStudio> {
  await ctx.ensureBuild();
  const dataDir = `${ctx.tmp}/${options.name ?? "data"}`;
  const db = await openDatabase({ kind: "pglite", dir: `${dataDir}/pglite` });
  const store = options.storage?.store ?? new LocalMediaStore(`${dataDir}/media`);
  await store.init();
  let history: SeededHistory | null = null;
  try {
    if (options.clips > 0) history = await seedHistory(db.prisma, store, { count: options.clips });
    await options.prepare?.(db, store);
  } finally {
    await db.close();
  }
  const studio = await startStudioProcess({
    port: ctx.port(options.portIndex ?? 0),
    dataDir,
    env: options.storage?.env,
  });
  try {
    return { studio, dataDir, history, session: await signInOwner(studio.url) };
  } catch (err) {
    await studio.stop();
    throw err;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...CHROMIUM_LAUNCH, headless: true });
}

/** gzip at zlib's default level (6), what `next start`'s compression sends. */
export function gzipBytes(data: Uint8Array): number {
  return gzipSync(data).length;
}

export const KB = 1000;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
