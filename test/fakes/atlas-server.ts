import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fakeVideo } from "./fal-fake-video";

// A fake AtlasCloud API on 127.0.0.1 speaking the documented shapes: flat generateVideo body, polling by
// prediction id (starting -> processing -> completed | failed), multipart uploadMedia, `msg` errors.

export const FAKE_ATLAS_KEY = "fake-atlas-key";

export type AtlasOp = "submit" | "poll" | "upload" | "output";

export interface AtlasJob {
  id: string;
  body: Record<string, unknown>;
  status: "starting" | "processing" | "completed" | "failed";
  createdAt: number;
  held: boolean;
  error: string | null;
  outputExpired: boolean;
}

export interface FakeAtlas {
  url: string;
  /** What ATLASCLOUD_BASE_URL should be. */
  apiBase: string;
  jobs: Map<string, AtlasJob>;
  counts: { submits: number; uploads: number; polls: Record<string, number> };
  failNext(op: AtlasOp, rule: { status: number; body?: unknown; times?: number }): void;
  hold(id: string): void;
  release(id: string): void;
  holdAll(on: boolean): void;
  close(): Promise<void>;
}

export async function startFakeAtlas(
  options: { port?: number; startMs?: number; runMs?: number; key?: string } = {},
) {
  const { startMs = 80, runMs = 150, key = FAKE_ATLAS_KEY } = options;
  const jobs = new Map<string, AtlasJob>();
  const files = new Map<string, { type: string; bytes: Buffer }>();
  const counts = { submits: 0, uploads: 0, polls: {} as Record<string, number> };
  const faults: Partial<Record<AtlasOp, { status: number; body?: unknown; times: number }>> = {};
  let holdAll = false;
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(options.port ?? 0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const apiBase = `${url}/api/v1`;

  const send = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const fault = (op: AtlasOp, res: http.ServerResponse) => {
    const f = faults[op];
    if (!f || f.times <= 0) return false;
    f.times -= 1;
    send(res, f.status, f.body ?? { code: f.status, msg: `injected ${f.status}` });
    return true;
  };

  function advance(job: AtlasJob) {
    if (job.held || holdAll || job.status === "completed" || job.status === "failed") return;
    const age = Date.now() - job.createdAt;
    if (job.status === "starting" && age >= startMs) job.status = "processing";
    if (job.status === "processing" && age >= startMs + runMs) {
      const prompt = String(job.body.prompt ?? "");
      if (prompt.includes("[atlas:fail]")) {
        job.status = "failed";
        job.error = "The model could not render this prompt.";
      } else if (prompt.includes("[atlas:policy]")) {
        job.status = "failed";
        job.error = "Blocked by the safety policy.";
      } else job.status = "completed";
    }
  }

  async function readBody(req: http.IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  server.on("request", async (req, res) => {
    try {
      const path = (req.url ?? "/").split("?")[0]!;
      if (req.method === "GET" && path.startsWith("/files/")) {
        const id = path.slice("/files/".length);
        const job = jobs.get(id.replace(/\.mp4$/, ""));
        if (id.endsWith(".mp4") && job) {
          if (fault("output", res)) return;
          if (job.outputExpired) return send(res, 404, { msg: "not found" });
          const video = await fakeVideo(String(job.body.aspect_ratio), Number(job.body.duration));
          return res.writeHead(200, { "content-type": "video/mp4" }).end(await readFile(video.path));
        }
        const file = files.get(id);
        if (!file) return send(res, 404, { msg: "not found" });
        return res.writeHead(200, { "content-type": file.type }).end(file.bytes);
      }
      if (req.headers.authorization !== `Bearer ${key}`)
        return send(res, 401, { code: 401, msg: "Invalid API key" });

      if (req.method === "POST" && path === "/api/v1/model/uploadMedia") {
        if (fault("upload", res)) return;
        const form = await new Response(await readBody(req), {
          headers: { "content-type": req.headers["content-type"] ?? "" },
        }).formData();
        const file = form.get("file");
        if (!(file instanceof File)) return send(res, 400, { code: 400, msg: "file is required" });
        counts.uploads += 1;
        const id = `${randomUUID()}-${file.name}`;
        files.set(id, { type: file.type, bytes: Buffer.from(await file.arrayBuffer()) });
        return send(res, 200, {
          code: 200,
          data: { download_url: `${url}/files/${id}`, filename: file.name },
        });
      }
      if (req.method === "POST" && path === "/api/v1/model/generateVideo") {
        const body = JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>;
        counts.submits += 1;
        if (fault("submit", res)) return;
        const problems: string[] = [];
        if (typeof body.prompt !== "string" || !body.prompt) problems.push("prompt is required");
        if (!Array.isArray(body.images) || body.images.length < 1 || body.images.length > 5)
          problems.push("images: 1 to 5");
        if (!Number.isInteger(body.duration) || Number(body.duration) < 3 || Number(body.duration) > 10)
          problems.push("duration: 3 to 10");
        if (!["16:9", "9:16"].includes(String(body.aspect_ratio)))
          problems.push("aspect_ratio: 16:9 or 9:16");
        if (!["default", "high", "low"].includes(String(body.thinking_level)))
          problems.push("thinking_level");
        if (!Number.isInteger(body.seed)) problems.push("seed must be an integer");
        if (problems.length) return send(res, 400, { code: 400, msg: problems.join("; ") });
        if (String(body.prompt).includes("[atlas:no_balance]"))
          return send(res, 402, { code: 402, msg: "Insufficient balance" });
        const id = randomUUID().replace(/-/g, "");
        jobs.set(id, {
          id,
          body,
          status: "starting",
          createdAt: Date.now(),
          held: false,
          error: null,
          outputExpired: false,
        });
        return send(res, 200, { code: 200, data: { id, status: "starting" } });
      }
      const m = /^\/api\/v1\/model\/prediction\/([\w-]+)$/.exec(path);
      if (req.method === "GET" && m) {
        const id = m[1]!;
        counts.polls[id] = (counts.polls[id] ?? 0) + 1;
        if (fault("poll", res)) return;
        const job = jobs.get(id);
        if (!job) return send(res, 404, { code: 404, msg: "Prediction not found" });
        advance(job);
        return send(res, 200, {
          code: 200,
          data: {
            id,
            status: job.status,
            outputs: job.status === "completed" ? [`${url}/files/${id}.mp4`] : [],
            error: job.error,
          },
        });
      }
      send(res, 404, { code: 404, msg: `no route ${req.method} ${path}` });
    } catch (err) {
      send(res, 500, { code: 500, msg: err instanceof Error ? err.message : "error" });
    }
  });

  const fake: FakeAtlas = {
    url,
    apiBase,
    jobs,
    counts,
    failNext(op, rule) {
      faults[op] = { ...rule, times: rule.times ?? 1 };
    },
    hold(id) {
      const j = jobs.get(id);
      if (j) j.held = true;
    },
    release(id) {
      const j = jobs.get(id);
      if (j) {
        j.held = false;
        j.createdAt = Date.now() - startMs - runMs;
      }
    },
    holdAll(on) {
      holdAll = on;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return fake;
}
