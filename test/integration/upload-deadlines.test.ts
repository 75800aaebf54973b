import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createUploadHandler, PROCESSED_AT_ONCE } from "@/lib/uploads/handler";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { makeImage } from "../support/images";
import { removeDir, startTestRuntime, type TestRuntime } from "../support/runtime";

// The upload route's handler behind a real HTTP server, fed by real sockets: slow clients trickling their
// bodies a byte at a time, one stalling, one hanging up halfway, and a normal upload among them. The server
// hands the handler the request as Next.js does (the incoming message as the body, a signal that aborts
// when the connection closes).

const DEADLINE = { idleMs: 800, totalMs: 2_500 };
const BOUNDARY = "omni-test-boundary";

let db: TestDatabase;
let rt: TestRuntime;
let server: http.Server;
let base: URL;
const logged: string[] = [];
/** The handler the server hands requests to; a test may swap in one with other deadlines. */
let handle: (request: Request) => Promise<Response>;
const handlerWith = (deadline: typeof DEADLINE) =>
  createUploadHandler({ runtime: async () => rt, deadline, log: (line) => logged.push(line) });
/** What the handler answered, in order, including answers nobody was left to read. */
const answered: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase("pglite");
  rt = await startTestRuntime(db, { VIDEO_PROVIDER: "preview" }, { startWorker: false });
  handle = handlerWith(DEADLINE);
  server = http.createServer(async (req, res) => {
    const closed = new AbortController();
    res.on("close", () => closed.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const response = await handle(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        body: req as unknown as ReadableStream,
        duplex: "half",
        signal: closed.signal,
      } as RequestInit),
    );
    answered.push(response.status);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rt.dispose();
  await db.dispose();
  await removeDir(rt.dataDir);
});

function multipart(file: Buffer, name = "photo.png"): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        "Content-Type: image/png\r\n\r\n",
    ),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** A raw client: sends the headers of an upload of `body`, then whatever the test tells it to. */
function rawUpload(body: Buffer) {
  const socket = net.connect(Number(base.port), base.hostname);
  socket.write(
    `POST /api/uploads HTTP/1.1\r\nHost: ${base.host}\r\n` +
      `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  let answer = "";
  socket.setEncoding("utf8");
  socket.on("data", (d: string) => {
    answer += d;
  });
  socket.on("error", () => {});
  const closed = once(socket, "close").then(() => answer);
  return { socket, closed, answer: () => answer };
}

/** Sends `body` a byte every `everyMs` until told to stop or the server closes the connection. */
function trickle(body: Buffer, everyMs: number) {
  const client = rawUpload(body);
  let sent = 0;
  const timer = setInterval(() => {
    if (client.socket.destroyed || client.socket.writableEnded || sent >= body.length) return;
    client.socket.write(body.subarray(sent, sent + 1));
    sent++;
  }, everyMs);
  void client.closed.finally(() => clearInterval(timer));
  return { ...client, sent: () => sent };
}

describe("upload bodies have a deadline, and slow ones hold no processing turn", () => {
  it("a normal upload completes while slow clients trickle, and the slow ones get 408 at the deadline", async () => {
    const image = await makeImage({ width: 24, height: 16, seed: 7 });
    // More slow clients than processing turns: before, each held a turn from its first byte.
    const slow = Array.from({ length: PROCESSED_AT_ONCE + 1 }, () => trickle(multipart(image), 100));
    await expect.poll(() => Math.min(...slow.map((c) => c.sent())), { timeout: 5_000 }).toBeGreaterThan(2);

    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(image)], { type: "image/png" }), "normal.png");
    const res = await fetch(new URL("/api/uploads", base), { method: "POST", body: form });
    expect(res.status).toBe(201);
    expect((await res.json()).asset).toMatchObject({ width: 24, height: 16, name: "normal.png" });
    // Answered while every slow client was still sending and unanswered.
    for (const c of slow) {
      expect(c.answer()).toBe("");
      expect(c.socket.destroyed).toBe(false);
    }

    const answers = await Promise.all(slow.map((c) => c.closed));
    for (const [i, answer] of answers.entries()) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toMatch(/connection: close/i);
      expect(answer).toContain('"code":"body_timeout"');
      expect(answer).toContain("did not arrive within 2.5 s");
      // Refused long before its whole body could have arrived.
      expect(slow[i]!.sent()).toBeLessThan(image.length / 2);
    }
    expect(await rt.db.prisma.asset.count()).toBe(1);
  }, 30_000);

  it("refuses a body that stops arriving with 408 once it has been quiet too long", async () => {
    // A total deadline longer than the test may run: only the idle one can end this upload in time.
    const saved = handle;
    handle = handlerWith({ idleMs: DEADLINE.idleMs, totalMs: 120_000 });
    onTestFinished(() => {
      handle = saved;
    });
    const stalled = rawUpload(multipart(await makeImage({ width: 20, height: 20, seed: 8 })));
    stalled.socket.write(`--${BOUNDARY}\r\n`);
    const answer = await stalled.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain("stalled: nothing arrived for 0.8 s");
  }, 15_000);

  it("logs an upload the client hung up on as aborted, once, and answers no 503", async () => {
    const before = await rt.db.prisma.asset.count();
    const logLines = logged.length;
    const answers = answered.length;
    const body = multipart(await makeImage({ width: 300, height: 200, seed: 9 }));
    const client = rawUpload(body);
    client.socket.write(body.subarray(0, body.length >> 1));
    // Hang up once the server is reading the body.
    await new Promise((r) => setTimeout(r, 200));
    client.socket.destroy();
    await expect.poll(() => answered.length, { timeout: 5_000 }).toBe(answers + 1);

    expect(answered.at(-1)).toBe(400);
    expect(logged.slice(logLines)).toEqual([
      expect.stringMatching(/^\[uploads\] upload aborted by the client after \d+ bytes$/),
    ]);
    expect(await rt.db.prisma.asset.count()).toBe(before);
  }, 30_000);
});
