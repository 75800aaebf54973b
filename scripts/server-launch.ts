// How the studio's server process is started, in one place: `npm start` uses it, and so do the
// end-to-end tests, the load tests and the benchmarks, so what they measure is what users run.
// docs/performance.md (10. Memory) has the measurements behind each setting.
import path from "node:path";

/**
 * Node flags for the server.
 * - A 2 MB young generation instead of V8's 16 MB: requests and polls make garbage that dies young
 *   either way, and the larger space mostly sat resident (about 30 MB after start and after a burst).
 * - `gc()`, for the one collection after the embedded database is created (lib/db/client.ts).
 */
export const SERVER_NODE_FLAGS: readonly string[] = [
  "--max-semi-space-size=2",
  "--heap-growing-percent=100",
  "--expose-gc",
];

/**
 * Environment defaults; the caller's own values win. glibc gives each thread that calls malloc an arena of
 * its own (up to 8 per core): libuv's pool, sharp and V8's helpers each kept tens of MB after a burst.
 * Two arenas are what sharp's authors recommend for servers on glibc.
 */
export const SERVER_ENV_DEFAULTS: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: "2" };

/**
 * How long an idle kept-alive connection stays open, in ms. Node's 5 s default closes connections a
 * client (a proxy's upstream pool, a script's agent) is about to reuse: the request sent as the server
 * closes fails with ECONNRESET (an e2e run met it after 10 s of browser work between two API calls). Longer
 * than nginx's 60 s upstream keepalive_timeout, so the proxy always closes first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Arguments for `node` to run `next start` on the production build, listening on `host` only. Always
 * given: without `-H`, next start listens on every interface.
 */
export function serverArgs(root: string, port: number | string, host: string): string[] {
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const keepAlive = ["--keepAliveTimeout", String(KEEP_ALIVE_TIMEOUT_MS)];
  return [...SERVER_NODE_FLAGS, next, "start", "-H", host, "-p", String(port), ...keepAlive];
}

/** How `npm start` runs the server for a configuration: node's arguments and the address to open. */
export function launch(root: string, { port, hostname }: { port: number; hostname: string }) {
  const everywhere = hostname === "0.0.0.0" || hostname === "::";
  const host = everywhere ? "localhost" : hostname.includes(":") ? `[${hostname}]` : hostname;
  return {
    args: serverArgs(root, port, hostname),
    url: `http://${host}:${port}`,
    note: everywhere ? " (listening on every interface)" : "",
  };
}

/** The server's environment: the defaults above under `env`. */
export function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...SERVER_ENV_DEFAULTS, ...env };
}
