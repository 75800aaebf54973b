import { accessSync, constants } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import type { Runtime } from "@/lib/server/runtime";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { removeDir, startTestRuntime, type TestRuntime } from "../support/runtime";

/** Route handlers find the runtime through getRuntime(); this test's runtime is that one. */
function installRuntime(rt: Runtime | undefined) {
  (globalThis as { __omniRuntime?: Promise<Runtime> }).__omniRuntime = rt ? Promise.resolve(rt) : undefined;
}

const runs = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

describe("/api/health says which ffmpeg and ffprobe run", () => {
  let db: TestDatabase;
  let rt: TestRuntime;
  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    rt = await startTestRuntime(db, { VIDEO_PROVIDER: "preview" }, { startWorker: false });
    installRuntime(rt);
  });
  afterAll(async () => {
    installRuntime(undefined);
    await rt.dispose();
    await db.dispose();
    await removeDir(rt.dataDir);
  });

  it("the machine's own when it has one (Debian's here; .ci/run installs it), else the npm build", async () => {
    const res = await healthRoute();
    expect(res.status).toBe(200);
    const body = await res.json();
    for (const name of ["ffmpeg", "ffprobe"] as const) {
      const system = !process.env[`${name.toUpperCase()}_PATH`] && runs(`/usr/bin/${name}`);
      expect(body[name]).toEqual({
        ok: true,
        path: system ? `/usr/bin/${name}` : expect.any(String),
        version: expect.stringMatching(new RegExp(`^${name} version \\S+$`)),
        source: system ? "system" : expect.stringMatching(/^(env|bundled)$/),
      });
    }
  });
});
