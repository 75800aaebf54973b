import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { parseConfig } from "@/lib/config/env";
import type { GenerationDTO } from "@/lib/generations/dto";
import { findGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { createGeneration } from "@/lib/generations/service";
import { isTerminal } from "@/lib/generations/state";
import { newId } from "@/lib/ids";
import { createRuntime, generationDeps, type Runtime, type RuntimeOptions } from "@/lib/server/runtime";
import { ingestImage } from "@/lib/uploads/ingest";
import { testOwner } from "./actors";
import type { TestDatabase } from "./db";
import { makeImage } from "./images";
import { startS3, type TestS3 } from "./s3";

/** Fast timing for tests: the real worker loop, with polls every 40 ms instead of seconds. */
export const FAST_SCHEDULE = { poll: () => 40, backoff: () => 60 };

export interface TestRuntime extends Runtime {
  dataDir: string;
  /** Closes the runtime (once: later calls wait for the same close); the database and data folder stay. */
  dispose(): Promise<void>;
}

export async function startTestRuntime(
  db: TestDatabase,
  env: Record<string, string>,
  options: RuntimeOptions & { dataDir?: string } = {},
): Promise<TestRuntime> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "omni-it-")));
  // Identity scoring forks the face model's process: only the files about it turn it on.
  const config = parseConfig({
    DATA_DIR: dataDir,
    IDENTITY_SCORING: "off",
    ...(await testStorageEnv(dataDir)),
    ...env,
  });
  const rt = await createRuntime(config, {
    db,
    ...options,
    workerOptions: { idleTickMs: 25, schedule: FAST_SCHEDULE, log: () => {}, ...options.workerOptions },
  });
  let closed: Promise<void> | undefined;
  return {
    ...rt,
    dataDir,
    dispose: () => {
      closed ??= rt.close();
      return closed;
    },
  };
}

let s3: Promise<TestS3> | undefined;

/**
 * OMNI_TEST_STORAGE=s3 runs every test runtime on S3: one s3rver per test process (stopped when it exits),
 * a prefix per data folder, so runtimes sharing a data folder share their media as on the local driver.
 * OMNI_TEST_MEDIA_DELIVERY=redirect also serves media by presigned redirects.
 */
async function testStorageEnv(dataDir: string): Promise<Record<string, string>> {
  if (process.env.OMNI_TEST_STORAGE !== "s3") return {};
  s3 ??= startS3({ unref: true });
  const env = (await s3).env(`it-${path.basename(dataDir)}`);
  const delivery = process.env.OMNI_TEST_MEDIA_DELIVERY;
  return delivery ? { ...env, MEDIA_DELIVERY: delivery } : env;
}

export async function removeDir(dir: string) {
  await rm(dir, { recursive: true, force: true });
}

export async function uploadImages(rt: Runtime, count: number, seed = 1) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = await makeImage({ seed: seed + i, width: 800, height: 600 });
    const { asset } = await ingestImage(rt.db.prisma, rt.store, { bytes, fileName: `ref-${seed + i}.png` });
    ids.push(asset.id);
  }
  return ids;
}

let keyCounter = 0;
export function newKey() {
  keyCounter += 1;
  return `test-key-${Date.now()}-${keyCounter}`;
}

/** Asks for a clip as `actor` (by default the test owner, see ./actors.ts). */
export async function submit(
  rt: Runtime,
  input: Partial<Record<string, unknown>> & { referenceIds: string[] },
  actor?: Actor,
) {
  return createGeneration(generationDeps(rt), actor ?? (await testOwner(rt.db.prisma)), {
    prompt: `${input.referenceIds.map((_, i) => `<IMAGE_REF_${i}>`).join(" meets ")}. Single continuous shot.`,
    duration: 3,
    aspectRatio: "16:9",
    idempotencyKey: newKey(),
    ...input,
  });
}

/** Waits until the generation satisfies `until` (default: a terminal state). */
export async function waitFor(
  rt: Pick<Runtime, "db">,
  id: string,
  until: (g: GenerationDTO) => boolean = (g) => isTerminal(g.status),
  timeoutMs = 30_000,
): Promise<GenerationDTO> {
  const deadline = Date.now() + timeoutMs;
  let last: GenerationDTO | undefined;
  while (Date.now() < deadline) {
    const row = await findGeneration(rt.db.prisma, id);
    if (row) {
      last = toGenerationDTO(row);
      if (until(last)) return last;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `generation ${id} did not reach the expected state; last seen: ${JSON.stringify(last?.status)} ${JSON.stringify(last?.error)}`,
  );
}

/** Route handlers and resolveActor find the runtime through getRuntime(); make it this one (or none). */
export function installRuntime(rt: Runtime | undefined) {
  (globalThis as { __omniRuntime?: Promise<Runtime> }).__omniRuntime = rt ? Promise.resolve(rt) : undefined;
}

/** A copy of a finished clip's row that is still running (no video, not due for an hour): for refusals. */
export async function runningCopy(rt: TestRuntime, id: string) {
  const row = await rt.db.prisma.generation.findUniqueOrThrow({ where: { id } });
  return rt.db.prisma.generation.create({
    data: {
      ...row,
      logs: [],
      id: newId(),
      idempotencyKey: newId(),
      status: "running",
      videoKey: null,
      posterKey: null,
      nextRunAt: new Date(Date.now() + 3_600_000),
    },
  });
}
