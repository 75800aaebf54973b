import type { Db } from "@/lib/db/client";
import type { MediaStore } from "@/lib/media/storage";
import type { VideoProvider } from "@/lib/providers/types";
import type { HoverRenditions } from "../hover-renditions";
import type { pollDelayMs } from "./schedule";

export interface WorkerDeps {
  prisma: Db;
  store: MediaStore;
  providers: ReadonlyMap<string, VideoProvider>;
  /** Absolute URL the provider can call back, or undefined when webhooks are off. */
  webhookUrlFor?: (generationId: string, provider: VideoProvider) => string | undefined;
  owner?: string;
  leaseMs?: number;
  /** Shortest spacing of passes (tests shorten it; production spaces passes by the jobs in flight). */
  idleTickMs?: number;
  /** Longest sleep with nothing in flight before a safety pass (see SAFETY_SWEEP_MS). */
  sweepMs?: number;
  batchSize?: number;
  /** Jobs advanced at the same time; a slow provider call holds up only its own job. */
  concurrency?: number;
  /** Poll and backoff timing; tests shorten it, production uses the budgeted defaults. */
  schedule?: { poll: typeof pollDelayMs; backoff: (attempt: number) => number };
  log?: (message: string) => void;
  /** Makes the hover renditions of clips saved above 720p; the worker makes its own when left out. */
  renditions?: HoverRenditions;
}
