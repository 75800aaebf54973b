// A studio's HTTP API as the load runs, benchmarks and end-to-end specs call it: plain fetch, no server
// code (types only), so Playwright specs can import it. Every call takes the headers that sign it in (a
// session cookie, `{ cookie }`, or a personal API token, `{ authorization: "Bearer ..." }`): without them
// the studio answers 401.
import type { AssetDTO, GenerationDTO } from "@/lib/generations/dto";

/** Headers that sign a request in: `{ cookie: "omni.session_token=..." }` or `{ authorization: "Bearer ..." }`. */
export type AuthHeaders = Record<string, string>;

/**
 * A GET, timed end to end; `serverMs` is the route's own time when it sends a Server-Timing header. A
 * redirect is answered as such (not followed), so a page that sends an unsigned caller to the sign-in page
 * shows as a 307, never as the sign-in page's 200.
 */
export async function timedGet(
  url: string,
  auth: AuthHeaders = {},
): Promise<{
  status: number;
  ms: number;
  serverMs: number | null;
  /** The route's time resolving the caller (`Server-Timing: auth`), when it sends one. */
  authMs: number | null;
  body: string;
}> {
  const t0 = performance.now();
  const res = await fetch(url, {
    headers: { accept: "application/json, text/html", ...auth },
    redirect: "manual",
  });
  const body = await res.text();
  const ms = performance.now() - t0;
  const header = res.headers.get("server-timing");
  return {
    status: res.status,
    ms,
    serverMs: serverTiming(header, "total"),
    authMs: serverTiming(header, "auth"),
    body,
  };
}

/** The duration of one entry of a Server-Timing header (`name;dur=12.3`), or null. */
export function serverTiming(header: string | null, name: string): number | null {
  const m = new RegExp(`(?:^|,)\\s*${name};dur=([\\d.]+)`).exec(header ?? "");
  return m ? Number(m[1]) : null;
}

/** What POST /api/uploads answers (a type only, so Playwright specs can import this file). */
export type UploadedAsset = AssetDTO;

export async function uploadImage(
  base: string,
  bytes: Uint8Array,
  fileName: string,
  type = "image/png",
  auth: AuthHeaders = {},
): Promise<{ status: number; ms: number; asset?: UploadedAsset; error?: unknown }> {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], fileName, { type }));
  const t0 = performance.now();
  const res = await fetch(`${base}/api/uploads`, { method: "POST", body: form, headers: auth });
  const json = (await res.json().catch(() => ({}))) as { asset?: UploadedAsset; error?: unknown };
  return { status: res.status, ms: performance.now() - t0, asset: json.asset, error: json.error };
}

export interface ClipRequest {
  prompt: string;
  referenceIds: string[];
  idempotencyKey: string;
  duration?: number;
  aspectRatio?: "16:9" | "9:16";
}

/** POST /api/generations; throws unless it answers 202, and returns the new generation's id. */
export async function createClip(base: string, clip: ClipRequest, auth: AuthHeaders = {}): Promise<string> {
  const res = await fetch(`${base}/api/generations`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify({ duration: 3, aspectRatio: "16:9", ...clip }),
  });
  const json = (await res.json().catch(() => ({}))) as { generation?: { id: string } };
  if (res.status !== 202 || !json.generation) {
    throw new Error(`POST /api/generations answered ${res.status}: ${JSON.stringify(json)}`);
  }
  return json.generation.id;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
}

export interface GenerationPage {
  items: GenerationDTO[];
  nextCursor: string | null;
  /** End-to-end time of the request. */
  ms: number;
  /** The route's own time (Server-Timing), when it sent one. */
  serverMs: number | null;
}

/** Every page of GET /api/generations, newest first, through nextCursor; throws on an error or a loop. */
export async function* generationPages(
  base: string,
  limit = 100,
  auth: AuthHeaders = {},
): AsyncGenerator<GenerationPage> {
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await timedGet(
      `${base}/api/generations?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      auth,
    );
    pages += 1;
    if (r.status !== 200) throw new Error(`page ${pages} answered ${r.status}: ${r.body}`);
    const page = JSON.parse(r.body) as { items: GenerationDTO[]; nextCursor: string | null };
    yield { ...page, ms: r.ms, serverMs: r.serverMs };
    cursor = page.nextCursor;
    if (pages > 10_000) throw new Error("the gallery never ends: nextCursor loops");
  } while (cursor);
}

/** Every generation the studio lists (all pages), newest first. */
export async function allGenerations(base: string, auth: AuthHeaders = {}): Promise<GenerationDTO[]> {
  const all: GenerationDTO[] = [];
  for await (const page of generationPages(base, 100, auth)) all.push(...page.items);
  return all;
}
