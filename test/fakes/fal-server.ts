// A protocol-faithful fake of fal's queue, storage, CDN and webhooks on a real local HTTP server.
//
//   const fal = await startFakeFal({ queueMs: 50, runMs: 100 });
//   const provider = createFalProvider({ key: FAKE_FAL_KEY, modelId, baseUrl: fal.url, referenceUrlCache });
//   fal.nextOutcome("content_policy");            // or put [fake:content_policy] in the prompt
//   fal.failNext("status", { status: 503 });      // fal's flat infra error shape; status 0 drops the socket
//   fal.failNext("result", { delayMs: 2000 });    // the real answer, late; cutAfterBytes: cut off mid-body
//   fal.failNext("submit", { afterWork: true, status: 0 });  // the job is queued, its answer is lost
//   fal.failNext("submit", { afterWork: true, until: gate }); // the answer waits until `gate` settles
//   fal.hold(id); fal.release(id); await fal.advance(id); fal.holdAll(true);
//   fal.expireOutput(id);                         // the output URL answers 404
//   await fal.waitForState(id, "COMPLETED"); fal.lastWebhook; await fal.sendWebhook(id, { foreignKey: true });
//   fal.lastSubmit?.endpoint; fal.submits.filter((s) => s.status === 422);  // each body as sent, and its answer
//
// It serves the model's three endpoints (v1 `google/gemini-omni-flash/reference-to-video`, `.../v1.1/...`,
// `.../v1.2/...`) and checks each submit against its endpoint's schema (./fal-schemas.ts), refusing what
// fal would with its 422 shape. Status, result and cancel URLs carry owner/alias only, as fal's do.
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeFal, FakeFalOptions, RecordedRequest } from "@/test/fakes/fal-fake-api";
import { type FakeOp, JobEngine } from "@/test/fakes/fal-fake-engine";
import { type FakeResponse, readBody, send } from "@/test/fakes/fal-fake-shapes";
import { fileLookup, initiateUpload, type StoredFile, serveUpload } from "@/test/fakes/fal-fake-storage";
import { fakeVideo } from "@/test/fakes/fal-fake-video";
import { FakeWebhookSigner } from "@/test/fakes/fal-fake-webhooks";

export type {
  FakeFal,
  FakeFalOptions,
  RecordedRequest,
  SendWebhookOverrides,
} from "@/test/fakes/fal-fake-api";
export type { FailRule, FakeJob, FakeOp, RecordedSubmit } from "@/test/fakes/fal-fake-engine";
export type { FakeOutcome } from "@/test/fakes/fal-fake-shapes";
export type { StoredFile } from "@/test/fakes/fal-fake-storage";
export type { WebhookDelivery } from "@/test/fakes/fal-fake-webhooks";

export const FAKE_FAL_KEY = "fake-fal-key";

export async function startFakeFal(options: FakeFalOptions = {}): Promise<FakeFal> {
  const key = options.key === undefined ? FAKE_FAL_KEY : options.key;
  const signer = new FakeWebhookSigner(options.userId ?? "fake-user");
  const requests: RecordedRequest[] = [];
  const files = new Map<string, StoredFile>();
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  const publicOrigin = (options.publicOrigin ?? url).replace(/\/+$/, "");

  const engine = new JobEngine({
    url,
    signer,
    queueMs: options.queueMs ?? 300,
    runMs: options.runMs ?? 600,
    holdAll: options.holdAll ?? false,
    validateAt: options.validateAt ?? "submit",
    cancelRunning: options.cancelRunning ?? "stop",
    webhookAttempts: options.webhookAttempts ?? 3,
    webhookRetryDelayMs: options.webhookRetryDelayMs ?? 200,
    outputUrl: (id) => `${publicOrigin}/files/outputs/${id}/output.mp4`,
    files: fileLookup(files),
    videoMaxSeconds: options.videoMaxSeconds,
    video: fakeVideo,
  });

  const authorized = (req: http.IncomingMessage) => {
    const header = req.headers.authorization ?? "";
    return key === null ? /^Key \S+$/.test(header) : header === `Key ${key}`;
  };
  const refuseAuth = (res: http.ServerResponse, req: http.IncomingMessage): boolean => {
    if (authorized(req)) return false;
    const missing = !req.headers.authorization;
    send(res, {
      status: 401,
      body: { detail: missing ? "Missing authorization header" : "Invalid API key" },
    });
    return true;
  };

  server.on("request", (req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, { status: 500, body: { detail: `fake fal crashed: ${String(err)}` } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const u = new URL(req.url ?? "/", url);
    const method = req.method ?? "GET";
    const record: RecordedRequest = {
      method,
      path: u.pathname + u.search,
      headers: flatHeaders(req.headers),
      at: Date.now(),
    };
    requests.push(record);
    res.once("finish", () => {
      record.finishedAt = Date.now();
    });
    engine.tick();
    const seg = u.pathname.split("/").filter(Boolean).map(decodeURIComponent);

    if (method === "GET" && u.pathname === "/.well-known/jwks.json") {
      return send(res, { status: 200, body: signer.jwks() });
    }
    if (method === "POST" && u.pathname === "/storage/upload/initiate") {
      if (refuseAuth(res, req)) return;
      return serve("upload", res, async () => {
        const body = JSON.parse((await readBody(req)).toString("utf8") || "{}");
        engine.counts.uploadInitiations++;
        return { status: 200, body: initiateUpload(files, publicOrigin, body) };
      });
    }
    if (method === "PUT" && seg[0] === "storage" && seg[2] === "put" && seg[3]) {
      const file = files.get(seg[3]);
      if (!file) return send(res, { status: 404, body: { detail: "Unknown upload" } });
      return serve("upload_put", res, async () => {
        file.bytes = new Uint8Array(await readBody(req));
        file.contentType = req.headers["content-type"] ?? file.contentType;
        engine.counts.uploads++;
        return { status: 200 };
      });
    }
    if (method === "GET" && seg[0] === "files" && seg[1] === "uploads") {
      return serveUpload(files, seg[2] ?? "", res);
    }
    if (method === "GET" && seg[0] === "files" && seg[1] === "outputs") {
      return serve("output", res, async () => {
        const job = engine.jobs.get(seg[2] ?? "");
        if (!job?.output || job.outputExpired) return { status: 404, body: { detail: "Not Found" } };
        return {
          status: 200,
          headers: { "content-type": "video/mp4" },
          bytes: await readFile(job.output.path),
        };
      });
    }
    if (seg.length >= 4 && seg[2] === "requests") {
      if (refuseAuth(res, req)) return;
      const [owner, app, , id, action] = seg as [string, string, string, string, string?];
      const job = engine.jobs.get(id);
      const found = job && job.app === `${owner}/${app}` ? job : undefined;
      if (method === "GET" && action === "status") {
        engine.bump("status", id);
        return serve(
          "status",
          res,
          () => engine.statusAnswer(found, id, u.searchParams.get("logs") === "1"),
          id,
        );
      }
      if (method === "GET" && !action) {
        engine.bump("result", id);
        return serve("result", res, () => engine.resultAnswer(found), id);
      }
      if (method === "PUT" && action === "cancel") {
        engine.bump("cancel", id);
        return serve("cancel", res, () => engine.cancel(found), id);
      }
    }
    if (method === "POST" && seg.length >= 2) {
      engine.counts.submits++;
      if (refuseAuth(res, req)) return;
      return serve("submit", res, async () => {
        const raw = (await readBody(req)).toString("utf8");
        return engine.submit(seg, raw, u.searchParams.get("fal_webhook") ?? undefined);
      });
    }
    send(res, { status: 404, body: { detail: "Not Found" } });
  }

  /** Answers one call with the fake's real work, or with the fault queued for `op` around it. */
  async function serve(
    op: FakeOp,
    res: http.ServerResponse,
    work: () => Reply | Promise<Reply>,
    requestId?: string,
  ) {
    const rule = engine.take(op, requestId);
    if (!rule) return reply(res, await work());
    const done = rule.afterWork ? await work() : undefined;
    if (rule.delayMs || rule.until) {
      held.set(op, (held.get(op) ?? 0) + 1);
      try {
        if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
        if (rule.until) await rule.until.catch(() => {});
      } finally {
        held.set(op, (held.get(op) ?? 1) - 1);
      }
    }
    if (rule.hang) {
      engine.hung.add(res);
      return;
    }
    if (rule.status === 0) {
      res.socket?.destroy();
      return;
    }
    const answer =
      rule.status === undefined
        ? (done ?? (await work()))
        : engine.faultResponse({ ...rule, status: rule.status });
    reply(res, answer, rule.cutAfterBytes);
  }

  const held = new Map<FakeOp, number>();
  const timer = setInterval(() => engine.tick(), 20);
  timer.unref();

  return {
    url,
    jwksUrl: `${url}/.well-known/jwks.json`,
    key,
    requests,
    jobs: engine.jobs,
    files,
    counts: engine.counts,
    submits: engine.submits,
    get lastSubmit() {
      return engine.submits.at(-1);
    },
    deliveries: engine.deliveries,
    get lastWebhook() {
      return engine.deliveries.at(-1);
    },
    signer,
    statusCalls: (id) => engine.counts.status[id] ?? 0,
    hold: (id) => engine.hold(id, true),
    release: (id) => engine.hold(id, false),
    holdAll: (on) => engine.holdEverything(on),
    advance: (id) => engine.advance(id),
    nextOutcome: (outcome, times = 1) => engine.queueOutcome(outcome, times),
    failNext: (op, rule) => engine.failNext(op, rule),
    heldAnswers: (op) => held.get(op) ?? 0,
    expireOutput: (id) => {
      const job = engine.jobs.get(id);
      if (job) job.outputExpired = true;
    },
    sendWebhook: (id, overrides) => engine.sendWebhook(id, overrides),
    waitFor: (predicate, timeoutMs) => waitFor(predicate, timeoutMs),
    async waitForState(id, state, timeoutMs) {
      await waitFor(() => engine.jobs.get(id)?.state === state, timeoutMs);
      return engine.jobs.get(id)!;
    },
    cutHung() {
      for (const res of engine.hung) res.socket?.destroy();
      engine.hung.clear();
    },
    async close() {
      clearInterval(timer);
      engine.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A JSON answer, or raw bytes (a file). */
type Reply = FakeResponse & { bytes?: Uint8Array };

/** Writes an answer; with `cutAfterBytes`, only that much of the body before the connection is cut. */
function reply(res: http.ServerResponse, r: Reply, cutAfterBytes?: number) {
  if (cutAfterBytes === undefined && !r.bytes) return send(res, r);
  const payload = r.bytes
    ? Buffer.from(r.bytes)
    : Buffer.from(r.body === undefined ? "" : JSON.stringify(r.body));
  res.writeHead(r.status, {
    ...(r.bytes || r.body === undefined ? {} : { "content-type": "application/json" }),
    "content-length": payload.length,
    ...r.headers,
  });
  if (cutAfterBytes === undefined) {
    res.end(payload);
    return;
  }
  // The headers promise the whole body; the connection ends after part of it.
  res.write(payload.subarray(0, Math.min(cutAfterBytes, payload.length)), () => res.socket?.destroy());
}

async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`fake fal: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
  );
}

export type { FakeResponse };
