import { randomUUID } from "node:crypto";
import type http from "node:http";
import {
  describeFailure,
  type FakeOutcome,
  type FakeResponse,
  type FalDetailItem,
  infraError,
  outcomeError,
  promptDirectives,
} from "@/test/fakes/fal-fake-shapes";
import type { FakeVideo } from "@/test/fakes/fal-fake-video";
import {
  type FakeWebhookSigner,
  postWebhook,
  type WebhookDelivery,
  webhookBody,
} from "@/test/fakes/fal-fake-webhooks";
import { type FileLookup, validateRequest } from "@/test/fakes/fal-schemas";

export type FakeOp = "submit" | "status" | "result" | "cancel" | "upload" | "upload_put" | "output";

/**
 * An injected fault for the next call(s) of one kind. Without `status` the fake gives its real answer,
 * late (`delayMs`, `until`) or cut short (`cutAfterBytes`): a slow or flaky network rather than an error.
 */
export interface FailRule {
  /** HTTP status of the injected answer; 0 drops the connection. Omitted: the real answer. */
  status?: number;
  /** Never answer (until cutHung or the fake closes): a provider that hangs. */
  hang?: boolean;
  /** Answer this many milliseconds late: a slow provider. */
  delayMs?: number;
  /** Answer only once this promise settles, so a test decides when a held answer goes out. */
  until?: Promise<unknown>;
  /**
   * Do the work first (a submit queues its job, as fal would), then delay, drop or replace the answer:
   * an answer lost or late on its way back. Otherwise a fault answers instead of the work.
   */
  afterWork?: boolean;
  /** Send the headers and only this many bytes of the body, then cut the connection. */
  cutAfterBytes?: number;
  body?: unknown;
  headers?: Record<string, string>;
  times?: number;
  /** Only for calls about this job (status, result, cancel); other jobs' calls pass it by. */
  requestId?: string;
}

/** One submit whose body the fake read: where it went, exactly what it carried, and how it was answered. */
export interface RecordedSubmit {
  /** The endpoint posted to, e.g. `google/gemini-omni-flash/v1.2/reference-to-video`. */
  endpoint: string;
  /** The body as sent: parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
  /** 200 (queued) or 422 (refused, with fal's `detail` list). */
  status: number;
  requestId?: string;
  detail?: FalDetailItem[];
  webhookUrl?: string;
  at: number;
}

export interface FakeJob {
  id: string;
  /** owner/app, what status/result/cancel URLs carry (an endpoint's `/v1.1/...` sub-path dropped). */
  app: string;
  /** The full endpoint id it was submitted to. */
  endpoint: string;
  input: Record<string, unknown>;
  webhookUrl?: string;
  state: "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED";
  outcome: FakeOutcome;
  held: boolean;
  canceled: boolean;
  createdAt: number;
  stageSince: number;
  logs: { message: string; level: string; source: "USER"; timestamp: string }[];
  /** The result endpoint's answer, once the runner has produced it. */
  response?: FakeResponse;
  output?: FakeVideo & { url: string };
  outputExpired: boolean;
}

interface EngineDeps {
  url: string;
  signer: FakeWebhookSigner;
  queueMs: number;
  runMs: number;
  holdAll: boolean;
  validateAt: "submit" | "result";
  cancelRunning: "stop" | "finish";
  webhookAttempts: number;
  webhookRetryDelayMs: number;
  outputUrl(id: string): string;
  /** Reads the URLs a request points at (the fake's own storage only). */
  files: FileLookup;
  videoMaxSeconds?: number;
  video(aspectRatio: string, duration: number, resolution?: string): Promise<FakeVideo>;
}

/** The queue: jobs, their progress over time, their answers, injected faults and webhook delivery. */
export class JobEngine {
  readonly jobs = new Map<string, FakeJob>();
  readonly deliveries: WebhookDelivery[] = [];
  readonly submits: RecordedSubmit[] = [];
  readonly counts = {
    submits: 0,
    uploads: 0,
    uploadInitiations: 0,
    status: {} as Record<string, number>,
    result: {} as Record<string, number>,
    cancel: {} as Record<string, number>,
  };
  private readonly faults = new Map<FakeOp, (FailRule & { times: number })[]>();
  private readonly outcomes: FakeOutcome[] = [];
  /** Answers held open by `hang` rules; cut when the fake closes. */
  readonly hung = new Set<http.ServerResponse>();
  private holdingAll: boolean;
  private closed = false;

  constructor(private readonly deps: EngineDeps) {
    this.holdingAll = deps.holdAll;
  }

  bump(kind: "status" | "result" | "cancel", id: string) {
    this.counts[kind][id] = (this.counts[kind][id] ?? 0) + 1;
  }

  failNext(op: FakeOp, rule: FailRule) {
    const list = this.faults.get(op) ?? [];
    list.push({ ...rule, times: rule.times ?? 1 });
    this.faults.set(op, list);
  }

  /** The queued fault for the next `op` call, if any (used up as it is taken). */
  take(op: FakeOp, requestId?: string): FailRule | undefined {
    const list = this.faults.get(op) ?? [];
    const at = list.findIndex((r) => r.requestId === undefined || r.requestId === requestId);
    const rule = list[at];
    if (!rule) return undefined;
    if (--rule.times <= 0) list.splice(at, 1);
    return rule;
  }

  /** The answer an injected HTTP error gives: fal's flat infra error shape unless the rule brings a body. */
  faultResponse(rule: FailRule & { status: number }): FakeResponse {
    const shaped = infraError(rule.status);
    return {
      status: rule.status,
      body: rule.body ?? shaped.body,
      headers: { ...shaped.headers, ...rule.headers },
    };
  }

  queueOutcome(outcome: FakeOutcome, times: number) {
    for (let i = 0; i < times; i++) this.outcomes.push(outcome);
  }

  hold(id: string, on: boolean) {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`fake fal: no job ${id}`);
    job.held = on;
    if (!on) job.stageSince = Date.now();
  }

  holdEverything(on: boolean) {
    this.holdingAll = on;
    if (!on) for (const job of this.jobs.values()) job.stageSince = Date.now();
  }

  async submit(seg: string[], raw: string, webhookUrl: string | undefined): Promise<FakeResponse> {
    const endpoint = seg.join("/");
    const record: RecordedSubmit = { endpoint, body: raw, status: 422, webhookUrl, at: Date.now() };
    this.submits.push(record);
    let input: unknown;
    try {
      input = JSON.parse(raw);
    } catch {
      record.detail = [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }];
      return { status: 422, body: { detail: record.detail } };
    }
    record.body = input;
    if (this.deps.validateAt === "submit") {
      const errors = await this.validate(endpoint, input);
      if (errors.length > 0) {
        record.detail = errors;
        return { status: 422, body: { detail: errors } };
      }
    }
    const body = (input ?? {}) as Record<string, unknown>;
    const directives = promptDirectives(body.prompt);
    const now = Date.now();
    const job: FakeJob = {
      id: randomUUID(),
      app: `${seg[0]}/${seg[1]}`,
      endpoint,
      input: body,
      webhookUrl,
      state: "IN_QUEUE",
      outcome: directives.outcome ?? this.outcomes.shift() ?? "success",
      held: directives.hold,
      canceled: false,
      createdAt: now,
      stageSince: now,
      logs: [],
      outputExpired: false,
    };
    this.jobs.set(job.id, job);
    record.status = 200;
    record.requestId = job.id;
    const urls = this.urls(job);
    return {
      status: 200,
      headers: { "x-fal-request-id": job.id },
      body: { status: "IN_QUEUE", request_id: job.id, ...urls, queue_position: this.position(job) },
    };
  }

  statusAnswer(job: FakeJob | undefined, id: string, withLogs: boolean): FakeResponse {
    if (!job) return { status: 404, body: { detail: `Request ${id} not found` } };
    const base = {
      status: job.state,
      request_id: job.id,
      ...this.urls(job),
      logs: withLogs ? job.logs : null,
    };
    if (job.state === "IN_QUEUE")
      return { status: 202, body: { ...base, queue_position: this.position(job) } };
    if (job.state === "IN_PROGRESS") return { status: 202, body: base };
    const failure = job.response && job.response.status >= 300 ? describeFailure(job.response) : {};
    const metrics = { inference_time: this.deps.runMs / 1000 };
    return { status: 200, body: { ...base, metrics, ...failure } };
  }

  resultAnswer(job: FakeJob | undefined): FakeResponse {
    if (!job) return { status: 404, body: { detail: "Request not found" } };
    if (job.state !== "COMPLETED" || !job.response) {
      return { status: 400, body: { detail: "Request is still in progress" } };
    }
    const r = job.response;
    return { ...r, headers: { ...r.headers, "x-fal-request-id": job.id } };
  }

  cancel(job: FakeJob | undefined): FakeResponse {
    if (!job) return { status: 404, body: { status: "NOT_FOUND" } };
    if (job.state === "COMPLETED") return { status: 400, body: { status: "ALREADY_COMPLETED" } };
    job.canceled = true;
    if (job.state === "IN_QUEUE" || this.deps.cancelRunning === "stop") {
      this.finish(job, infraError(499, "client_cancelled"));
    }
    return { status: 202, body: { status: "CANCELLATION_REQUESTED" } };
  }

  /** Advances every job whose stage time is up; called on a timer and before each request. */
  tick() {
    const now = Date.now();
    for (const job of this.jobs.values()) {
      if (job.state === "COMPLETED" || job.held || this.holdingAll) continue;
      const elapsed = now - job.stageSince;
      if (job.state === "IN_QUEUE" && elapsed >= this.deps.queueMs) this.start(job);
      else if (job.state === "IN_PROGRESS" && elapsed >= this.deps.runMs && job.response) this.finish(job);
    }
  }

  async advance(id: string) {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`fake fal: no job ${id}`);
    if (job.state === "IN_QUEUE") return this.start(job);
    if (job.state !== "IN_PROGRESS") return;
    while (!job.response) await new Promise((r) => setTimeout(r, 10));
    if (job.state === "IN_PROGRESS") this.finish(job);
  }

  private start(job: FakeJob) {
    job.state = "IN_PROGRESS";
    job.stageSince = Date.now();
    this.log(job, "Starting generation");
    this.run(job).then(
      (response) => {
        job.response ??= response;
      },
      (err) => {
        this.log(job, `Runner failed: ${String(err)}`, "ERROR");
        job.response ??= infraError(500, "runner_server_error");
      },
    );
  }

  /** What the runner produces for this job's input and outcome. */
  private async run(job: FakeJob): Promise<FakeResponse> {
    if (this.deps.validateAt === "result") {
      const errors = await this.validate(job.endpoint, job.input);
      if (errors.length > 0) return { status: 422, body: { detail: errors } };
    }
    if (job.outcome === "no_video") return { status: 200, body: {} };
    if (job.outcome !== "success") return outcomeError(job.outcome);
    const aspect = job.input.aspect_ratio === "9:16" ? "9:16" : "16:9";
    const duration = typeof job.input.duration === "number" ? job.input.duration : 8;
    const resolution = typeof job.input.resolution === "string" ? job.input.resolution : undefined;
    const video = await this.deps.video(aspect, duration, resolution);
    this.log(job, `Rendered ${duration}s of ${video.width}x${video.height} video`);
    job.output = { ...video, url: this.deps.outputUrl(job.id) };
    const file = {
      url: job.output.url,
      content_type: "video/mp4",
      file_name: "output.mp4",
      file_size: video.bytes,
    };
    return { status: 200, body: { video: file } };
  }

  private finish(job: FakeJob, response?: FakeResponse) {
    if (response) job.response = response;
    job.state = "COMPLETED";
    job.stageSince = Date.now();
    this.log(job, job.canceled ? "Request cancelled" : "Done");
    if (job.webhookUrl) void this.deliver(job);
  }

  private async deliver(job: FakeJob) {
    const rawBody = JSON.stringify(webhookBody(job.id, job.response));
    for (let attempt = 1; attempt <= this.deps.webhookAttempts && !this.closed; attempt++) {
      const headers = this.deps.signer.headers(job.id, rawBody);
      const delivery = await postWebhook(job.webhookUrl!, rawBody, headers, { requestId: job.id, attempt });
      if (this.closed) return;
      this.deliveries.push(delivery);
      if (delivery.ok) return;
      await new Promise((r) => setTimeout(r, this.deps.webhookRetryDelayMs * attempt));
    }
  }

  async sendWebhook(
    id: string,
    o: {
      url?: string;
      body?: unknown;
      timestamp?: number;
      foreignKey?: boolean;
      headers?: Record<string, string | undefined>;
    } = {},
  ): Promise<WebhookDelivery> {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`fake fal: no job ${id}`);
    const url = o.url ?? job.webhookUrl;
    if (!url) throw new Error(`fake fal: job ${id} has no webhook URL; pass one`);
    const body = o.body ?? webhookBody(job.id, job.response);
    const rawBody = typeof body === "string" ? body : JSON.stringify(body);
    const headers: Record<string, string> = this.deps.signer.headers(job.id, rawBody, o);
    for (const [k, v] of Object.entries(o.headers ?? {})) {
      if (v === undefined) delete headers[k.toLowerCase()];
      else headers[k.toLowerCase()] = v;
    }
    const delivery = await postWebhook(url, rawBody, headers, { requestId: id, attempt: 1 });
    this.deliveries.push(delivery);
    return delivery;
  }

  close() {
    this.closed = true;
  }

  private validate(endpoint: string, input: unknown) {
    return validateRequest(endpoint, input, this.deps.files, { videoMaxSeconds: this.deps.videoMaxSeconds });
  }

  private urls(job: FakeJob) {
    const base = `${this.deps.url}/${job.app}/requests/${job.id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  }

  /** 0-based: how many jobs of the same app are ahead of this one. */
  private position(job: FakeJob): number {
    let ahead = 0;
    for (const other of this.jobs.values()) {
      if (other.app === job.app && other.state === "IN_QUEUE" && other.createdAt < job.createdAt) ahead++;
    }
    return ahead;
  }

  private log(job: FakeJob, message: string, level = "INFO") {
    job.logs.push({ message, level, source: "USER", timestamp: new Date().toISOString() });
  }
}
