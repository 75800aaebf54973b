// What a load run's polling looked like from fal's side: every status call the fake fal recorded, per
// job, in its busiest minute, by the job's age, and for all jobs together; and the server's CPU between
// two moments of the run. Shared by the in-flight load test and the poller and memory benchmarks.
import type { FakeFal } from "@/test/fakes/fal-server";

const MINUTE = 60_000;
const STATUS_PATH = /\/requests\/([^/?]+)\/status(?:\?|$)/;

export interface CpuSample {
  /** ms since fal received the last submit (negative before). */
  age: number;
  cpuSeconds: number;
}

/** Percent of one core the server used between two ages (ms since the last submit), from the samples. */
export function cpuPercent(samples: CpuSample[], fromAge: number, toAge: number): number | null {
  const a = samples.find((s) => s.age >= fromAge);
  const b = [...samples].reverse().find((s) => s.age <= toAge);
  if (!a || !b || b.age - a.age < 5_000) return null;
  return ((b.cpuSeconds - a.cpuSeconds) / ((b.age - a.age) / 1000)) * 100;
}

export interface StatusCallStats {
  /** Status calls each fal job received over the whole run. */
  statusCallsPerJob: Map<string, number>;
  /** The busiest 60 s of any job: most status calls one job got within any 60 s window. */
  maxCallsPerJobPerMinute: number;
  /** Status calls per second for all jobs together, while they were held. */
  statusCallsPerSecond: number;
  /** Calls per job per minute while jobs were under 30 s old, 30 s to 2 min, and over 2 min (null when not reached). */
  rateFirst30s: number;
  rate30sTo2min: number | null;
  rateAfter2min: number | null;
}

/** Status calls from the fake's own record of every request; jobs were held from `lastSubmit` to `releasedAt`. */
export function statusCallStats(fake: FakeFal, lastSubmit: number, releasedAt: number): StatusCallStats {
  const callTimes = new Map<string, number[]>();
  for (const r of fake.requests) {
    if (r.method !== "GET") continue;
    const m = STATUS_PATH.exec(r.path);
    if (!m) continue;
    const id = decodeURIComponent(m[1] as string);
    const list = callTimes.get(id) ?? [];
    list.push(r.at);
    callTimes.set(id, list);
  }
  let maxWindow = 0;
  for (const times of callTimes.values()) {
    times.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= MINUTE) j++;
      maxWindow = Math.max(maxWindow, i - j + 1);
    }
  }
  // Rate within an age band, over the jobs for which the whole band fell inside the hold.
  const band = (from: number, to: number): number | null => {
    let calls = 0;
    let counted = 0;
    for (const job of fake.jobs.values()) {
      if (job.createdAt + to > releasedAt) continue;
      counted++;
      for (const t of callTimes.get(job.id) ?? []) {
        const a = t - job.createdAt;
        if (a >= from && a < to) calls++;
      }
    }
    return counted ? calls / counted / ((to - from) / MINUTE) : null;
  };
  const heldFor = releasedAt - lastSubmit;
  // All jobs together, from the first status call to the release (the studio's shared cap).
  const heldCalls = [...callTimes.values()].flat().filter((t) => t <= releasedAt);
  const firstCall = Math.min(...heldCalls);
  return {
    statusCallsPerJob: new Map([...callTimes].map(([id, t]) => [id, t.length])),
    maxCallsPerJobPerMinute: maxWindow,
    statusCallsPerSecond:
      heldCalls.length > 1 ? heldCalls.length / Math.max(1, (releasedAt - firstCall) / 1000) : Number.NaN,
    rateFirst30s: band(0, 30_000) ?? Number.NaN,
    rate30sTo2min: heldFor >= 40_000 ? band(30_000, Math.min(120_000, heldFor - 1_000)) : null,
    rateAfter2min: heldFor >= 135_000 ? band(120_000, heldFor - 1_000) : null,
  };
}
