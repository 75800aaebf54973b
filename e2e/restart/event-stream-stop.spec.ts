import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startStudioProcess } from "../../test/support/studio-process";
import { signUpOwner } from "../support/accounts";
import { EVENTS_STOP_PORT } from "../support/servers";

// An open live event stream (GET /api/events) never ends by itself, and Next.js waits for open responses
// before it exits: the studio must end its streams when told to stop, or every stop with a tab open would
// wait until it is killed.

let dataDir: string;
test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "omni-events-stop-"));
});
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("a studio with open event streams stops at once on SIGTERM, ending the streams", async () => {
  const server = await startStudioProcess({
    port: EVENTS_STOP_PORT,
    dataDir,
    env: { VIDEO_PROVIDER: "preview" },
  });
  try {
    const owner = await signUpOwner(server.url);
    const streams = await Promise.all(
      [null, "an-unknown.7"].map((last) =>
        fetch(`${server.url}/api/events`, {
          headers: { ...owner.headers, ...(last ? { "last-event-id": last } : {}) },
        }),
      ),
    );
    const readers = streams.map((res) => {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      return res.body!.getReader();
    });
    const decoder = new TextDecoder();
    const first = await Promise.all(readers.map(async (r) => decoder.decode((await r.read()).value)));
    expect(first[0]).toMatch(/^retry: \d+\n\nid: \S+\nevent: ready\n/);
    // An id this server never gave: the browser is told to refetch everything.
    expect(first[1]).toContain("event: reset");

    const started = Date.now();
    await server.stop("SIGTERM");
    expect(Date.now() - started).toBeLessThan(3_000);
    for (const r of readers) expect((await r.read().catch(() => ({ done: true }))).done).toBe(true);
  } finally {
    await server.stop("SIGKILL");
  }
});
