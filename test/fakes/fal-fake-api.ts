// The fake fal server's options and handle (see ./fal-server.ts for how it is used).
import type { FailRule, FakeJob, FakeOp, RecordedSubmit } from "@/test/fakes/fal-fake-engine";
import type { FakeOutcome } from "@/test/fakes/fal-fake-shapes";
import type { StoredFile } from "@/test/fakes/fal-fake-storage";
import type { FakeWebhookSigner, WebhookDelivery } from "@/test/fakes/fal-fake-webhooks";

export interface FakeFalOptions {
  port?: number;
  host?: string;
  /** The key `Authorization: Key <key>` must carry; null accepts any non-empty key. */
  key?: string | null;
  /** Time a job waits in the queue, then runs. */
  queueMs?: number;
  runMs?: number;
  /** Start with every job frozen where it is. */
  holdAll?: boolean;
  /**
   * Origin written into storage and output URLs (default: the fake's own). Set it to e.g.
   * "https://v3.fal.media" to prove that a client rewrites every host, not just the queue's.
   */
  publicOrigin?: string;
  userId?: string;
  /** Where bad input is refused: at submit (default), or as the job's result like a runner would. */
  validateAt?: "submit" | "result";
  /** Whether a running job stops when cancelled (default) or finishes anyway, as fal allows. */
  cancelRunning?: "stop" | "finish";
  webhookAttempts?: number;
  webhookRetryDelayMs?: number;
  /**
   * Longest reference video, in seconds (default 3, the third parties' figure). Each video URL is read
   * back from the fake's own storage and its length probed with ffprobe, as fal's runner would have to.
   */
  videoMaxSeconds?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  at: number;
  /** When the answer was fully written (set once it is). */
  finishedAt?: number;
}

export interface FakeFal {
  url: string;
  jwksUrl: string;
  key: string | null;
  requests: RecordedRequest[];
  jobs: Map<string, FakeJob>;
  /** Uploaded files by token. */
  files: Map<string, StoredFile>;
  counts: {
    submits: number;
    uploads: number;
    uploadInitiations: number;
    status: Record<string, number>;
    result: Record<string, number>;
    cancel: Record<string, number>;
  };
  /**
   * Every submit whose body the fake read, in order: its endpoint, its body exactly as sent, and the
   * answer (200 queued, or 422 with fal's detail list), so a test can check a payload field by field and
   * see what was refused. A fault injected instead of the work (failNext without afterWork) records none.
   */
  submits: RecordedSubmit[];
  readonly lastSubmit: RecordedSubmit | undefined;
  deliveries: WebhookDelivery[];
  readonly lastWebhook: WebhookDelivery | undefined;
  signer: FakeWebhookSigner;
  statusCalls(id: string): number;
  hold(id: string): void;
  release(id: string): void;
  holdAll(on: boolean): void;
  /** Moves a job to its next stage now, ignoring holds and timers. */
  advance(id: string): Promise<void>;
  nextOutcome(outcome: FakeOutcome, times?: number): void;
  failNext(op: FakeOp, rule: FailRule): void;
  /** How many answers for `op` are being held back right now (by `delayMs` or `until`). */
  heldAnswers(op: FakeOp): number;
  expireOutput(id: string): void;
  /** Drops the connections held open by `hang` rules. */
  cutHung(): void;
  /** Sends one signed webhook for a finished job; overrides forge or tamper with it. */
  sendWebhook(id: string, overrides?: SendWebhookOverrides): Promise<WebhookDelivery>;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  waitForState(id: string, state: FakeJob["state"], timeoutMs?: number): Promise<FakeJob>;
  close(): Promise<void>;
}

export interface SendWebhookOverrides {
  url?: string;
  /** Replaces the body: an object is JSON-encoded, a string is sent as is. */
  body?: unknown;
  timestamp?: number;
  foreignKey?: boolean;
  /** Applied after signing (undefined removes a header), e.g. to tamper with the signature. */
  headers?: Record<string, string | undefined>;
}
